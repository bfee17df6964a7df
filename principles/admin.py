"""Content editing for inhoudsbeheerders. Published versions are shown read-only.

Every list shows one version at a time (the newest concept first) with a version column; every
change page says which version and status it belongs to. The version pages themselves (copy,
differences, publishing) are in ``admin_versies``.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import Truncator

from . import admin_versies  # noqa: F401  (registers the version admin)
from .admin_basis import (
    AlleenConceptBewerkbaar,
    VersieFilter,
    VersieOnderdeelAdmin,
    VersieVanUitgangspuntFilter,
    VersieVasteVeldenForm,
    versie_label,
)
from .admin_v2 import VraagPerspectiefInline
from .models import (
    Antwoordniveau,
    Basisfunctionaliteit,
    CheckVraag,
    Handreiking,
    KaderPerspectief,
    KaderVersie,
    Koppeling,
    Uitgangspunt,
)


@admin.register(Antwoordniveau)
class AntwoordniveauAdmin(VersieOnderdeelAdmin):
    # The value is what stored answers mean: it never changes once the level exists.
    vaste_velden = ("versie", "waarde")
    list_display = ("waarde", "label", "versie_kolom")
    list_filter = (VersieFilter,)
    list_select_related = ("versie",)


@admin.register(Basisfunctionaliteit)
class BasisfunctionaliteitAdmin(VersieOnderdeelAdmin):
    # The number is part of its name in every report (BF1 is "1. ..."), like the key.
    vaste_velden = ("versie", "sleutel", "volgorde")
    list_display = ("volgorde", "korte_titel", "sleutel", "versie_kolom")
    list_filter = (VersieFilter,)
    list_select_related = ("versie",)


class KoppelingInline(AlleenConceptBewerkbaar, admin.StackedInline):
    model = Koppeling
    extra = 0


class UniekeSleutelForm(forms.ModelForm):
    """A question's key is unique in its whole version: versions are compared on it."""

    def clean(self):
        data = super().clean()
        up = data.get("uitgangspunt") or getattr(self.instance, "uitgangspunt", None)
        sleutel = data.get("sleutel")
        if up is not None and sleutel and "sleutel" in self.changed_data:
            bezet = CheckVraag.objects.filter(uitgangspunt__versie=up.versie_id, sleutel=sleutel)
            if bezet.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "sleutel",
                    f"De sleutel {sleutel} bestaat al in versie {up.versie.nummer}. "
                    "Kies een sleutel die nog niet gebruikt is, bijvoorbeeld het volgende nummer.",
                )
        return data


class CheckVraagInlineForm(VersieVasteVeldenForm, UniekeSleutelForm):
    class Meta:
        model = CheckVraag
        fields = ("sleutel", "volgorde", "fase", "tekst", "helptekst")


class CheckVraagInline(AlleenConceptBewerkbaar, admin.StackedInline):
    model = CheckVraag
    form = CheckVraagInlineForm
    extra = 0
    fields = ("sleutel", "volgorde", "fase", "tekst", "helptekst")


@admin.register(Uitgangspunt)
class UitgangspuntAdmin(VersieOnderdeelAdmin):
    # UP3 is "3. ..." everywhere and its questions are UP3-1, UP3-2, ...: key and number stay.
    vaste_velden = ("versie", "sleutel", "volgorde")
    list_display = ("volgorde", "korte_titel", "sleutel", "versie_kolom")
    list_filter = (VersieFilter,)
    list_select_related = ("versie",)
    search_fields = ("titel", "korte_titel", "checkvragen__tekst")
    inlines = (KoppelingInline, CheckVraagInline)
    # The public page always shows the published version, not the one being edited here.
    view_on_site = False


@admin.register(CheckVraag)
class CheckVraagAdmin(VersieOnderdeelAdmin):
    # A question stays with its uitgangspunt (its key says which); its place in the list may
    # change in a concept, since answers are matched on the key, not on the place.
    vaste_velden = ("sleutel", "uitgangspunt")
    form = UniekeSleutelForm
    list_display = ("sleutel", "versie_kolom", "tekst_kort", "fase", "uitgangspunt_kort")
    list_filter = (VersieVanUitgangspuntFilter, "fase")
    search_fields = ("sleutel", "tekst")
    list_select_related = ("uitgangspunt", "uitgangspunt__versie")

    def get_inlines(self, request, obj):
        # Only a version with perspectives asks a question of some of them (v1: of everyone).
        if (
            obj is not None
            and KaderPerspectief.objects.filter(versie=obj.uitgangspunt.versie_id).exists()
        ):
            return (VraagPerspectiefInline,)
        return ()

    @admin.display(description="tekst", ordering="tekst")
    def tekst_kort(self, obj):
        return Truncator(obj.tekst).words(16)

    @admin.display(description="uitgangspunt", ordering="uitgangspunt__volgorde")
    def uitgangspunt_kort(self, obj):
        return obj.uitgangspunt.naam

    def get_urls(self):
        return [
            path(
                "<int:pk>/voorbeeld/",
                self.admin_site.admin_view(self.voorbeeld_view),
                name="principles_checkvraag_voorbeeld",
            )
        ] + super().get_urls()

    def versie_context(self, request, obj):
        context = super().versie_context(request, obj)
        url = reverse("admin:principles_checkvraag_voorbeeld", args=[obj.pk])
        context["vit_voorbeeld_url"] = url
        return context

    def voorbeeld_view(self, request, pk):
        """The question as a respondent sees it: its text, help text and the version's scale."""
        vraag = get_object_or_404(CheckVraag.objects.select_related("uitgangspunt__versie"), pk=pk)
        if not self.has_view_permission(request, vraag):
            raise PermissionDenied
        up = vraag.uitgangspunt
        versie = up.versie
        sleutels = list(up.checkvragen.order_by("volgorde").values_list("sleutel", flat=True))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{versie_label(versie)}: voorbeeld van check-vraag {vraag.sleutel}",
            "vraag": vraag,
            "up": up,
            "versie": versie,
            "nummer": sleutels.index(vraag.sleutel) + 1,
            "aantal": len(sleutels),
            "antwoordschaal": list(versie.antwoordniveaus.order_by("waarde")),
            "wijzig_url": reverse("admin:principles_checkvraag_change", args=[vraag.pk]),
        }
        return TemplateResponse(request, "admin/principles/checkvraag_voorbeeld.html", context)


@admin.register(Handreiking)
class HandreikingAdmin(VersieOnderdeelAdmin):
    list_display = ("titel", "soort", "uitgever", "versie_kolom")
    list_filter = (VersieFilter, "soort")
    list_select_related = ("versie",)
    search_fields = ("titel", "uitgever", "url", "bron")
    filter_horizontal = ("uitgangspunten",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "uitgangspunten":
            rijen = Uitgangspunt.objects.filter(versie__status=KaderVersie.Status.CONCEPT)
            versie = getattr(request, "_vit_toevoegen_versie", None)  # set on the add page
            if versie is not None:
                rijen = rijen.filter(versie=versie)
            kwargs["queryset"] = rijen.select_related("versie")
        veld = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "uitgangspunten":
            veld.label_from_instance = lambda o: f"{o.naam} (versie {o.versie.nummer})"
        return veld
