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
    "OngeldigeInvoer",
    "Voortgang",
    "Wijziging",
    "bewaar_met_versies",
    "controleer_antwoord",
    "hash_token",
    "heropen",
    "maak_scan",
    "nodig_uit",
    "ontbrekend_voor_afronden",
    "respondent_voor_token",
    "rond_af",
    "rond_scan_af",
    "sla_ambitie_op",
    "sla_antwoord_op",
    "sla_antwoorden_op",
    "sla_vaststellingen_op",
    "trek_in",
    "vernieuw_link",
    "voortgang",
    "zet_toestemming",
    "controleer_tekst",
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


@dataclass(frozen=True)
class Wijziging:
    """One row to write: the key within its group, the fields, and the version the writer saw
    (0: the writer saw no row yet)."""

    sleutel: int
    velden: dict
    versie: int


@transaction.atomic
def bewaar_met_versies(
    model, vast: dict, sleutelveld: str, wijzigingen: list[Wijziging], bij_wijziging=None
) -> tuple[dict[int, int], set[int]]:
    """Write a group of rows (all answers on one page, say) in a fixed number of queries.

    A row whose stored version differs from the version the writer saw is left alone and its key
    returned as a conflict; writing what is already stored is a harmless no-op. ``bij_wijziging``
    holds fields set only when something changes (for example who changed it).
    Returns the version of every row after the write and the keys in conflict."""
    bij_wijziging = bij_wijziging or {}
    bestaand = {
        getattr(obj, sleutelveld): obj
        for obj in model.objects.select_for_update().filter(
            **vast, **{f"{sleutelveld}__in": [w.sleutel for w in wijzigingen]}
        )
    }
    nieuw, gewijzigd, conflicten, versies = [], [], set(), {}
    for w in wijzigingen:
        obj = bestaand.get(w.sleutel)
        if obj is None:
            if w.versie != 0:
                conflicten.add(w.sleutel)
            elif any(v not in ("", None) for v in w.velden.values()):
                nieuw.append(model(**vast, **{sleutelveld: w.sleutel}, **w.velden, **bij_wijziging))
                versies[w.sleutel] = 1
            else:
                versies[w.sleutel] = 0
        elif all(getattr(obj, veld) == waarde for veld, waarde in w.velden.items()):
            versies[w.sleutel] = obj.versie
        elif obj.versie != w.versie:
            conflicten.add(w.sleutel)
        else:
            for veld, waarde in {**w.velden, **bij_wijziging}.items():
                setattr(obj, veld, waarde)
            obj.versie += 1
            gewijzigd.append(obj)
            versies[w.sleutel] = obj.versie
    if nieuw:
        try:
            with transaction.atomic():
                model.objects.bulk_create(nieuw)
        except IntegrityError as exc:  # the same rows were created at the same moment elsewhere
            raise Conflict() from exc
    if gewijzigd:
        velden = {veld for w in wijzigingen for veld in w.velden} | set(bij_wijziging) | {"versie"}
        if any(f.name == "gewijzigd_op" for f in model._meta.fields):
            nu = timezone.now()
            for obj in gewijzigd:
                obj.gewijzigd_op = nu
            velden.add("gewijzigd_op")
        model.objects.bulk_update(gewijzigd, sorted(velden))
    return versies, conflicten


def _controleer_vragen(vraag_ids, kaderversie_id) -> None:
    gevonden = set(
        CheckVraag.objects.filter(
            pk__in=vraag_ids, uitgangspunt__versie_id=kaderversie_id
        ).values_list("pk", flat=True)
    )
    if gevonden != set(vraag_ids):
        raise OngeldigeInvoer("Deze vraag hoort niet bij deze scan.")


NUL_TEKEN = "\x00"


def controleer_tekst(tekst: str, wat: str) -> None:
    """Refuse a NUL character in free text (no database stores it; PostgreSQL fails on it)."""
    if NUL_TEKEN in tekst:
        raise OngeldigeInvoer(
            f"{wat} bevat een onzichtbaar teken dat niet is toegestaan (een nul-teken, dat soms "
            "meekomt bij kopiëren en plakken). Haal het weg en probeer het opnieuw."
        )


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
    _controleer_vragen([w.sleutel for w in wijzigingen], respondent.scan.kaderversie_id)
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


@transaction.atomic
def sla_vaststellingen_op(
    scan: Scan, invoer: list[tuple[int, str, str, str, int]], door
) -> tuple[dict[int, str], dict[int, int], set[int]]:
    """Fix the scores given as (checkvraag id, waarde, reden, voorstel, version seen).

    A score that departs from the proposal needs a reason. With any invalid row nothing is
    stored and the errors come back per question. Returns (errors, versions, conflicts)."""
    from .models import VastgesteldeScore

    _controleer_scan_open(scan)
    fouten, wijzigingen = {}, []
    for vraag_id, waarde, reden, voorstel, versie in invoer:
        reden = reden.replace("\r\n", "\n").strip()
        if waarde not in Waarde.values and waarde != "":
            fouten[vraag_id] = "Kies een niveau van 1 tot en met 4 of 'niet van toepassing'."
        elif NUL_TEKEN in reden:
            fouten[vraag_id] = (
                "De reden bevat een onzichtbaar teken dat niet is toegestaan (een nul-teken). "
                "Haal het weg en probeer het opnieuw."
            )
        elif len(reden) > TOELICHTING_MAX:
            fouten[vraag_id] = f"De reden is te lang: maximaal {TOELICHTING_MAX} tekens."
        elif waarde and waarde != voorstel and not reden:
            fouten[vraag_id] = (
                "U wijkt af van het voorstel. Schrijf kort op waarom, zodat het gesprek later "
                "na te lezen is."
            )
        wijzigingen.append(
            Wijziging(vraag_id, {"waarde": waarde, "reden": reden, "voorstel": voorstel}, versie)
        )
    if fouten:
        return fouten, {}, set()
    _controleer_vragen([w.sleutel for w in wijzigingen], scan.kaderversie_id)
    versies, conflicten = bewaar_met_versies(
        VastgesteldeScore,
        {"scan": scan},
        "checkvraag_id",
        wijzigingen,
        bij_wijziging={"gewijzigd_door": door},
    )
    return {}, versies, conflicten


def sla_ambitie_op(scan: Scan, uitgangspunt_id: int, niveau: int | None, verwachte_versie: int):
    _controleer_scan_open(scan)
    if niveau is not None and niveau not in (1, 2, 3, 4):
        raise OngeldigeInvoer("Een ambitie is een niveau van 1 tot en met 4.")
    if not scan.kaderversie.uitgangspunten.filter(pk=uitgangspunt_id).exists():
        raise OngeldigeInvoer("Dit uitgangspunt hoort niet bij deze scan.")
    _, conflicten = bewaar_met_versies(
        Ambitie,
        {"scan": scan},
        "uitgangspunt_id",
        [Wijziging(uitgangspunt_id, {"niveau": niveau}, verwachte_versie)],
    )
    if conflicten:
        raise Conflict()


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
