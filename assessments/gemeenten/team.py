"""Who works for a gemeente in VIT: the team, changing a member's role and removing a member.

A coördinator manages the team of their own gemeente; a lezer only looks. The rule that holds
the team together: a gemeente always keeps at least one coördinator. Two coördinatoren can act
at the same moment (each demoting the other), so every change locks the gemeente's row first,
then reads the member again and checks both the role the form showed and the coördinatoren that
remain. A change based on an outdated page is refused, never applied to a different situation.
Every change goes through the model's save or delete, so the audit log records it with who did it.
"""

from dataclasses import dataclass
from datetime import datetime

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import Http404

from assessments.models import Gemeente, Lidmaatschap, Uitnodiging

__all__ = [
    "Gebeurtenis",
    "TeamFout",
    "geschiedenis",
    "lid_van",
    "teamleden",
    "verwijder_lid",
    "wijzig_rol",
]

ROL = Lidmaatschap.Rol
GESCHIEDENIS_AANTAL = 10


class TeamFout(Exception):
    """A change that is refused; the message is plain Dutch and meant for the coördinator."""


def lid_van(user, code: str) -> Lidmaatschap:
    """The user's membership of the gemeente with this CBS code; 404 for anyone else, so the
    team of a gemeente one does not work for is never shown, not even that it exists."""
    if not user.is_authenticated:
        raise Http404
    lid = (
        Lidmaatschap.objects.select_related("gemeente")
        .filter(gebruiker=user, gemeente__code=code)
        .first()
    )
    if lid is None:
        raise Http404
    return lid


def teamleden(gemeente: Gemeente) -> list[Lidmaatschap]:
    """Everyone of the gemeente, coördinatoren first, then by name (one query)."""
    leden = list(Lidmaatschap.objects.filter(gemeente=gemeente).select_related("gebruiker"))
    return sorted(
        leden,
        key=lambda lid: (
            lid.rol != ROL.COORDINATOR,
            (lid.gebruiker.get_full_name() or lid.gebruiker.username).lower(),
        ),
    )


def naam_van(user) -> str:
    return user.get_full_name() or user.username


def _vergrendel(door: Lidmaatschap, lid_id: int, gezien: str) -> Lidmaatschap:
    """Inside a transaction: lock the gemeente (all team changes of one gemeente take turns),
    then check the coördinator still is one, read the member again and check the page was up
    to date."""
    gemeente_id = door.gemeente_id
    Gemeente.objects.select_for_update().filter(pk=gemeente_id).first()
    if not Lidmaatschap.objects.filter(pk=door.pk, rol=ROL.COORDINATOR).exists():
        raise TeamFout(
            "U bent intussen geen coördinator meer van deze gemeente; iemand anders heeft dat "
            "net gewijzigd. Er is niets veranderd."
        )
    lid = (
        Lidmaatschap.objects.select_related("gebruiker")
        .filter(pk=lid_id, gemeente_id=gemeente_id)
        .first()
    )
    if lid is None:
        raise TeamFout(
            "Deze persoon staat niet meer in het team; iemand anders heeft dat net gewijzigd. "
            "Hieronder ziet u het team zoals het nu is."
        )
    if lid.rol != gezien:
        raise TeamFout(
            f"De rol van {naam_van(lid.gebruiker)} is intussen al gewijzigd door iemand anders. "
            "Er is niets veranderd. Bekijk het team hieronder en probeer het zo nodig opnieuw."
        )
    return lid


def _houdt_coordinator(lid: Lidmaatschap) -> None:
    if lid.rol != ROL.COORDINATOR:
        return
    anderen = (
        Lidmaatschap.objects.filter(gemeente_id=lid.gemeente_id, rol=ROL.COORDINATOR)
        .exclude(pk=lid.pk)
        .exists()
    )
    if not anderen:
        raise TeamFout(
            f"Dit kan niet: {naam_van(lid.gebruiker)} is de enige coördinator van deze gemeente. "
            "Er moet altijd minstens één coördinator zijn. Maak eerst iemand anders coördinator. "
            "Er is niets veranderd."
        )


def wijzig_rol(door: Lidmaatschap, lid_id: int, gezien: str, nieuw: str) -> Lidmaatschap:
    """Give a member the other role. ``gezien`` is the role the coördinator's page showed."""
    if door.rol != ROL.COORDINATOR:
        raise TeamFout("Alleen een coördinator kan rollen wijzigen.")
    if nieuw not in ROL.values:
        raise TeamFout("Kies coördinator of lezer.")
    with transaction.atomic():
        lid = _vergrendel(door, lid_id, gezien)
        if lid.rol == nieuw:
            return lid
        _houdt_coordinator(lid)
        lid.rol = nieuw
        lid.save(update_fields=["rol"])
    return lid


