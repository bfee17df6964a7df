"""A beleidsmedewerker asks access to VIT for a gemeente (an aanvraag), by themselves.

1. The request is stored with status BEVESTIGEN and a link to confirm the address is mailed.
   The page and the mail are the same for every address: nobody learns whether an address has
   an account or an earlier request. Per address and per IP only a few requests are taken in.
2. The link works once and expires (``BEVESTIGEN_GELDIG``); a GET changes nothing. Confirming
   decides who judges it: the gemeente's own coördinatoren when it has any (they get a mail),
   otherwise VNG (the functioneel beheerder).
3. Approval invites the requester as coördinator (``uitnodigen.nodig_uit``); refusal mails the
   reason. Each decision locks the row and checks its status, so a second decision from another
   tab is refused and nothing happens twice. Every step is a model save: the audit log records
   it with who did it.
"""

import hashlib
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from assessments.models import Aanvraag, Gemeente, Lidmaatschap

from . import post, uitnodigen

__all__ = [
    "BEVESTIGEN_GELDIG",
    "AanvraagFout",
    "LinkOngeldig",
    "TeVeel",
    "afwijzen",
    "bevestig",
    "coordinator_gemeenten",
    "goedkeuren",
    "hash_ip",
    "maak_demo_aanvraag",
    "vraag_aan",
    "wachtrij",
    "zichtbaar_voor",
    "zoek_bevestiging",
]

BEVESTIGEN_GELDIG = timedelta(hours=48)
VENSTER_ADRES = timedelta(hours=24)
VENSTER_IP = timedelta(hours=1)
MAIL = "assessments/aanmelden/mail/"

S = Aanvraag.Status
B = Aanvraag.Beoordelaar
COORDINATOR = Lidmaatschap.Rol.COORDINATOR


class TeVeel(Exception):
    """Too many requests from this address or IP in a short time; nothing is stored."""


class LinkOngeldig(Exception):
    """The confirmation link cannot be used; ``verlopen`` tells an expired link apart."""

    def __init__(self, verlopen: bool = False):
        super().__init__("verlopen" if verlopen else "onbekend")
        self.verlopen = verlopen


class AanvraagFout(Exception):
    """A decision that cannot be taken; the message is Dutch and meant for the user."""


def hash_ip(ip: str | None) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}{ip or ''}".encode()).hexdigest()


def _om_de_beurt(email: str, ip_hash: str) -> None:
    """Requests from one address or one IP take turns (until the transaction ends), so two
    sent at the same instant cannot both slip under the limit. PostgreSQL's advisory locks;
    SQLite writes one transaction at a time anyway."""
    if connection.vendor != "postgresql":
        return
    sleutels = sorted(
        int(hashlib.sha256(waarde.encode()).hexdigest()[:15], 16)
        for waarde in (f"aanvraag-adres:{email.lower()}", f"aanvraag-ip:{ip_hash}")
    )
    with connection.cursor() as cursor:
        for sleutel in sleutels:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [sleutel])


def _te_veel(email: str, ip_hash: str, nu) -> bool:
    per_adres = Aanvraag.objects.filter(
        email__iexact=email, aangemaakt_op__gt=nu - VENSTER_ADRES
    ).count()
    per_ip = Aanvraag.objects.filter(ip_hash=ip_hash, aangemaakt_op__gt=nu - VENSTER_IP).count()
    return per_adres >= settings.VIT_AANMELDEN_PER_ADRES or per_ip >= settings.VIT_AANMELDEN_PER_IP


