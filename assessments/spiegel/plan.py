"""The ontwikkelplan of a scan: storing focus, voorstel and actions, version-checked."""

from django.db import transaction

from assessments.models import Actie, Ontwikkelplan, Scan
from assessments.opslaan import werk_bij

__all__ = ["ACTIEVELDEN", "plan_van", "sla_actie_op", "sla_plan_op", "verwijder_actie"]

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


@transaction.atomic
def sla_plan_op(scan: Scan, focus, voorstel_aan_college: str, verwachte_versie: int) -> None:
    """Store focus and voorstel; raises Conflict when someone changed the plan meanwhile.
    The plan itself is made with its first change."""
    plan, _ = Ontwikkelplan.objects.get_or_create(scan=scan)
    werk_bij(
        Ontwikkelplan,
        plan.pk,
        verwachte_versie,
        {"voorstel_aan_college": voorstel_aan_college.strip()},
        altijd=True,
    )
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