def verwijder_lid(door: Lidmaatschap, lid_id: int, gezien: str) -> Lidmaatschap:
    """Take a member out of the team; their account stays (they may work for another gemeente)."""
    if door.rol != ROL.COORDINATOR:
        raise TeamFout("Alleen een coördinator kan iemand uit het team halen.")
    with transaction.atomic():
        lid = _vergrendel(door, lid_id, gezien)
        _houdt_coordinator(lid)
        lid.delete()
    return lid


@dataclass(frozen=True)
class Gebeurtenis:
    wanneer: datetime
    wie: str
    wat: str


def _omschrijving(entry: LogEntry, namen: dict[int, str]) -> str:
    extra = entry.additional_data or {}
    persoon = namen.get(extra.get("gebruiker_id"), "een oud-teamlid")
    labels = dict(ROL.choices)
    if entry.action == LogEntry.Action.CREATE:
        return f"{persoon} toegevoegd aan het team"
    if entry.action == LogEntry.Action.DELETE:
        return f"{persoon} uit het team gehaald"
    rol = (entry.changes_dict or {}).get("rol")
    if rol and len(rol) == 2:
        van, naar = (labels.get(r, r).lower() for r in rol)
        return f"rol van {persoon} gewijzigd van {van} in {naar}"
    return f"lidmaatschap van {persoon} gewijzigd"


def _over_uitnodiging(entry: LogEntry, uitnodigingen: dict[str, Uitnodiging]) -> str:
    """An invitation event in words; the address and role come from the invitation itself
    (or from the entry, once the invitation was cleared away)."""
    wijzigingen = entry.changes_dict or {}
    uitnodiging = uitnodigingen.get(str(entry.object_id))
    adres = uitnodiging.email if uitnodiging else (wijzigingen.get("email") or [None, ""])[-1]
    aan = f" aan {adres}" if adres else ""
    if entry.action == LogEntry.Action.CREATE:
        code = uitnodiging.rol if uitnodiging else (wijzigingen.get("rol") or [None, ""])[-1]
        rol = dict(ROL.choices).get(code, "")
        return f"uitnodiging verstuurd{aan}" + (f" als {rol.lower()}" if rol else "")
    if entry.action == LogEntry.Action.DELETE:
        return f"verlopen uitnodiging{aan} opgeruimd"
    if "gebruikt_op" in wijzigingen:
        return f"uitnodiging{aan} aangenomen"
    if "ingetrokken_op" in wijzigingen:
        return f"uitnodiging{aan} ingetrokken"
    if "keer_verstuurd" in wijzigingen:
        return f"uitnodiging opnieuw gestuurd{aan}"
    return f"uitnodiging{aan} gewijzigd"


def geschiedenis(gemeente: Gemeente, aantal: int = GESCHIEDENIS_AANTAL) -> list[Gebeurtenis]:
    """The latest changes of the team and its invitations (three queries, whatever the size
    of the team or the number of invitations)."""
    lid_type = ContentType.objects.get_for_model(Lidmaatschap)
    uitnodiging_type = ContentType.objects.get_for_model(Uitnodiging)
    entries = list(
        LogEntry.objects.filter(
            content_type__in=[lid_type, uitnodiging_type],
            additional_data__gemeente_id=gemeente.pk,
        )
        .select_related("actor")
        .order_by("-timestamp", "-pk")[:aantal]
    )
    leden = [e for e in entries if e.content_type_id == lid_type.pk]
    ids = {(e.additional_data or {}).get("gebruiker_id") for e in leden} - {None}
    namen = {u.pk: naam_van(u) for u in get_user_model().objects.filter(pk__in=ids)}
    uitnodiging_ids = {e.object_id for e in entries if e.content_type_id == uitnodiging_type.pk}
    uitnodigingen = {
        str(u.pk): u
        for u in Uitnodiging.objects.filter(pk__in=uitnodiging_ids - {None}, gemeente=gemeente)
    }
    return [
        Gebeurtenis(
            wanneer=e.timestamp,
            wie=naam_van(e.actor) if e.actor else "",
            wat=(
                _omschrijving(e, namen)
                if e.content_type_id == lid_type.pk
                else _over_uitnodiging(e, uitnodigingen)
            ),
        )
        for e in entries
    ]
