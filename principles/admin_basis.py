"""What every admin page of the framework shares: which version a page is about, its status,
the rule that only a concept changes, keys that stay fixed and no bulk delete."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from vit.wijzigingslog import AuditlogGeschiedenis

from .models import Basisfunctionaliteit, KaderVersie, Uitgangspunt

__all__ = [
    "BEVROREN_MELDING",
    "AlleenConceptBewerkbaar",
    "VersieOnderdeelAdmin",
    "VersieVasteVeldenForm",
    "gekozen_versie",
    "standaard_versie",
    "toevoegen_versie",
    "versie_label",
    "versie_van",
]

BEVROREN_MELDING = (
    "Deze versie is {status} en kan niet meer worden gewijzigd; maak een nieuwe versie als kopie."
)


def versie_label(versie: KaderVersie) -> str:
    return f"Versie {versie.nummer} ({versie.get_status_display().lower()})"


def versie_van(obj):
    if obj is None:
        return None
    if isinstance(obj, KaderVersie):
        return obj
    if hasattr(obj, "versie"):
        return obj.versie
    return obj.uitgangspunt.versie


def standaard_versie() -> KaderVersie | None:
    """The version a list shows first: the newest concept, else the newest version."""
    return (
        KaderVersie.objects.filter(status=KaderVersie.Status.CONCEPT).order_by("-nummer").first()
        or KaderVersie.objects.order_by("-nummer").first()
    )


def gekozen_versie(request) -> KaderVersie | None:
    """The version a list is filtered on (None: all versions), read once per request."""
    if not hasattr(request, "_vit_gekozen_versie"):
        waarde = request.GET.get("versie")
        if waarde == "alle":
            versie = None
        elif waarde and waarde.isdigit():
            versie = KaderVersie.objects.filter(pk=int(waarde)).first()
        else:
            versie = standaard_versie()
        request._vit_gekozen_versie = versie
    return request._vit_gekozen_versie


def toevoegen_versie(request) -> KaderVersie | None:
    """The version an add page adds to: the one the list was filtered on (``?versie=`` on the
    add page itself, or kept from the list by the admin), else the newest concept."""
    waarde = request.GET.get("versie")
    if waarde is None:
        waarde = QueryDict(request.GET.get("_changelist_filters", "")).get("versie")
    versie = None
    if waarde and waarde.isdigit():
        versie = KaderVersie.objects.filter(pk=int(waarde)).first()
    if versie is None:
        concepten = KaderVersie.objects.filter(status=KaderVersie.Status.CONCEPT)
        versie = concepten.order_by("-nummer").first()
    return versie


class VersieFilter(admin.SimpleListFilter):
    """Filter on one version; without a choice the newest concept (or newest version) is shown."""

    title = "versie"
    parameter_name = "versie"
    pad = "versie"

    def __init__(self, request, params, model, model_admin):
        self._request = request
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        versies = KaderVersie.objects.order_by("-nummer")
        return [(str(v.pk), versie_label(v)) for v in versies] + [("alle", "Alle versies")]

    def value(self):
        versie = gekozen_versie(self._request)
        return "alle" if versie is None else str(versie.pk)

    def queryset(self, request, queryset):
        versie = gekozen_versie(request)
        return queryset if versie is None else queryset.filter(**{self.pad: versie})

    def choices(self, changelist):
        for waarde, label in self.lookup_choices:
            yield {
                "selected": self.value() == waarde,
                "query_string": changelist.get_query_string({self.parameter_name: waarde}),
                "display": label,
            }


class VersieVanUitgangspuntFilter(VersieFilter):
    pad = "uitgangspunt__versie"


class AlleenConceptBewerkbaar:
    """Objects of a published or archived version can be viewed, not changed or deleted."""

    def _bewerkbaar(self, obj):
        versie = versie_van(obj)
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
        # On an add page everything belongs to the version added to; elsewhere to a concept.
        versie = getattr(request, "_vit_toevoegen_versie", None)
        concepten = KaderVersie.objects.filter(status=KaderVersie.Status.CONCEPT)
        if db_field.name == "versie":
            kwargs["queryset"] = concepten.filter(pk=versie.pk) if versie else concepten
        elif db_field.name in ("uitgangspunt", "basisfunctionaliteit"):
            model = Uitgangspunt if db_field.name == "uitgangspunt" else Basisfunctionaliteit
            rijen = model.objects.filter(versie__status=KaderVersie.Status.CONCEPT)
            if versie:
                rijen = rijen.filter(versie=versie)
            kwargs["queryset"] = rijen.select_related("versie")
        veld = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in ("uitgangspunt", "basisfunctionaliteit"):
            veld.label_from_instance = lambda o: f"{o.naam} (versie {o.versie.nummer})"
        return veld


class VersieVasteVeldenForm:
    """Inline rows: a stored row keeps its key; a new row gets one."""

    vaste_velden = ("sleutel",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for naam in self.vaste_velden:
                if naam in self.fields:
                    self.fields[naam].disabled = True
                    self.fields[naam].help_text = "Ligt vast sinds het aanmaken."


class VersieOnderdeelAdmin(AuditlogGeschiedenis, AlleenConceptBewerkbaar, admin.ModelAdmin):
    """A model admin for one kind of content of a version."""

    # Fields that are fixed once an object exists: changing them would break the comparison of
    # scans across versions (the stable key) or the meaning of stored answers.
    vaste_velden = ("sleutel", "versie")
    change_form_template = "admin/principles/onderdeel_change_form.html"

    @admin.display(description="versie")
    def versie_kolom(self, obj):
        return versie_label(versie_van(obj))

    def get_readonly_fields(self, request, obj=None):
        velden = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            velden += [v for v in self.vaste_velden if v not in velden]
        return velden

    def get_fields(self, request, obj=None):
        # What is fixed comes first, so the page starts with what it is about.
        velden = list(super().get_fields(request, obj))
        if obj is None:
            return velden
        vast = [v for v in self.vaste_velden if v in velden]
        return vast + [v for v in velden if v not in vast]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None and "sleutel" in form.base_fields:
            form.base_fields["sleutel"].help_text = (
                "Een vaste sleutel blijft in alle volgende versies hetzelfde, zodat scans te "
                "vergelijken zijn. Na het opslaan kan hij niet meer veranderen."
            )
        return form

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        versie = getattr(request, "_vit_toevoegen_versie", None)
        if versie is not None and any(f.name == "versie" for f in self.opts.fields):
            initial["versie"] = versie.pk
        return initial

    def add_view(self, request, form_url="", extra_context=None):
        versie = toevoegen_versie(request)
        if versie is None or not versie.is_bewerkbaar:
            self.message_user(request, self._weigering(versie), messages.ERROR)
            lijst = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            return HttpResponseRedirect(lijst + (f"?versie={versie.pk}" if versie else ""))
        request._vit_toevoegen_versie = versie
        context = {
            "title": f"{versie_label(versie)}: {self.opts.verbose_name} toevoegen",
            "vit_versie": versie,
            "vit_versie_label": versie_label(versie),
            "vit_toevoegen": f"Wat u hier toevoegt, hoort bij versie {versie.nummer}. "
            "Dat ligt vast zodra u opslaat.",
            **(extra_context or {}),
        }
        return super().add_view(request, form_url, context)

    def _weigering(self, versie):
        """Why nothing can be added here, and where it can."""
        naam = self.opts.verbose_name
        if versie is None:
            return format_html(
                "Er is geen conceptversie om een {} aan toe te voegen. Maak eerst een nieuwe "
                'versie als kopie op <a href="{}">de pagina van de kaderversies</a>.',
                naam,
                reverse("admin:principles_kaderversie_changelist"),
            )
        tekst = (
            f"Versie {versie.nummer} is {versie.get_status_display().lower()} en ligt vast: "
            f"u kunt er geen {naam} meer aan toevoegen."
        )
        concept = (
            KaderVersie.objects.filter(status=KaderVersie.Status.CONCEPT)
            .order_by("-nummer")
            .first()
        )
        if concept is not None:
            toevoegen = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_add")
            return format_html(
                '{} <a href="{}?versie={}">Toevoegen aan versie {} (concept)</a>',
                tekst,
                toevoegen,
                concept.pk,
                concept.nummer,
            )
        return format_html(
            '{} Maak eerst een nieuwe versie als kopie op <a href="{}">de pagina van versie '
            "{}</a>.",
            tekst,
            reverse("admin:principles_kaderversie_change", args=[versie.pk]),
            versie.nummer,
        )

    def get_actions(self, request):
        # No bulk delete: removing content is done one item at a time from its own page, where
        # the rule "only in a concept" is checked for that item.
        acties = super().get_actions(request)
        acties.pop("delete_selected", None)
        return acties

    def changelist_view(self, request, extra_context=None):
        versie = gekozen_versie(request)
        naam = capfirst(self.opts.verbose_name_plural)
        titel = f"{naam} van {versie_label(versie).lower()}" if versie else f"{naam}: alle versies"
        # The add button keeps the list's filter, so the add page knows the version (Django
        # keeps it only on the links to existing items).
        context = {"title": titel, "preserved_filters": self.get_preserved_filters(request)}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if obj is not None:
            context.update(self.versie_context(request, obj))
        return super().change_view(request, object_id, form_url, context)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if obj is not None:
            versie = versie_van(obj)
            naam = getattr(obj, "sleutel", None) or str(obj)
            context.update(
                {
                    "title": f"{versie_label(versie)}: geschiedenis van {self.opts.verbose_name} "
                    f"{naam}",
                    "vit_versie": versie,
                    "vit_eerder_url": self._zelfde_in_bron(obj, versie),
                }
            )
        return super().history_view(request, object_id, context)

    def _zelfde_in_bron(self, obj, versie):
        """The history page of the same item (same key) in the version this one was copied from."""
        if not versie.gebaseerd_op_id:
            return None
        sleutel = next(v for v in ("sleutel", "waarde", "term") if hasattr(obj, v))
        pad = "versie" if hasattr(obj, "versie_id") else "uitgangspunt__versie"
        bron = self.model.objects.filter(
            **{pad: versie.gebaseerd_op_id, sleutel: getattr(obj, sleutel)}
        ).first()
        if bron is None:
            return None
        return reverse(f"admin:principles_{self.opts.model_name}_history", args=[bron.pk])

    def _uitleg_vast(self):
        namen = [
            str(self.opts.get_field(v).verbose_name) for v in self.vaste_velden if v != "versie"
        ]
        if not namen:
            return ""
        tekst = namen[0] if len(namen) == 1 else f"{', '.join(namen[:-1])} en {namen[-1]}"
        return (
            f"{capfirst(tekst)} lig{'t' if len(namen) == 1 else 'gen'} vast: zo blijven scans "
            "van verschillende versies met elkaar te vergelijken."
        )

    def versie_context(self, request, obj):
        versie = versie_van(obj)
        bewerkbaar = self.has_change_permission(request, obj)
        werkwoord = "wijzigen" if bewerkbaar else "bekijken"
        return {
            "title": f"{versie_label(versie)}: {self.opts.verbose_name} {werkwoord}",
            "vit_versie": versie,
            "vit_versie_label": versie_label(versie),
            "vit_vast": self._uitleg_vast() if bewerkbaar else "",
            "vit_bevroren": (
                BEVROREN_MELDING.format(status=versie.get_status_display().lower())
                if not versie.is_bewerkbaar
                else ""
            ),
        }
