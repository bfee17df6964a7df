"""A coördinator brings colleagues into the team: invite, send again, withdraw, and the list of
open invitations on the team page.

Every change takes the gemeente's lock first (as the team changes do), then checks the
coördinator still is one and, for sending, that they stay under ``VIT_UITNODIGINGEN_PER_UUR``
mails in the last hour (new invitations and resends together, counted in the audit log, so
the count holds across workers and restarts). An address of someone already in this team is
refused with a pointer to the role buttons (the coördinator sees the team list anyway); for any
other address the answer is the same, whether or not it has an account.
"""

from collections.abc import Callable
from datetime import timedelta

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from assessments.models import Gemeente, Lidmaatschap, Uitnodiging

from . import uitnodigen
from .team import TeamFout

__all__ = [
    "AlInTeam",
    "al_in_team",
    "open_uitnodigingen",
    "stuur_collega_opnieuw",
    "trek_collega_in",
    "nodig_collega_uit",
    "verstuurd_afgelopen_uur",
]

ROL = Lidmaatschap.Rol


class AlInTeam(TeamFout):
    """The address belongs to someone who already works for this gemeente; nothing is sent."""


def al_in_team(gemeente_id: int, email: str) -> Lidmaatschap | None:
    """The membership of this gemeente whose account has this address as user name or e-mail
    address. Only this gemeente's members are looked at, never other accounts."""
    email = email.strip()
    return (
        Lidmaatschap.objects.select_related("gebruiker")
        .filter(gemeente_id=gemeente_id)
        .filter(Q(gebruiker__username__iexact=email) | Q(gebruiker__email__iexact=email))
        .first()
    )


def _niet_al_in_team(gemeente_id: int, email: str) -> None:
    lid = al_in_team(gemeente_id, email)
    if lid is None:
        return
    naam = lid.gebruiker.get_full_name() or lid.gebruiker.username
    ander = "lezer" if lid.rol == ROL.COORDINATOR else "coördinator"
    raise AlInTeam(
        f"{naam} ({email}) staat al in uw team als {lid.get_rol_display().lower()}. Wilt u de "
        f"rol wijzigen? Gebruik dan 'Maak {ander}' in de lijst hierboven. Er is niets verstuurd."
    )


def open_uitnodigingen(gemeente: Gemeente) -> list[Uitnodiging]:
    """Invitations not yet used nor withdrawn, newest first (one query); an expired one stays
    in the list so it can be sent again."""
    return list(
        Uitnodiging.objects.filter(
            gemeente=gemeente, gebruikt_op=None, ingetrokken_op=None
        ).order_by("-verstuurd_op", "-pk")
    )


def verstuurd_afgelopen_uur(gebruiker) -> int:
    """Invitation mails this person sent in the last hour: new ones and resends."""
    return (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Uitnodiging),
            actor_id=gebruiker.pk,
            timestamp__gte=timezone.now() - timedelta(hours=1),
        )
        .filter(Q(action=LogEntry.Action.CREATE) | Q(changes__has_key="keer_verstuurd"))
        .count()
    )


def _vergrendel(door: Lidmaatschap, versturen: bool) -> None:
    """Inside a transaction: the gemeente's lock, then the checks that may have changed."""
    Gemeente.objects.select_for_update().filter(pk=door.gemeente_id).first()
    if not Lidmaatschap.objects.filter(pk=door.pk, rol=ROL.COORDINATOR).exists():
        raise TeamFout(
            "U bent intussen geen coördinator meer van deze gemeente; iemand anders heeft dat "
            "net gewijzigd. Er is niets verstuurd of veranderd."
        )
    maximum = settings.VIT_UITNODIGINGEN_PER_UUR
    if versturen and verstuurd_afgelopen_uur(door.gebruiker) >= maximum:
        raise TeamFout(
            f"U heeft het afgelopen uur al {maximum} uitnodigingen verstuurd. Dat is het "
            "maximum per uur, zodat niemand VIT kan gebruiken om veel mail te sturen. Probeer "
            "het over een uur opnieuw. Er is nu niets verstuurd."
        )


def _uitnodiging(door: Lidmaatschap, pk: int) -> Uitnodiging:
    uitnodiging = (
        Uitnodiging.objects.select_for_update().filter(pk=pk, gemeente_id=door.gemeente_id).first()
    )
    if uitnodiging is None:
        raise TeamFout(
            "Deze uitnodiging bestaat niet meer. Hieronder ziet u de uitnodigingen zoals ze nu "
            "zijn."
        )
    return uitnodiging


def _al_klaar(uitnodiging: Uitnodiging, wat: str) -> None:
    if uitnodiging.gebruikt_op:
        raise TeamFout(
            f"{uitnodiging.email} heeft de uitnodiging al aangenomen en werkt nu in het team; "
            f"{wat} kan niet meer. Er is niets veranderd."
        )
    if uitnodiging.ingetrokken_op:
        raise TeamFout(
            f"De uitnodiging aan {uitnodiging.email} was al ingetrokken; {wat} kan niet meer. "
            "Nodig zo nodig opnieuw uit."
        )


def nodig_collega_uit(
    door: Lidmaatschap, email: str, rol: str, naam: str, link_van: Callable[[str], str]
) -> Uitnodiging:
    if door.rol != ROL.COORDINATOR:
        raise TeamFout("Alleen een coördinator kan collega's uitnodigen.")
    if rol not in ROL.values:
        raise TeamFout("Kies coördinator of lezer.")
    with transaction.atomic():
        _vergrendel(door, versturen=True)
        _niet_al_in_team(door.gemeente_id, email)
        return uitnodigen.nodig_uit(
            door.gemeente, email, rol, door=door.gebruiker, link_van=link_van, naam=naam
        )


def stuur_collega_opnieuw(
    door: Lidmaatschap, pk: int, link_van: Callable[[str], str]
) -> Uitnodiging:
    """A new link and a new mail; the old link stops working."""
    if door.rol != ROL.COORDINATOR:
        raise TeamFout("Alleen een coördinator kan uitnodigingen opnieuw sturen.")
    with transaction.atomic():
        _vergrendel(door, versturen=True)
        uitnodiging = _uitnodiging(door, pk)
        _al_klaar(uitnodiging, "opnieuw sturen")
        return uitnodigen.stuur_opnieuw(uitnodiging, link_van)


def trek_collega_in(door: Lidmaatschap, pk: int) -> Uitnodiging:
    """The link stops working at once; nothing else changes."""
    if door.rol != ROL.COORDINATOR:
        raise TeamFout("Alleen een coördinator kan uitnodigingen intrekken.")
    with transaction.atomic():
        _vergrendel(door, versturen=False)
        uitnodiging = _uitnodiging(door, pk)
        _al_klaar(uitnodiging, "intrekken")
        return uitnodigen.trek_in(uitnodiging)
