"""The audit log in plain Dutch: who did what, when, and which fields changed.

django-auditlog shows English column names and summaries ("1 change: tekst"); the labels of its
own model and filters come from ``locale/nl``; the columns and summaries are made here. The
"Geschiedenis" page of an item shows its entries of this log instead of the admin's own history
(which VIT does not keep)."""

import re
from datetime import UTC, datetime

from auditlog.models import LogEntry
from auditlog.render import get_field_verbose_name
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.timezone import localtime

__all__ = ["AuditlogGeschiedenis", "NederlandsLogboek", "samenvatting", "veldwijzigingen"]

WERKWOORD = {
    LogEntry.Action.CREATE: "Aangemaakt",
    LogEntry.Action.UPDATE: "Gewijzigd",
    LogEntry.Action.DELETE: "Verwijderd",
    LogEntry.Action.ACCESS: "Bekeken",
}

KOPPELING = {"add": "gekoppeld", "delete": "ontkoppeld", "clear": "alle koppelingen verwijderd"}


def samenvatting(entry) -> str:
    """'Gewijzigd: tekst en helptekst' for the list; what was done, in one line."""
    werkwoord = WERKWOORD.get(entry.action, "Vastgelegd")
    if entry.action != LogEntry.Action.UPDATE:
        return werkwoord
    velden = [str(get_field_verbose_name(entry, veld)).lower() for veld in entry.changes_dict]
    if not velden:
        return werkwoord
    if len(velden) > 4:
        return f"{werkwoord}: {', '.join(velden[:4])} en {len(velden) - 4} andere velden"
    tekst = velden[0] if len(velden) == 1 else f"{', '.join(velden[:-1])} en {velden[-1]}"
    return f"{werkwoord}: {tekst}"


def persoon(entry) -> str:
    if entry.actor is None:
        return "systeem (geen persoon)"
    return entry.actor.get_full_name() or entry.actor.get_username()


DATUMTIJD = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}")


def _waarde(waarde, keuzes) -> str:
    """A stored value as a person reads it: empty, a choice's label or a local date and time."""
    if waarde in (None, "None", ""):
        return "(leeg)"
    tekst = str(waarde)
    if tekst in keuzes:
        return str(keuzes[tekst])
    if DATUMTIJD.match(tekst):
        try:
            moment = datetime.fromisoformat(tekst)
        except ValueError:
            return tekst
        if timezone.is_naive(moment):  # auditlog keeps UTC without the offset
            moment = timezone.make_aware(moment, UTC)
        return localtime(moment).strftime("%d-%m-%Y %H:%M")
    return tekst


def veldwijzigingen(entry) -> list[tuple[str, str, str]]:
    """Per changed field: its Dutch label, what it was and what it becomes. The internal id and
    the reverse relations that auditlog lists on creation ("principles.Scan.None") are left out."""
    if entry.action in (LogEntry.Action.DELETE, LogEntry.Action.ACCESS):
        return []
    model = entry.content_type.model_class()
    velden = {}
    if model is not None:
        velden = {
            f.name: f
            for f in (*model._meta.concrete_fields, *model._meta.many_to_many)
            if not f.primary_key
        }
    rijen = []
    for veld, waarden in sorted(entry.changes_dict.items()):
        if model is not None and veld not in velden:
            continue
        if isinstance(waarden, dict):  # a many-to-many change
            bewerking = KOPPELING.get(waarden.get("operation"), "gewijzigd")
            voor, na = "", f"{bewerking}: {', '.join(map(str, waarden.get('objects', [])))}"
        else:
            keuzes = {str(k): v for k, v in getattr(velden.get(veld), "flatchoices", None) or []}
            voor, na = (_waarde(w, keuzes) for w in waarden)
        rijen.append((capfirst(str(get_field_verbose_name(entry, veld))), voor, na))
    return rijen


def _soortnaam(content_type) -> str:
    model = content_type.model_class()  # None when the model no longer exists
    return capfirst(model._meta.verbose_name) if model else content_type.model


