"""Answering a scan from the personal link: finding the respondent, checking and storing
answers, progress and afronden. Answers are stored as they are given; a stale write is refused
(see :mod:`assessments.opslaan`)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from assessments.models import Antwoord, Respondent, Scan
from assessments.opslaan import (
    Conflict,
    OngeldigeInvoer,
    Wijziging,
    bewaar_met_versies,
    controleer_tekst,
    werk_bij,
)
from assessments.scans.services import controleer_vragen, hash_token
from assessments.schaal import NVT, TOELICHTING_MAX, Waarde
from principles.services import vragen_voor_perspectief

__all__ = [
    "Conflict",
    "OngeldigeInvoer",
    "Voortgang",
    "controleer_antwoord",
    "controleer_gesteld",
    "onthoud_pagina",
    "respondent_voor_token",
    "rond_af",
    "sla_antwoord_op",
    "sla_antwoorden_op",
    "voortgang",
]


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


def controleer_antwoord(waarde: str, toelichting: str) -> str:
    """Check one answer; returns the cleaned toelichting or raises OngeldigeInvoer."""
    if waarde not in Waarde.values and waarde != "":
        raise OngeldigeInvoer(
            "Dit antwoord bestaat niet. Kies een niveau van 1 tot en met 4, "
            "'weet ik niet' of 'niet van toepassing'."
        )
    controleer_tekst(toelichting, "De toelichting")
    toelichting = toelichting.replace("\r\n", "\n").strip()
    if len(toelichting) > TOELICHTING_MAX:
        raise OngeldigeInvoer(
            f"De toelichting is {len(toelichting)} tekens lang; er passen er maximaal "
            f"{TOELICHTING_MAX}. Maak de tekst korter."
        )
    return toelichting


NIET_GESTELD = (
    "Deze vraag hoort niet bij uw vragenlijst: ze is niet gesteld aan het perspectief {naam}. "
    "Uw antwoord is niet opgeslagen."
)


def controleer_gesteld(vraag_ids, respondent: Respondent) -> None:
    """Refuse answers to check-vragen that are not asked of the respondent's perspective
    (framework v2; a v1 question is asked of everyone). One query."""
    gesteld = set(
        vragen_voor_perspectief(respondent.scan.kaderversie, respondent.perspectief.sleutel)
        .prefetch_related(None)
        .filter(pk__in=list(vraag_ids))
        .values_list("pk", flat=True)
    )
    if gesteld != set(vraag_ids):
        raise OngeldigeInvoer(NIET_GESTELD.format(naam=respondent.perspectief.naam))


@transaction.atomic
def sla_antwoorden_op(
    respondent: Respondent, invoer: list[tuple[int, str, str, int]]
) -> tuple[dict[int, int], set[int]]:
    """Store answers given as (checkvraag id, waarde, toelichting, version seen).

    Invalid input raises OngeldigeInvoer and stores nothing. Answers changed elsewhere in the
    meantime are not overwritten: their ids come back as conflicts; the others are stored.
    Returns (version per question, conflicting question ids)."""
    # One save per respondent at a time: a second click (or tab, or worker) waits for the first
    # and then finds its rows, so the same answers again are a harmless no-op instead of two
    # inserts of the same rows.
    nu_opgeslagen = Respondent.objects.select_for_update().get(pk=respondent.pk)
    respondent.afgerond_op = nu_opgeslagen.afgerond_op
    respondent.gestart_op = nu_opgeslagen.gestart_op
    _controleer_bewerkbaar(respondent)
    wijzigingen = [
        Wijziging(
            vraag_id, {"waarde": waarde, "toelichting": controleer_antwoord(waarde, tekst)}, versie
        )
        for vraag_id, waarde, tekst, versie in invoer
    ]
    controleer_vragen([w.sleutel for w in wijzigingen], respondent.scan.kaderversie_id)
    controleer_gesteld([w.sleutel for w in wijzigingen], respondent)
    versies, conflicten = bewaar_met_versies(
        Antwoord, {"respondent": respondent}, "checkvraag_id", wijzigingen
    )
    if respondent.gestart_op is None and any(versies.values()):
        nu = timezone.now()
        Respondent.objects.filter(pk=respondent.pk, gestart_op__isnull=True).update(gestart_op=nu)
        respondent.gestart_op = nu
    return versies, conflicten


def sla_antwoord_op(
    respondent: Respondent, checkvraag_id: int, waarde: str, toelichting: str, verwachte_versie: int
) -> int:
    """Store one answer (autosave); returns its new version, raises Conflict when stale."""
    versies, conflicten = sla_antwoorden_op(
        respondent, [(checkvraag_id, waarde, toelichting, verwachte_versie)]
    )
    if conflicten:
        raise Conflict()
    return versies[checkvraag_id]


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
    nvt = sum(1 for w in waarden if w == NVT)
    beantwoord = sum(1 for w in waarden if w and w != NVT)
    return Voortgang(
        beantwoord=beantwoord, van_toepassing=totaal - nvt, niet_van_toepassing=nvt, totaal=totaal
    )


def rond_af(respondent: Respondent, verwachte_versie: int) -> None:
    _controleer_bewerkbaar(respondent)
    werk_bij(
        Respondent,
        respondent.pk,
        verwachte_versie,
        {"afgerond_op": timezone.now()},
        afgerond_op__isnull=True,
    )


def onthoud_pagina(respondent: Respondent, sleutel: str) -> None:
    """Remember the page the respondent is on, for "Verder waar u was"."""
    if respondent.laatste_pagina != sleutel:
        Respondent.objects.filter(pk=respondent.pk).update(laatste_pagina=sleutel)
        respondent.laatste_pagina = sleutel
