"""Invitations to work for a gemeente: made by a coördinator for a colleague, or by approving
an aanvraag. The link works once, expires after ``LINK_GELDIG`` and only its hash is stored.

Using the link either makes a new account (name and password; the user name is the e-mail
address) or, for someone who already has an account, adds the gemeente to it after logging in.
Whoever made the invitation is never told whether the address already had an account.
Every step is a model save, so the audit log records it with who did it.
"""

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.models import Aanvraag, Gemeente, Lidmaatschap, Uitnodiging

from . import post

__all__ = [
    "LINK_GELDIG",
    "AlGebruikt",
    "AnderAccount",
    "LinkOngeldig",
    "account_voor",
    "is_adres_van",
    "hash_token",
    "maak_account",
    "neem_aan",
    "nieuw_token",
    "nodig_uit",
    "stuur_opnieuw",
    "trek_in",
    "zoek",
]

LINK_GELDIG = timedelta(days=7)
SJABLOON = "assessments/team/mail/uitnodiging"


class LinkOngeldig(Exception):
    """The link cannot be used; the message is plain Dutch for the person holding it.
    ``status`` is the HTTP status of the page that says so: 404 for a link VIT does not know
    (never was, or replaced by a newer one), 410 for one that was used, withdrawn or expired."""

    def __init__(self, bericht: str, status: int = 410):
        super().__init__(bericht)
        self.status = status


class AlGebruikt(LinkOngeldig):
    """The link was used before (to make an account or to accept)."""


class AnderAccount(LinkOngeldig):
    """Someone is logged in with an account that does not belong to the invited address."""

    def __init__(self, bericht: str):
        super().__init__(bericht, status=403)


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


VNG_AFZENDER = "het team van VIT (VNG)"


def _verstuur(
    uitnodiging: Uitnodiging, token: str, link_van: Callable[[str], str], uit_aanvraag: bool
) -> None:
    """The mail with the link. A colleague's invitation is signed by whoever invited; one that
    follows an approved request by the approver's name, or by VIT's team when there is none."""
    door = uitnodiging.uitgenodigd_door
    uit_aanvraag = uit_aanvraag or door is None
    afzender = (door.get_full_name() if door else "") or (
        VNG_AFZENDER if uit_aanvraag else door.username
    )
    post.zet_klaar(
        uitnodiging.email,
        SJABLOON,
        {
            "uitnodiging": uitnodiging,
            "gemeente": uitnodiging.gemeente,
            "rol": uitnodiging.get_rol_display().lower(),
            "link": link_van(token),
            "afzender": afzender,
            "uit_aanvraag": uit_aanvraag,
            "geldig_dagen": LINK_GELDIG.days,
        },
        soort=f"uitnodiging-{uitnodiging.pk}",
    )


@transaction.atomic
def nodig_uit(
    gemeente: Gemeente,
    email: str,
    rol: str,
    door,
    link_van: Callable[[str], str],
    naam: str = "",
    uit_aanvraag: bool = False,
) -> Uitnodiging:
    """Make an invitation and queue its mail. Earlier open invitations of the same address for
    the same gemeente are withdrawn, so only the newest link works."""
    nu = timezone.now()
    email = email.strip()
    for oud in Uitnodiging.objects.filter(
        gemeente=gemeente, email__iexact=email, gebruikt_op=None, ingetrokken_op=None
    ):
        oud.ingetrokken_op = nu
        oud.save(update_fields=["ingetrokken_op"])
    token = nieuw_token()
    uitnodiging = Uitnodiging.objects.create(
        gemeente=gemeente,
        email=email,
        naam=naam.strip(),
        rol=rol,
        token_hash=hash_token(token),
        verloopt_op=nu + LINK_GELDIG,
        uitgenodigd_door=door,
        verstuurd_op=nu,
        keer_verstuurd=1,
    )
    _verstuur(uitnodiging, token, link_van, uit_aanvraag)
    return uitnodiging


@transaction.atomic
def stuur_opnieuw(uitnodiging: Uitnodiging, link_van: Callable[[str], str]) -> Uitnodiging:
    """A new link for an open invitation (the old link stops working) and a new mail."""
    uitnodiging = Uitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
    if uitnodiging.gebruikt_op or uitnodiging.ingetrokken_op:
        raise LinkOngeldig("Deze uitnodiging is al gebruikt of ingetrokken; er is niets verstuurd.")
    nu = timezone.now()
    token = nieuw_token()
    uitnodiging.token_hash = hash_token(token)
    uitnodiging.verloopt_op = nu + LINK_GELDIG
    uitnodiging.verstuurd_op = nu
    uitnodiging.keer_verstuurd += 1
    uitnodiging.save(update_fields=["token_hash", "verloopt_op", "verstuurd_op", "keer_verstuurd"])
    uit_aanvraag = Aanvraag.objects.filter(uitnodiging_id=uitnodiging.pk).exists()
    _verstuur(uitnodiging, token, link_van, uit_aanvraag)
    return uitnodiging


