"""The version pages of the framework admin: pick a version (concepts first), make a new one as a
copy, see what changed against the previous version and publish through a confirmation page."""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from vit.wijzigingslog import AuditlogGeschiedenis

from .admin_basis import BEVROREN_MELDING, versie_label
from .models import KaderBevrorenError, KaderVersie
from .verschillen import vergelijk, vorige_versie

__all__ = ["KaderVersieAdmin"]

# The parts of a version an editor works on, as (model name, label).
ONDERDELEN = (
    ("uitgangspunt", "Uitgangspunten"),
    ("checkvraag", "Check-vragen"),
    ("handreiking", "Handreikingen"),
    ("antwoordniveau", "Antwoordschaal"),
    ("basisfunctionaliteit", "Basisfunctionaliteiten"),
)


def onderdeel_links(versie: KaderVersie):
    return [
        (label, reverse(f"admin:principles_{model}_changelist") + f"?versie={versie.pk}")
        for model, label in ONDERDELEN
    ]


def met_links(verschillen):
    """Give every item of the differences the address of its admin page: added and changed items
    in the newer version, removed items in the older version, where they still exist."""
    for onderdeel in verschillen:
        naam = onderdeel.pagina_model._meta.model_name

        def url(pk, naam=naam):
            return reverse(f"admin:principles_{naam}_change", args=[pk])

        onderdeel.toegevoegd_links = [
            (sleutel, tekst, url(onderdeel.pk_nieuw[sleutel]))
            for sleutel, tekst in onderdeel.toegevoegd
        ]
        onderdeel.verwijderd_links = [
            (sleutel, tekst, url(onderdeel.pk_oud[sleutel]))
            for sleutel, tekst in onderdeel.verwijderd
        ]
        for wijziging in onderdeel.gewijzigd:
            wijziging.url = url(wijziging.pk)
    return verschillen