@transaction.atomic
def vraag_aan(
    *,
    gemeente: Gemeente,
    naam: str,
    email: str,
    functie: str,
    reden: str,
    ip: str | None,
    link_van: Callable[[str], str],
) -> Aanvraag:
    """Store the request and queue the mail with the confirmation link; :class:`TeVeel` when
    this address or IP asked too often lately (then nothing is stored or mailed)."""
    nu = timezone.now()
    email = email.strip()
    ip_hash = hash_ip(ip)
    _om_de_beurt(email, ip_hash)
    if _te_veel(email, ip_hash, nu):
        raise TeVeel()
    token = uitnodigen.nieuw_token()
    aanvraag = Aanvraag.objects.create(
        gemeente=gemeente,
        naam=naam.strip(),
        email=email,
        functie=functie.strip(),
        reden=reden.strip(),
        token_hash=uitnodigen.hash_token(token),
        token_verloopt_op=nu + BEVESTIGEN_GELDIG,
        ip_hash=ip_hash,
    )
    post.zet_klaar(
        email,
        MAIL + "bevestigen",
        {
            "aanvraag": aanvraag,
            "link": link_van(token),
            "geldig_uren": int(BEVESTIGEN_GELDIG.total_seconds() // 3600),
        },
        soort=f"aanvraag-{aanvraag.pk}",
    )
    return aanvraag


def _open_link(token: str, vergrendel: bool = False) -> Aanvraag:
    if not token:
        raise LinkOngeldig()
    rijen = Aanvraag.objects.select_related("gemeente")
    if vergrendel:
        rijen = rijen.select_for_update()
    aanvraag = rijen.filter(token_hash=uitnodigen.hash_token(token), status=S.BEVESTIGEN).first()
    if aanvraag is None:
        raise LinkOngeldig()
    if aanvraag.token_verloopt_op is None or aanvraag.token_verloopt_op <= timezone.now():
        raise LinkOngeldig(verlopen=True)
    return aanvraag


def zoek_bevestiging(token: str) -> Aanvraag:
    """The unconfirmed request of this link (reading only), or :class:`LinkOngeldig`."""
    return _open_link(token)


def _coordinatoren(gemeente_id: int):
    return (
        get_user_model()
        .objects.filter(
            lidmaatschappen__gemeente_id=gemeente_id,
            lidmaatschappen__rol=COORDINATOR,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def bevestig(token: str, link_naar: Callable[[Aanvraag], str]) -> Aanvraag:
    """Confirm the address: the request waits for a decision; the link is used up. With
    coördinatoren for the gemeente they decide, otherwise VNG's functioneel beheerders; each of
    them gets a mail."""
    aanvraag = _open_link(token, vergrendel=True)
    coordinatoren = list(_coordinatoren(aanvraag.gemeente_id))
    beoordelaars = coordinatoren or list(
        get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk")
    )
    aanvraag.status = S.WACHT
    aanvraag.bevestigd_op = timezone.now()
    aanvraag.token_hash = None
    aanvraag.token_verloopt_op = None
    aanvraag.beoordelaar = B.GEMEENTE if coordinatoren else B.VNG
    aanvraag.save(
        update_fields=["status", "bevestigd_op", "token_hash", "token_verloopt_op", "beoordelaar"]
    )
    for beoordelaar in beoordelaars:
        if beoordelaar.email:
            post.zet_klaar(
                beoordelaar.email,
                MAIL + ("wacht" if coordinatoren else "wacht_vng"),
                {
                    "aanvraag": aanvraag,
                    "ontvanger": beoordelaar.get_full_name() or beoordelaar.username,
                    "link": link_naar(aanvraag),
                },
                soort=f"aanvraag-{aanvraag.pk}-wacht-{beoordelaar.pk}",
            )
    return aanvraag


def coordinator_gemeenten(user) -> QuerySet:
    return Gemeente.objects.filter(leden__gebruiker=user, leden__rol=COORDINATOR)


def mag_beoordelen(user) -> bool:
    """Functioneel beheerders (VNG) and coördinatoren decide requests; the views check the
    second step for VNG roles."""
    return user.is_authenticated and (user.is_superuser or coordinator_gemeenten(user).exists())


AANTAL_AFGEHANDELD = 20


def zichtbaar_voor(user) -> QuerySet:
    """The confirmed requests this user may see and decide: all of them for a functioneel
    beheerder (VNG is the fallback for a gemeente's requests too); for a coördinator those
    of their own gemeenten that wait for the gemeente. Unconfirmed requests never."""
    rijen = Aanvraag.objects.exclude(status=S.BEVESTIGEN).select_related(
        "gemeente", "beoordeeld_door"
    )
    if user.is_superuser:
        return rijen
    return rijen.filter(beoordelaar=B.GEMEENTE, gemeente__in=coordinator_gemeenten(user))


def wachtrij(user) -> dict[str, list[Aanvraag]]:
    """The waiting requests this user may decide, by who is to judge them."""
    rijen = zichtbaar_voor(user).filter(status=S.WACHT).order_by("bevestigd_op", "pk")
    lijsten = {B.VNG: [], B.GEMEENTE: []}
    for aanvraag in rijen:
        lijsten[aanvraag.beoordelaar].append(aanvraag)
    return lijsten


def afgehandeld(user, aantal: int = AANTAL_AFGEHANDELD) -> list[Aanvraag]:
    """The latest decided requests this user may see, newest first (one query). A decided
    request stays until the retention term removes it."""
    return list(
        zichtbaar_voor(user)
        .filter(status__in=[S.GOEDGEKEURD, S.AFGEWEZEN])
        .order_by("-beoordeeld_op", "-pk")[:aantal]
    )


def _vergrendel(user, pk: int) -> Aanvraag:
    aanvraag = zichtbaar_voor(user).select_for_update(of=("self",)).filter(pk=pk).first()
    if aanvraag is None:
        raise Aanvraag.DoesNotExist()
    if aanvraag.status != S.WACHT:
        door = aanvraag.beoordeeld_door
        wie = f" door {door.get_full_name() or door.username}" if door else ""
        raise AanvraagFout(
            f"Deze aanvraag is al {aanvraag.get_status_display().lower()}{wie}, misschien in "
            "een ander tabblad. Er is niets gewijzigd."
        )
    return aanvraag


@transaction.atomic
def goedkeuren(user, pk: int, link_van: Callable[[str], str]) -> Aanvraag:
    """Approve: the requester is invited as coördinator of the gemeente (one invitation, its
    mail queued in this transaction)."""
    aanvraag = _vergrendel(user, pk)
    aanvraag.uitnodiging = uitnodigen.nodig_uit(
        aanvraag.gemeente,
        aanvraag.email,
        COORDINATOR,
        door=user,
        link_van=link_van,
        naam=aanvraag.naam,
        uit_aanvraag=True,
    )
    aanvraag.status = S.GOEDGEKEURD
    aanvraag.beoordeeld_door = user
    aanvraag.beoordeeld_op = timezone.now()
    aanvraag.save(update_fields=["uitnodiging", "status", "beoordeeld_door", "beoordeeld_op"])
    return aanvraag


@transaction.atomic
def afwijzen(user, pk: int, reden: str) -> Aanvraag:
    """Refuse with a reason, which is mailed to the requester."""
    reden = reden.strip()
    if not reden:
        raise AanvraagFout("Schrijf waarom u de aanvraag afwijst. Die reden mailen we.")
    aanvraag = _vergrendel(user, pk)
    aanvraag.status = S.AFGEWEZEN
    aanvraag.reden_afwijzing = reden
    aanvraag.beoordeeld_door = user
    aanvraag.beoordeeld_op = timezone.now()
    aanvraag.save(update_fields=["status", "reden_afwijzing", "beoordeeld_door", "beoordeeld_op"])
    post.zet_klaar(
        aanvraag.email,
        MAIL + "afgewezen",
        {"aanvraag": aanvraag, "gemeente": aanvraag.gemeente},
        soort=f"aanvraag-{aanvraag.pk}-afgewezen",
    )
    return aanvraag


DEMO_AANVRAGER = "sanne.aanvrager@demo.vit.invalid"


@transaction.atomic
def maak_demo_aanvraag(uitsluiten: str = "") -> Aanvraag | None:
    """For the demo: one confirmed request waiting for VNG, for a gemeente without coördinator
    (the first by name); made once. None when every gemeente has a coördinator."""
    bestaand = Aanvraag.objects.filter(email=DEMO_AANVRAGER).select_related("gemeente").first()
    if bestaand is not None:
        return bestaand
    gemeente = (
        Gemeente.objects.filter(actief=True)
        .exclude(code=uitsluiten)
        .exclude(leden__rol=COORDINATOR)
        .order_by("naam")
        .first()
    )
    if gemeente is None:
        return None
    nu = timezone.now()
    return Aanvraag.objects.create(
        gemeente=gemeente,
        naam="Sanne Aanvrager",
        email=DEMO_AANVRAGER,
        functie="Beleidsmedewerker sociaal domein",
        reden="Wij willen in het voorjaar met inwoners en uitvoering naar onze toegang kijken.",
        status=S.WACHT,
        beoordelaar=B.VNG,
        bevestigd_op=nu,
        ip_hash=hash_ip(None),
    )