@transaction.atomic
def trek_in(uitnodiging: Uitnodiging) -> Uitnodiging:
    uitnodiging = Uitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
    if uitnodiging.gebruikt_op:
        raise LinkOngeldig("Deze uitnodiging is al gebruikt; intrekken kan niet meer.")
    if not uitnodiging.ingetrokken_op:
        uitnodiging.ingetrokken_op = timezone.now()
        uitnodiging.save(update_fields=["ingetrokken_op"])
    return uitnodiging


def _controleer(uitnodiging: Uitnodiging | None) -> Uitnodiging:
    if uitnodiging is None:
        raise LinkOngeldig(
            "Deze link is niet (meer) geldig. Misschien is er een nieuwere uitnodiging gestuurd. "
            "Vraag zo nodig een nieuwe aan bij wie u uitnodigde.",
            status=404,
        )
    if uitnodiging.gebruikt_op:
        raise AlGebruikt(
            "Deze link is al gebruikt. U kunt inloggen met het account dat u toen maakte."
        )
    if uitnodiging.ingetrokken_op:
        raise LinkOngeldig("Deze uitnodiging is ingetrokken. Vraag zo nodig een nieuwe aan.")
    if uitnodiging.verloopt_op <= timezone.now():
        raise LinkOngeldig(
            "Deze link is verlopen. Vraag wie u uitnodigde om de uitnodiging opnieuw te sturen."
        )
    return uitnodiging


def zoek(token: str) -> Uitnodiging:
    """The open invitation of this link, or :class:`LinkOngeldig` saying why not."""
    uitnodiging = (
        Uitnodiging.objects.select_related("gemeente", "uitgenodigd_door")
        .filter(token_hash=hash_token(token))
        .first()
        if token
        else None
    )
    return _controleer(uitnodiging)


def account_voor(email: str):
    """The account that belongs to this address (user name or e-mail), or None. Only for the
    person holding the invitation link, who owns the address."""
    User = get_user_model()
    return (
        User.objects.filter(username__iexact=email).first()
        or User.objects.filter(email__iexact=email).order_by("pk").first()
    )


def is_adres_van(gebruiker, email: str) -> bool:
    """Whether the invited address is this account's user name or e-mail address."""
    email = email.strip().lower()
    return bool(email) and email in {
        (gebruiker.username or "").lower(),
        (gebruiker.email or "").lower(),
    }


def _vergrendel(token: str) -> Uitnodiging:
    """Inside a transaction: lock the invitation and check it once more (two tabs that use the
    same link at the same moment: the second waits, then finds it used)."""
    return _controleer(
        Uitnodiging.objects.select_for_update().filter(token_hash=hash_token(token)).first()
        if token
        else None
    )


def _gebruik(uitnodiging: Uitnodiging, gebruiker) -> Lidmaatschap:
    """The membership after using the invitation; its ``vorige_rol`` is the role held before
    (None for someone new to the team), so the page can say what changed."""
    lid = Lidmaatschap.objects.filter(gebruiker=gebruiker, gemeente_id=uitnodiging.gemeente_id)
    lid = lid.first()
    vorige_rol = lid.rol if lid else None
    if lid is None:
        lid = Lidmaatschap.objects.create(
            gebruiker=gebruiker, gemeente_id=uitnodiging.gemeente_id, rol=uitnodiging.rol
        )
    elif uitnodiging.rol == Lidmaatschap.Rol.COORDINATOR and lid.rol != uitnodiging.rol:
        lid.rol = uitnodiging.rol
        lid.save(update_fields=["rol"])
    uitnodiging.gebruikt_op = timezone.now()
    uitnodiging.gebruikt_door = gebruiker
    uitnodiging.save(update_fields=["gebruikt_op", "gebruikt_door"])
    lid.vorige_rol = vorige_rol
    return lid


@transaction.atomic
def neem_aan(token: str, gebruiker) -> Lidmaatschap:
    """Someone already logged in accepts the invitation: the gemeente is added to the account
    (an existing lezer invited as coördinator becomes coördinator; never the other way).
    Only for the account of the invited address; anyone else changes nothing."""
    uitnodiging = _vergrendel(token)
    if not is_adres_van(gebruiker, uitnodiging.email):
        raise AnderAccount(
            "Deze uitnodiging is voor een ander e-mailadres dan dat van het account waarmee u "
            "bent ingelogd. Er is niets veranderd. Log uit en open de link daarna opnieuw."
        )
    return _gebruik(uitnodiging, gebruiker)


@transaction.atomic
def maak_account(token: str, naam: str, wachtwoord: str):
    """A new account for the invited address (the user name is the address), with the
    membership; the link is used up. Refused when the address already has an account."""
    uitnodiging = _vergrendel(token)
    if account_voor(uitnodiging.email) is not None:
        raise LinkOngeldig(
            "Bij dit e-mailadres hoort al een account. Log in en open de link daarna opnieuw."
        )
    User = get_user_model()
    gebruiker = User(username=uitnodiging.email.lower(), email=uitnodiging.email)
    gebruiker.first_name = naam.strip()[:150]
    gebruiker.set_password(wachtwoord)
    try:
        with transaction.atomic():
            gebruiker.save()
    except IntegrityError:  # made at this moment through another invitation of the address
        raise LinkOngeldig(
            "Bij dit e-mailadres hoort al een account. Log in en open de link daarna opnieuw."
        ) from None
    return gebruiker, _gebruik(uitnodiging, gebruiker)
