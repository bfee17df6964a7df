"""The life of a scan: start, invite, follow the invitations, afronden, toestemming.

The rules live here, outside the views; every write of a row that others could change at the
same moment goes through :mod:`assessments.opslaan` with the version the writer saw.
"""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from assessments.models import Ambitie, Perspectief, Respondent, Scan, VastgesteldeScore
from assessments.opslaan import Conflict, OngeldigeInvoer, werk_bij
from principles.models import CheckVraag, KaderVersie

from . import mail

__all__ = [
    "LINK_GELDIG",
    "Conflict",
    "OngeldigeInvoer",
    "Uitnodiger",
    "controleer_scan_open",
    "controleer_vragen",
    "hash_token",
    "herinner",
    "heropen",
    "maak_scan",
    "neem_ambities_over",
    "nieuw_token",
    "nodig_uit",
    "ontbrekend_voor_afronden",
    "rond_scan_af",
    "trek_in",
    "vernieuw_link",
    "zet_toestemming",
]

LINK_GELDIG = timedelta(days=60)


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Uitnodiger:
    """Who sends an invitation mail, and how a token becomes a full link (the view knows the
    address the site is reached at)."""

    naam: str
    link_van: Callable[[str], str]


@transaction.atomic
def maak_scan(gemeente, titel: str, periode: int, door, vorige: Scan | None = None) -> Scan:
    """Start a scan on the current published framework version.

    With ``vorige`` (an earlier scan of the same gemeente) the ambitions are carried over for
    the uitgangspunten that still exist (same stable key)."""
    versie = KaderVersie.objects.huidige()
    if versie is None:
        raise OngeldigeInvoer("Er is nog geen gepubliceerde versie van het kader.")
    if vorige is not None and vorige.gemeente_id != gemeente.pk:
        raise OngeldigeInvoer("U kunt alleen een eerdere scan van uw eigen gemeente overnemen.")
    scan = Scan.objects.create(
        gemeente=gemeente,
        titel=titel,
        periode=periode,
        kaderversie=versie,
        vorige_scan=vorige,
        aangemaakt_door=door,
    )
    if vorige is not None:
        neem_ambities_over(vorige, scan)
    return scan


def neem_ambities_over(vorige: Scan, scan: Scan) -> None:
    """Give ``scan`` the ambitions of ``vorige`` for the uitgangspunten that still exist in its
    framework version (same stable key)."""
    oude = dict(
        vorige.ambities.filter(niveau__isnull=False).values_list("uitgangspunt__sleutel", "niveau")
    )
    Ambitie.objects.bulk_create(
        Ambitie(scan=scan, uitgangspunt=up, niveau=oude[up.sleutel])
        for up in scan.kaderversie.uitgangspunten.all()
        if up.sleutel in oude
    )


def _mail_uitnodiging(respondent: Respondent, token: str, uitnodiger: Uitnodiger, herinnering):
    """Queue the invitation (or reminder) mail; call inside the transaction that made the link."""
    context = {
        "respondent": respondent,
        "gemeente": respondent.scan.gemeente,
        "link": uitnodiger.link_van(token),
        "afzender": uitnodiger.naam,
        "herinnering": herinnering,
    }
    onderwerp = render_to_string("assessments/scans/mail/uitnodiging_onderwerp.txt", context)
    tekst = render_to_string("assessments/scans/mail/uitnodiging.txt", context).strip() + "\n"
    mail.zet_klaar(respondent, " ".join(onderwerp.split()), tekst)


@transaction.atomic
def nodig_uit(
    scan: Scan,
    perspectief: Perspectief,
    naam: str = "",
    email: str = "",
    gebruiker=None,
    uitnodiger: Uitnodiger | None = None,
) -> tuple[Respondent, str]:
    """Create an invitation; returns it with the plain token (shown once, stored hashed).
    With an address and an ``uitnodiger`` the mail is queued too: both or neither."""
    if not scan.is_open:
        raise OngeldigeInvoer("Deze scan is afgerond; u kunt geen mensen meer uitnodigen.")
    token = nieuw_token()
    respondent = Respondent.objects.create(
        scan=scan,
        perspectief=perspectief,
        naam=naam,
        email=email,
        gebruiker=gebruiker,
        token_hash=hash_token(token),
        token_verloopt_op=timezone.now() + LINK_GELDIG,
    )
    if email and uitnodiger is not None:
        _mail_uitnodiging(respondent, token, uitnodiger, herinnering=False)
    return respondent, token