class ActieFilter(admin.SimpleListFilter):
    title = "wat er gebeurde"
    parameter_name = "actie"

    def lookups(self, request, model_admin):
        return [(str(waarde), label.lower()) for waarde, label in WERKWOORD.items()]

    def queryset(self, request, queryset):
        waarde = self.value()
        return queryset.filter(action=int(waarde)) if waarde and waarde.isdigit() else queryset


class SoortFilter(admin.SimpleListFilter):
    title = "soort onderdeel"
    parameter_name = "soort"

    def lookups(self, request, model_admin):
        ids = model_admin.get_queryset(request).values_list("content_type_id", flat=True)
        soorten = ContentType.objects.filter(pk__in=ids.distinct())
        keuzes = [(str(ct.pk), _soortnaam(ct)) for ct in soorten]
        return sorted(keuzes, key=lambda keuze: keuze[1])

    def queryset(self, request, queryset):
        waarde = self.value()
        if waarde and waarde.isdigit():
            return queryset.filter(content_type_id=int(waarde))
        return queryset


class NederlandsLogboek:
    """Columns, filters and the detail page of the audit log admin, in Dutch."""

    list_display = ["wanneer", "wie", "onderdeel", "wat"]
    list_filter = [ActieFilter, SoortFilter]
    readonly_fields = ["wanneer", "wie", "onderdeel", "wat", "velden"]
    fieldsets = [(None, {"fields": ["wanneer", "wie", "onderdeel", "wat", "velden"]})]

    @admin.display(description="wanneer", ordering="timestamp")
    def wanneer(self, obj):
        return localtime(obj.timestamp).strftime("%d-%m-%Y %H:%M")

    @admin.display(description="wie")
    def wie(self, obj):
        return persoon(obj)

    @admin.display(description="onderdeel")
    def onderdeel(self, obj):
        return f"{_soortnaam(obj.content_type)}: {obj.object_repr}"

    @admin.display(description="wat er gebeurde")
    def wat(self, obj):
        return samenvatting(obj)

    @admin.display(description="wijzigingen")
    def velden(self, obj):
        rijen = veldwijzigingen(obj)
        if not rijen:
            return "Geen wijzigingen in velden."
        return format_html(
            '<table><thead><tr><th scope="col">Veld</th><th scope="col">Was</th>'
            '<th scope="col">Wordt</th></tr></thead><tbody>{}</tbody></table>',
            format_html_join("", '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>', rijen),
        )

    def changelist_view(self, request, extra_context=None):
        context = {"title": "Logboek: wie heeft wat wanneer gedaan", **(extra_context or {})}
        return super().changelist_view(request, context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = {"title": "Logboekvermelding bekijken", **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)


class AuditlogGeschiedenis:
    """A model admin whose "Geschiedenis" page lists the item's audit-log entries in Dutch.

    Whoever may view the item may read its history; nobody else (as in Django's own page)."""

    geschiedenis_per_pagina = 50

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        entries = (
            LogEntry.objects.get_for_object(obj)
            .select_related("actor", "content_type")
            .order_by("-timestamp", "-pk")
        )
        pagina = Paginator(entries, self.geschiedenis_per_pagina).get_page(request.GET.get("p"))
        regels = [
            {
                "wanneer": localtime(entry.timestamp).strftime("%d-%m-%Y %H:%M"),
                "wie": persoon(entry),
                "wat": samenvatting(entry),
                "velden": veldwijzigingen(entry),
            }
            for entry in pagina
        ]
        logboek_url = None
        if request.user.has_perm("auditlog.view_logentry"):
            soort = ContentType.objects.get_for_model(self.model)
            logboek_url = reverse("admin:auditlog_logentry_changelist") + f"?soort={soort.pk}"
        context = {
            **self.admin_site.each_context(request),
            "title": f"Geschiedenis van {self.opts.verbose_name} {obj}",
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "module_name": capfirst(self.opts.verbose_name_plural),
            "regels": regels,
            "pagina": pagina,
            "logboek_url": logboek_url,
            "wijzig_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
            ),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/vit_geschiedenis.html", context)