@admin.register(KaderVersie)
class KaderVersieAdmin(AuditlogGeschiedenis, admin.ModelAdmin):
    list_display = ("versie_kolom", "naam", "kopie_van", "gepubliceerd_op", "onderdelen")
    list_display_links = ("versie_kolom",)
    list_filter = ("status",)
    list_select_related = ("gebaseerd_op",)
    readonly_fields = ("status", "gepubliceerd_op", "gebaseerd_op", "aangemaakt_op")
    actions = ("maak_kopie", "publiceer", "archiveer", "verwijder_concepten")
    change_form_template = "admin/principles/kaderversie_change_form.html"

    def get_ordering(self, request):
        # Concepts first: that is what an editor works on; then the newest first.
        concept_eerst = Case(
            When(status=KaderVersie.Status.CONCEPT, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (concept_eerst.asc(), "-nummer")

    @admin.display(description="versie", ordering="nummer")
    def versie_kolom(self, obj):
        return versie_label(obj)

    @admin.display(description="kopie van", ordering="gebaseerd_op__nummer")
    def kopie_van(self, obj):
        return f"Versie {obj.gebaseerd_op.nummer}" if obj.gebaseerd_op else "-"

    def changelist_view(self, request, extra_context=None):
        titel = "Kies een kaderversie (concepten eerst)"
        return super().changelist_view(request, {"title": titel, **(extra_context or {})})

    @admin.display(description="onderdelen")
    def onderdelen(self, obj):
        verschillen = reverse("admin:principles_kaderversie_verschillen", args=[obj.pk])
        links = onderdeel_links(obj)[:3] + [("Wat is er veranderd", verschillen)]
        return format_html_join(mark_safe("<br>"), '<a href="{1}">{0}</a>', links)

    def get_readonly_fields(self, request, obj=None):
        # The number is how everyone names the version (and scans refer to it): it stays.
        velden = list(super().get_readonly_fields(request, obj))
        return velden if obj is None else ["nummer", *velden]

    def has_change_permission(self, request, obj=None):
        ok = super().has_change_permission(request, obj)
        return ok and (obj is None or obj.is_bewerkbaar)

    def has_delete_permission(self, request, obj=None):
        ok = super().has_delete_permission(request, obj)
        return ok and (obj is None or obj.is_bewerkbaar)

    def mag_publiceren(self, request):
        return request.user.has_perm("principles.change_kaderversie")

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Deleting is offered last and only for concepts (see verwijder_concepten).
        actions.pop("delete_selected", None)
        if not request.user.has_perm("principles.add_kaderversie"):
            actions.pop("maak_kopie", None)
        if not self.mag_publiceren(request):
            actions.pop("publiceer", None)
            actions.pop("archiveer", None)
        if not request.user.has_perm("principles.delete_kaderversie"):
            actions.pop("verwijder_concepten", None)
        return actions

    def get_urls(self):
        def eigen(route, view, naam):
            naam = f"principles_kaderversie_{naam}"
            return path(route, self.admin_site.admin_view(view), name=naam)

        return [
            eigen("<int:pk>/publiceren/", self.publiceren_view, "publiceren"),
            eigen("<int:pk>/verschillen/", self.verschillen_view, "verschillen"),
            eigen("<int:pk>/kopie/", self.kopie_view, "kopie"),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        versie = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if versie is not None:
            context.update(
                {
                    "title": f"{versie_label(versie)}: {versie.naam}",
                    "subtitle": None,
                    "vit_versie": versie,
                    "vit_versie_label": versie_label(versie),
                    "vit_onderdelen": onderdeel_links(versie),
                    "vit_mag_publiceren": versie.is_bewerkbaar and self.mag_publiceren(request),
                    "vit_mag_kopieren": request.user.has_perm("principles.add_kaderversie"),
                    "vit_bevroren": ""
                    if versie.is_bewerkbaar
                    else BEVROREN_MELDING.format(status=versie.get_status_display().lower()),
                }
            )
        return super().change_view(request, object_id, form_url, context)

    def history_view(self, request, object_id, extra_context=None):
        versie = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if versie is not None:
            context.update({"title": f"{versie_label(versie)}: geschiedenis", "vit_versie": versie})
        return super().history_view(request, object_id, context)

    def _pagina(self, request, versie, template, **extra):
        vorige = vorige_versie(versie)
        verschillen = met_links(vergelijk(vorige, versie))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "versie": versie,
            "vorige": vorige,
            "verschillen": verschillen,
            "aantal_verschillen": sum(v.aantal for v in verschillen),
            "versie_url": reverse("admin:principles_kaderversie_change", args=[versie.pk]),
            **extra,
        }
        return TemplateResponse(request, template, context)

    def verschillen_view(self, request, pk):
        versie = get_object_or_404(KaderVersie, pk=pk)
        if not self.has_view_permission(request, versie):
            raise PermissionDenied
        titel = f"{versie_label(versie)}: wat is er veranderd"
        return self._pagina(request, versie, "admin/principles/verschillen.html", title=titel)

    def publiceren_view(self, request, pk):
        """GET: what publishing means and what changed; POST: publish."""
        versie = get_object_or_404(KaderVersie, pk=pk)
        if not self.mag_publiceren(request):
            raise PermissionDenied
        versie_url = reverse("admin:principles_kaderversie_change", args=[versie.pk])
        if not versie.is_bewerkbaar:
            self.message_user(request, "Deze versie is al gepubliceerd.", messages.WARNING)
            return HttpResponseRedirect(versie_url)
        if request.method == "POST":
            try:
                with transaction.atomic():
                    versie.publiceer()
            except KaderBevrorenError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
                return HttpResponseRedirect(versie_url)
            self.message_user(
                request,
                f"Versie {versie.nummer} is gepubliceerd. Nieuwe scans gebruiken deze versie.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(versie_url)
        titel = f"{versie_label(versie)} publiceren"
        return self._pagina(request, versie, "admin/principles/publiceren.html", title=titel)

    def kopie_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        versie = get_object_or_404(KaderVersie, pk=pk)
        if not request.user.has_perm("principles.add_kaderversie"):
            raise PermissionDenied
        kopie = versie.maak_kopie()
        self._kopie_gemaakt(request, kopie)
        return HttpResponseRedirect(reverse("admin:principles_kaderversie_change", args=[kopie.pk]))

    def _kopie_gemaakt(self, request, kopie):
        links = [(tekst.lower(), url) for tekst, url in onderdeel_links(kopie)[:3]]
        self.message_user(
            request,
            format_html(
                "Versie {} is gemaakt als concept. U kunt deze nu bewerken: {}.",
                kopie.nummer,
                format_html_join(", ", '<a href="{1}">{0}</a>', links),
            ),
            messages.SUCCESS,
        )

    @admin.action(description="Nieuwe versie maken als kopie van de gekozen versie")
    def maak_kopie(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Kies precies één versie om te kopiëren.", messages.ERROR)
            return None
        self._kopie_gemaakt(request, queryset.get().maak_kopie())
        return None

    @admin.action(description="Gekozen conceptversie publiceren (u ziet eerst wat er verandert)")
    def publiceer(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Kies precies één versie om te publiceren.", messages.ERROR)
            return None
        return HttpResponseRedirect(
            reverse("admin:principles_kaderversie_publiceren", args=[queryset.get().pk])
        )

    @admin.action(description="Gekozen gepubliceerde versie archiveren")
    def archiveer(self, request, queryset):
        try:
            with transaction.atomic():
                for versie in queryset:
                    versie.archiveer()
        except KaderBevrorenError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return
        self.message_user(request, f"{queryset.count()} versie(s) gearchiveerd.", messages.SUCCESS)

    @admin.action(description="Gekozen conceptversies verwijderen")
    def verwijder_concepten(self, request, queryset):
        if queryset.exclude(status=KaderVersie.Status.CONCEPT).exists():
            self.message_user(
                request,
                "Een gepubliceerde of gearchiveerde versie kan niet worden verwijderd.",
                messages.ERROR,
            )
            return None
        return delete_selected(self, request, queryset)