def vernieuw_link(respondent: Respondent) -> str:
    """Give the respondent a new link; the old one stops working."""
    token = nieuw_token()
    respondent.token_hash = hash_token(token)
    respondent.token_verloopt_op = timezone.now() + LINK_GELDIG
    respondent.ingetrokken_op = None
    respondent.save(update_fields=["token_hash", "token_verloopt_op", "ingetrokken_op"])
    return token


@transaction.atomic
def herinner(respondent: Respondent, uitnodiger: Uitnodiger) -> str:
    """A reminder with a new link (the old one stops working); returns the new token."""
    if not respondent.email:
        raise OngeldigeInvoer(
            "Er is geen e-mailadres bekend. Maak een nieuwe link en geef die zelf door."
        )
    if respondent.afgerond_op:
        raise OngeldigeInvoer("Deze persoon heeft de vragenlijst al afgerond.")
    token = vernieuw_link(respondent)
    _mail_uitnodiging(respondent, token, uitnodiger, herinnering=True)
    Respondent.objects.filter(pk=respondent.pk).update(herinnerd_op=timezone.now())
    return token


def trek_in(respondent: Respondent) -> None:
    respondent.ingetrokken_op = timezone.now()
    respondent.save(update_fields=["ingetrokken_op"])


def heropen(respondent: Respondent, verwachte_versie: int) -> None:
    """Open a finalised questionnaire again, if nobody changed it since the page was read."""
    if respondent.scan.status != Scan.Status.OPEN:
        raise OngeldigeInvoer("Deze scan is afgerond; vragenlijsten kunnen niet meer open.")
    werk_bij(Respondent, respondent.pk, verwachte_versie, {"afgerond_op": None})


def controleer_vragen(vraag_ids, kaderversie_id) -> None:
    """Refuse check-vragen that are not of the scan's framework version."""
    gevonden = set(
        CheckVraag.objects.filter(
            pk__in=vraag_ids, uitgangspunt__versie_id=kaderversie_id
        ).values_list("pk", flat=True)
    )
    if gevonden != set(vraag_ids):
        raise OngeldigeInvoer("Deze vraag hoort niet bij deze scan.")


def controleer_scan_open(scan: Scan) -> None:
    if scan.status != Scan.Status.OPEN:
        raise OngeldigeInvoer("Deze scan is afgerond en kan niet meer veranderen.")


def ontbrekend_voor_afronden(scan: Scan) -> list[str]:
    """What still has to be fixed before the scan can be finalised (Dutch, for the page)."""
    vragen = CheckVraag.objects.filter(uitgangspunt__versie=scan.kaderversie_id).count()
    vastgesteld = VastgesteldeScore.objects.filter(scan=scan).exclude(waarde="").count()
    ups = scan.kaderversie.uitgangspunten.count()
    ambities = Ambitie.objects.filter(scan=scan, niveau__isnull=False).count()
    ontbrekend = []
    if vastgesteld < vragen:
        ontbrekend.append(f"Nog {vragen - vastgesteld} van de {vragen} scores vaststellen.")
    if ambities < ups:
        ontbrekend.append(f"Nog {ups - ambities} van de {ups} ambities kiezen.")
    return ontbrekend


@transaction.atomic
def rond_scan_af(scan: Scan, verwachte_versie: int, toestemming: bool) -> None:
    controleer_scan_open(scan)
    ontbrekend = ontbrekend_voor_afronden(scan)
    if ontbrekend:
        raise OngeldigeInvoer(" ".join(ontbrekend))
    nu = timezone.now()
    werk_bij(
        Scan,
        scan.pk,
        verwachte_versie,
        {
            "status": Scan.Status.AFGEROND,
            "afgerond_op": nu,
            "toestemming_vergelijking": toestemming,
            "toestemming_gewijzigd_op": nu,
        },
        status=Scan.Status.OPEN,
    )


def zet_toestemming(scan: Scan, toestemming: bool, verwachte_versie: int) -> None:
    if scan.status != Scan.Status.AFGEROND:
        raise OngeldigeInvoer("Toestemming geeft u bij het afronden van de scan.")
    werk_bij(
        Scan,
        scan.pk,
        verwachte_versie,
        {"toestemming_vergelijking": toestemming},
        bij_wijziging={"toestemming_gewijzigd_op": timezone.now()},
    )
