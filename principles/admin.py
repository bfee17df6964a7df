"""Content editing for inhoudsbeheerders. Published versions are shown read-only."""

from django.contrib import admin, messages
from django.db import models, transaction

from .models import (
    Antwoordniveau,
    Basisfunctionaliteit,
    CheckVraag,
    Handreiking,
    KaderBevrorenError,
    KaderVersie,
    Koppeling,
    Uitgangspunt,
)


def _versie_van(obj):
    if obj is None:
        return None
    if isinstance(obj, KaderVersie):
        return obj
    if hasattr(obj, "versie"):
        return obj.versie
    return obj.uitgangspunt.versie


class AlleenConceptBewerkbaar:
    """Objects of a published or archived version can be viewed, not changed or deleted."""

    def _bewerkbaar(self, obj):
        versie = _versie_van(obj)
        return versie is None or versie.is_bewerkbaar

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._bewerkbaar(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._bewerkbaar(obj)

    def has_add_permission(self, request, obj=None):
        # Inlines receive the parent object; model admins are called without one.
        if isinstance(self, admin.options.InlineModelAdmin):
            return super().has_add_permission(request, obj) and self._bewerkbaar(obj)
        return super().has_add_permission(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "versie":
            kwargs["queryset"] = KaderVersie.objects.filter(status=KaderVersie.Status.CONCEPT)
        elif db_field.name == "uitgangspunt":
            kwargs["queryset"] = Uitgangspunt.objects.filter(
                versie__status=KaderVersie.Status.CONCEPT
            ).select_related("versie")
        elif db_field.name == "basisfunctionaliteit":
            kwargs["queryset"] = Basisfunctionaliteit.objects.filter(
                versie__status=KaderVersie.Status.CONCEPT
            ).select_related("versie")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(KaderVersie)
class KaderVersieAdmin(admin.ModelAdmin):
    list_display = ("nummer", "naam", "status", "gepubliceerd_op", "gebaseerd_op")
    list_filter = ("status",)
    readonly_fields = ("status", "gepubliceerd_op", "gebaseerd_op", "aangemaakt_op")
    actions = ("maak_kopie", "publiceer", "archiveer")

    def has_change_permission(self, request, obj=None):
        ok = super().has_change_permission(request, obj)
        return ok and (obj is None or obj.is_bewerkbaar)

    def has_delete_permission(self, request, obj=None):
        ok = super().has_delete_permission(request, obj)
        return ok and (obj is None or obj.is_bewerkbaar)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("principles.add_kaderversie"):
            actions.pop("maak_kopie", None)
        if not request.user.has_perm("principles.change_kaderversie"):
            actions.pop("publiceer", None)
            actions.pop("archiveer", None)
        return actions

    @admin.action(description="Nieuwe versie maken als kopie van de gekozen versie")
    def maak_kopie(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Kies precies één versie om te kopiëren.", messages.ERROR)
            return
        kopie = queryset.get().maak_kopie()
        self.message_user(
            request,
            f"Versie {kopie.nummer} is gemaakt als concept. U kunt deze nu bewerken.",
            messages.SUCCESS,
        )

    @admin.action(description="Gekozen conceptversie publiceren (daarna niet meer te wijzigen)")
    def publiceer(self, request, queryset):
        self._overgang(request, queryset, "publiceer", "gepubliceerd")

    @admin.action(description="Gekozen gepubliceerde versie archiveren")
    def archiveer(self, request, queryset):
        self._overgang(request, queryset, "archiveer", "gearchiveerd")

    def _overgang(self, request, queryset, methode, woord):
        try:
            with transaction.atomic():
                for versie in queryset:
                    getattr(versie, methode)()
        except KaderBevrorenError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return
        self.message_user(request, f"{queryset.count()} versie(s) {woord}.", messages.SUCCESS)


@admin.register(Antwoordniveau)
class AntwoordniveauAdmin(AlleenConceptBewerkbaar, admin.ModelAdmin):
    list_display = ("waarde", "label", "versie")
    list_filter = ("versie",)


@admin.register(Basisfunctionaliteit)
class BasisfunctionaliteitAdmin(AlleenConceptBewerkbaar, admin.ModelAdmin):
    list_display = ("volgorde", "korte_titel", "sleutel", "versie")
    list_filter = ("versie",)


class KoppelingInline(AlleenConceptBewerkbaar, admin.StackedInline):
    model = Koppeling
    extra = 0


class CheckVraagInline(AlleenConceptBewerkbaar, admin.StackedInline):
    model = CheckVraag
    extra = 0
    fields = ("sleutel", "volgorde", "fase", "tekst", "helptekst")


@admin.register(Uitgangspunt)
class UitgangspuntAdmin(AlleenConceptBewerkbaar, admin.ModelAdmin):
    list_display = ("volgorde", "korte_titel", "sleutel", "versie")
    list_filter = ("versie",)
    search_fields = ("titel", "korte_titel", "checkvragen__tekst")
    inlines = (KoppelingInline, CheckVraagInline)


@admin.register(CheckVraag)
class CheckVraagAdmin(AlleenConceptBewerkbaar, admin.ModelAdmin):
    list_display = ("sleutel", "tekst", "fase", "uitgangspunt")
    list_filter = ("uitgangspunt__versie", "fase", "uitgangspunt")
    search_fields = ("sleutel", "tekst")
    list_select_related = ("uitgangspunt", "uitgangspunt__versie")


@admin.register(Handreiking)
class HandreikingAdmin(AlleenConceptBewerkbaar, admin.ModelAdmin):
    list_display = ("titel", "soort", "uitgever", "versie")
    list_filter = ("versie", "soort")
    search_fields = ("titel", "uitgever", "url")
    filter_horizontal = ("uitgangspunten",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "uitgangspunten":
            kwargs["queryset"] = Uitgangspunt.objects.filter(
                versie__status=KaderVersie.Status.CONCEPT
            ).select_related("versie")
        return super().formfield_for_manytomany(db_field, request, **kwargs)
