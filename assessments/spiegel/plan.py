"""The ontwikkelplan of a scan: storing focus, voorstel and actions, version-checked, and the
order in which the plan is read: per focuspunt its actions, then the other actions."""

from dataclasses import dataclass, field

from django.db import transaction

from assessments.models import Actie, Ontwikkelplan, Scan
from assessments.opslaan import werk_bij

__all__ = [
    "ACTIEVELDEN",
    "Indeling",
    "deel_in",
    "focus_van",
    "plan_van",
    "sla_actie_op",
    "sla_plan_op",
    "verwijder_actie",
]

ACTIEVELDEN = (
    "uitgangspunt",
    "omschrijving",
    "eigenaar",
    "planning",
    "succescriterium",
    "handreiking",
    "status",
)


def plan_van(scan: Scan) -> Ontwikkelplan:
    """The stored plan, or an unsaved empty one: reading never writes."""
    return Ontwikkelplan.objects.filter(scan=scan).first() or Ontwikkelplan(scan=scan)


def focus_van(scan: Scan):
    """The focus uitgangspunten of the scan's plan, in the framework's order (none: empty)."""
    return scan.kaderversie.uitgangspunten.filter(
        pk__in=Ontwikkelplan.focus.through.objects.filter(ontwikkelplan__scan=scan).values(
            "uitgangspunt_id"
        )
    ).order_by("volgorde")


@dataclass
class Indeling:
    """The actions of a plan as they are read: per focuspunt (in the order given), then the
    actions whose uitgangspunt is no longer a focuspunt ("Overige acties")."""

    per_focus: list[tuple[object, list[Actie]]] = field(default_factory=list)
    overige: list[Actie] = field(default_factory=list)

    @property
    def aantal(self) -> int:
        return sum(len(a) for _, a in self.per_focus) + len(self.overige)


def deel_in(focus: list, acties: list[Actie], up=lambda item: item.up) -> Indeling:
    """Group ``acties`` under the focus items (each item's uitgangspunt is ``up(item)``)."""
    indeling = Indeling(per_focus=[(item, []) for item in focus])
    per_up = {up(item).pk: lijst for item, lijst in indeling.per_focus}
    for actie in acties:
        per_up.get(actie.uitgangspunt_id, indeling.overige).append(actie)
    return indeling


@transaction.atomic
def sla_plan_op(
    scan: Scan, verwachte_versie: int, focus=None, voorstel_aan_college: str | None = None
) -> None:
    """Store the focus and/or the voorstel (None: leave as it is); raises Conflict when someone
    changed the plan meanwhile. The plan itself is made with its first change. Actions of an
    uitgangspunt that is no longer a focus stay; the plan shows them apart."""
    plan, _ = Ontwikkelplan.objects.get_or_create(scan=scan)
    velden = {}
    if voorstel_aan_college is not None:
        velden["voorstel_aan_college"] = voorstel_aan_college.strip()
    werk_bij(Ontwikkelplan, plan.pk, verwachte_versie, velden, altijd=True)
    if focus is not None:
        plan.focus.set(focus)


@transaction.atomic
def sla_actie_op(scan: Scan, actie: Actie | None, velden: dict, verwachte_versie: int) -> Actie:
    """Add an action (``actie`` None) or change one; a change made meanwhile by someone else
    raises Conflict and changes nothing."""
    if actie is None:
        plan, _ = Ontwikkelplan.objects.get_or_create(scan=scan)
        return Actie.objects.create(plan=plan, **velden)
    werk_bij(Actie, actie.pk, verwachte_versie, velden, altijd=True, plan__scan=scan)
    return actie


def verwijder_actie(scan: Scan, actie_pk: int) -> None:
    Actie.objects.filter(pk=actie_pk, plan__scan=scan).delete()
