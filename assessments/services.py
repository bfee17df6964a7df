"""Scans, invitations and answers: the rules, outside the views.

Every write that two people or two tabs could make at once carries the version the writer
last saw; a write against a newer version is refused with :class:`Conflict`, so nobody
silently overwrites someone else's work.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from principles.models import CheckVraag, KaderVersie

from .models import (
    TOELICHTING_MAX,
    Ambitie,
    Antwoord,
    Perspectief,
    Respondent,
    Scan,
    Waarde,
)

__all__ = [
    "Conflict",
    "bewaar_met_versie",
    "OngeldigeInvoer",
    "Voortgang",
    "heropen",
    "hash_token",
    "maak_scan",
    "nodig_uit",
    "respondent_voor_token",
    "rond_af",
    "sla_antwoord_op",
    "trek_in",
    "vernieuw_link",
    "voortgang",
]

LINK_GELDIG = timedelta(days=60)


class Conflict(Exception):
    """Someone else (or another tab) saved a newer version first."""


class OngeldigeInvoer(Exception):
    """Input that cannot be stored; the message is Dutch and meant for the user."""


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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
        oude = {
            a.uitgangspunt.sleutel: a.niveau
            for a in vorige.ambities.select_related("uitgangspunt")
            if a.niveau is not None
        }
        Ambitie.objects.bulk_create(
            Ambitie(scan=scan, uitgangspunt=up, niveau=oude[up.sleutel])
            for up in versie.uitgangspunten.all()
            if up.sleutel in oude
        )
    return scan


def nodig_uit(
    scan: Scan, perspectief: Perspectief, naam: str = "", email: str = "", gebruiker=None
) -> tuple[Respondent, str]:
    """Create an invitation; returns it with the plain token (shown once, stored hashed)."""
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
    return respondent, token


def vernieuw_link(respondent: Respondent) -> str:
    """Give the respondent a new link; the old one stops working."""
    token = nieuw_token()
    respondent.token_hash = hash_token(token)
    respondent.token_verloopt_op = timezone.now() + LINK_GELDIG
    respondent.ingetrokken_op = None
    respondent.save(update_fields=["token_hash", "token_verloopt_op", "ingetrokken_op"])
    return token


def trek_in(respondent: Respondent) -> None:
    respondent.ingetrokken_op = timezone.now()
    respondent.save(update_fields=["ingetrokken_op"])


def respondent_voor_token(token: str) -> Respondent | None:
    """The respondent whose link this is, if the link is valid now; otherwise None."""
    if not token or len(token) > 100:
        return None
    respondent = (
        Respondent.objects.select_related(
            "scan", "scan__gemeente", "scan__kaderversie", "perspectief"
        )
        .filter(token_hash=hash_token(token))
        .first()
    )
    if respondent is None or respondent.ingetrokken_op is not None:
        return None
    if respondent.token_verloopt_op and respondent.token_verloopt_op <= timezone.now():
        return None
    return respondent


def _controleer_bewerkbaar(respondent: Respondent) -> None:
    if respondent.afgerond_op is not None:
        raise OngeldigeInvoer(
            "U heeft deze vragenlijst al afgerond. Wilt u nog iets wijzigen? "
            "Vraag de coördinator om de vragenlijst te heropenen."
        )
    if respondent.scan.status != Scan.Status.OPEN:
        raise OngeldigeInvoer("Deze scan is afgerond; antwoorden kunnen niet meer veranderen.")


@transaction.atomic
def bewaar_met_versie(
    model, sleutel: dict, velden: dict, verwachte_versie: int, bij_wijziging=None
):
    """Create or update the row of ``model`` found by ``sleutel`` with ``velden``.

    ``verwachte_versie`` is the version the writer saw (0: no row yet). A write against another
    version raises Conflict; writing what is already stored is a harmless no-op. ``bij_wijziging``
    holds extra fields set only when something changes (for example who changed it)."""
    bestaand = model.objects.select_for_update().filter(**sleutel).first()
    if bestaand is None:
        if verwachte_versie != 0:
            raise Conflict()
        try:
            with transaction.atomic():
                return model.objects.create(**sleutel, **velden, **(bij_wijziging or {}))
        except IntegrityError as exc:  # created at the same moment elsewhere
            raise Conflict() from exc
    if all(getattr(bestaand, veld) == waarde for veld, waarde in velden.items()):
        return bestaand
    if bestaand.versie != verwachte_versie:
        raise Conflict()
    nieuw = {**velden, **(bij_wijziging or {})}
    for veld, waarde in nieuw.items():
        setattr(bestaand, veld, waarde)
    bestaand.versie = verwachte_versie + 1
    update = [*nieuw, "versie"]
    if any(f.name == "gewijzigd_op" for f in model._meta.fields):
        update.append("gewijzigd_op")
    bestaand.save(update_fields=update)
    return bestaand


@transaction.atomic
def sla_antwoord_op(
    respondent: Respondent,
    checkvraag_id: int,
    waarde: str,
    toelichting: str,
    verwachte_versie: int,
) -> Antwoord:
    """Store one answer. ``verwachte_versie`` is the version the respondent saw (0: none yet).

    Raises OngeldigeInvoer for input that cannot be stored and Conflict for a stale write.
    Saving the same thing twice is harmless."""
    _controleer_bewerkbaar(respondent)
    if waarde not in Waarde.values and waarde != "":
        raise OngeldigeInvoer(
            "Kies een van de antwoorden op de schaal, 'weet ik niet' of 'niet van toepassing'."
        )
    toelichting = toelichting.replace("\r\n", "\n").strip()
    if len(toelichting) > TOELICHTING_MAX:
        raise OngeldigeInvoer(
            f"De toelichting is {len(toelichting)} tekens; er passen er maximaal {TOELICHTING_MAX}."
        )
    if not CheckVraag.objects.filter(
        pk=checkvraag_id, uitgangspunt__versie_id=respondent.scan.kaderversie_id
    ).exists():
        raise OngeldigeInvoer("Deze vraag hoort niet bij deze scan.")

    antwoord = bewaar_met_versie(
        Antwoord,
        {"respondent": respondent, "checkvraag_id": checkvraag_id},
        {"waarde": waarde, "toelichting": toelichting},
        verwachte_versie,
    )
    if respondent.gestart_op is None:
        Respondent.objects.filter(pk=respondent.pk, gestart_op__isnull=True).update(
            gestart_op=timezone.now()
        )
        respondent.gestart_op = timezone.now()
    return antwoord


@dataclass(frozen=True)
class Voortgang:
    beantwoord: int
    van_toepassing: int
    niet_van_toepassing: int
    totaal: int

    @property
    def procent(self) -> int:
        if self.van_toepassing == 0:
            return 100 if self.totaal else 0
        return round(100 * self.beantwoord / self.van_toepassing)

    @property
    def compleet(self) -> bool:
        return self.beantwoord >= self.van_toepassing


def voortgang(waarden: list[str], totaal: int) -> Voortgang:
    """Progress counts only the questions that apply: n.v.t. leaves the total."""
    nvt = sum(1 for w in waarden if w == Waarde.NVT)
    beantwoord = sum(1 for w in waarden if w and w != Waarde.NVT)
    return Voortgang(
        beantwoord=beantwoord, van_toepassing=totaal - nvt, niet_van_toepassing=nvt, totaal=totaal
    )


def rond_af(respondent: Respondent, verwachte_versie: int) -> None:
    _controleer_bewerkbaar(respondent)
    bijgewerkt = Respondent.objects.filter(
        pk=respondent.pk, versie=verwachte_versie, afgerond_op__isnull=True
    ).update(afgerond_op=timezone.now(), versie=F("versie") + 1)
    if not bijgewerkt:
        raise Conflict()


def heropen(respondent: Respondent) -> None:
    if respondent.scan.status != Scan.Status.OPEN:
        raise OngeldigeInvoer("Deze scan is afgerond; vragenlijsten kunnen niet meer open.")
    Respondent.objects.filter(pk=respondent.pk).update(afgerond_op=None, versie=F("versie") + 1)


def _controleer_scan_open(scan: Scan) -> None:
    if scan.status != Scan.Status.OPEN:
        raise OngeldigeInvoer("Deze scan is afgerond en kan niet meer veranderen.")


def sla_vaststelling_op(
    scan: Scan,
    checkvraag_id: int,
    waarde: str,
    reden: str,
    voorstel: str,
    verwachte_versie: int,
    door,
):
    """Fix the score of one check-vraag. A score that departs from the proposal needs a reason."""
    from .models import VastgesteldeScore

    _controleer_scan_open(scan)
    if waarde not in Waarde.values and waarde != "":
        raise OngeldigeInvoer(
            "Kies een niveau van 1 tot en met 4, 'weet ik niet' of 'niet van toepassing'."
        )
    reden = reden.replace("\r\n", "\n").strip()
    if len(reden) > TOELICHTING_MAX:
        raise OngeldigeInvoer(f"De reden is te lang: maximaal {TOELICHTING_MAX} tekens.")
    if waarde and waarde != voorstel and not reden:
        raise OngeldigeInvoer(
            "U wijkt af van het voorstel. Schrijf kort op waarom, zodat het gesprek later "
            "na te lezen is."
        )
    if not CheckVraag.objects.filter(
        pk=checkvraag_id, uitgangspunt__versie_id=scan.kaderversie_id
    ).exists():
        raise OngeldigeInvoer("Deze vraag hoort niet bij deze scan.")
    return bewaar_met_versie(
        VastgesteldeScore,
        {"scan": scan, "checkvraag_id": checkvraag_id},
        {"waarde": waarde, "reden": reden, "voorstel": voorstel},
        verwachte_versie,
        bij_wijziging={"gewijzigd_door": door},
    )


def sla_ambitie_op(scan: Scan, uitgangspunt_id: int, niveau: int | None, verwachte_versie: int):
    _controleer_scan_open(scan)
    if niveau is not None and niveau not in (1, 2, 3, 4):
        raise OngeldigeInvoer("Een ambitie is een niveau van 1 tot en met 4.")
    if not scan.kaderversie.uitgangspunten.filter(pk=uitgangspunt_id).exists():
        raise OngeldigeInvoer("Dit uitgangspunt hoort niet bij deze scan.")
    return bewaar_met_versie(
        Ambitie,
        {"scan": scan, "uitgangspunt_id": uitgangspunt_id},
        {"niveau": niveau},
        verwachte_versie,
    )


def ontbrekend_voor_afronden(scan: Scan) -> list[str]:
    """What still has to be fixed before the scan can be finalised (Dutch, for the page)."""
    from .models import VastgesteldeScore

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
    _controleer_scan_open(scan)
    ontbrekend = ontbrekend_voor_afronden(scan)
    if ontbrekend:
        raise OngeldigeInvoer(" ".join(ontbrekend))
    nu = timezone.now()
    bijgewerkt = Scan.objects.filter(
        pk=scan.pk, versie=verwachte_versie, status=Scan.Status.OPEN
    ).update(
        status=Scan.Status.AFGEROND,
        afgerond_op=nu,
        toestemming_vergelijking=toestemming,
        toestemming_gewijzigd_op=nu,
        versie=F("versie") + 1,
    )
    if not bijgewerkt:
        raise Conflict()


def zet_toestemming(scan: Scan, toestemming: bool) -> None:
    if scan.status != Scan.Status.AFGEROND:
        raise OngeldigeInvoer("Toestemming geeft u bij het afronden van de scan.")
    Scan.objects.filter(pk=scan.pk).update(
        toestemming_vergelijking=toestemming,
        toestemming_gewijzigd_op=timezone.now(),
        versie=F("versie") + 1,
    )
