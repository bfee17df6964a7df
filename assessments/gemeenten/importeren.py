"""The list of gemeenten: loading the shipped list and renewing it from a CBS file.

The CBS publishes "Gemeenten alfabetisch" each year with the columns Gemeentecode,
GemeentecodeGM, Gemeentenaam, Provinciecode, ProvinciecodePV and Provincienaam. An import
checks the whole file first and changes nothing when any row is wrong.
"""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from assessments.models import Gemeente, Grootteklasse, Provincie

__all__ = [
    "CBS_KOLOMMEN",
    "GemeentenBestandFout",
    "ImportResultaat",
    "importeer_cbs",
    "laad_gemeentelijst",
    "lees_cbs",
]

CBS_KOLOMMEN = (
    "Gemeentecode",
    "GemeentecodeGM",
    "Gemeentenaam",
    "Provinciecode",
    "ProvinciecodePV",
    "Provincienaam",
)
_GM = re.compile(r"^GM\d{4}$")
_PROVINCIE_ALIASSEN = {"Friesland": Provincie.FRYSLAN, "Fryslan": Provincie.FRYSLAN}
MAX_AANDEEL_OPGEHEVEN = 0.1


class GemeentenBestandFout(Exception):
    """The file cannot be used; the message says why, in Dutch."""

    def __init__(self, fouten: list[str]):
        self.fouten = fouten
        super().__init__("\n".join(fouten))


@dataclass(frozen=True)
class GemeenteRij:
    code: str
    naam: str
    provincie: str
    inwoners: int | None = None


@dataclass(frozen=True)
class ImportResultaat:
    nieuw: list[str]
    gewijzigd: list[str]
    opgeheven: list[str]
    ongewijzigd: int


NAAM_MAX = Gemeente._meta.get_field("naam").max_length


def _decodeer(inhoud: bytes) -> str:
    # Excel's "Unicode text" is UTF-16 with a byte order mark; CBS downloads are UTF-8 or
    # Windows-1252.
    coderingen = ("utf-16",) if inhoud[:2] in (b"\xff\xfe", b"\xfe\xff") else ()
    for codering in (*coderingen, "utf-8-sig", "cp1252"):
        try:
            tekst = inhoud.decode(codering)
        except UnicodeDecodeError:
            continue
        if "\x00" in tekst:
            raise GemeentenBestandFout(
                [
                    "Het bestand bevat nul-tekens: het is waarschijnlijk opgeslagen als UTF-16 "
                    "zonder kenmerk, of het is geen tekstbestand. Sla het op als CSV (UTF-8) en "
                    "probeer het opnieuw."
                ]
            )
        return tekst
    raise GemeentenBestandFout(["Het bestand is geen tekstbestand (CSV) in UTF-8."])


def _lezer(tekst: str) -> csv.DictReader:
    eerste_regel = tekst.splitlines()[0] if tekst.strip() else ""
    scheiding = ";" if eerste_regel.count(";") >= eerste_regel.count(",") else ","
    return csv.DictReader(io.StringIO(tekst), delimiter=scheiding)


def _provincie(naam: str) -> str | None:
    naam = naam.strip()
    if naam in Provincie.values:
        return naam
    return _PROVINCIE_ALIASSEN.get(naam)


def lees_cbs(inhoud: bytes) -> list[GemeenteRij]:
    """Parse and check a CBS "gemeenten alfabetisch" CSV. Raises GemeentenBestandFout."""
    tekst = _decodeer(inhoud)
    if not tekst.strip():
        raise GemeentenBestandFout(["Het bestand is leeg."])
    lezer = _lezer(tekst)
    kolommen = [k.strip() for k in (lezer.fieldnames or [])]
    ontbrekend = [k for k in CBS_KOLOMMEN if k not in kolommen]
    if ontbrekend:
        raise GemeentenBestandFout(
            [
                "Dit is geen CBS-bestand 'Gemeenten alfabetisch': de kolom(men) "
                + ", ".join(ontbrekend)
                + " ontbreken. Verwacht: "
                + ", ".join(CBS_KOLOMMEN)
                + "."
            ]
        )
    fouten, rijen, codes, namen = [], [], set(), set()
    try:
        ruwe_rijen = list(lezer)
    except csv.Error as exc:
        raise GemeentenBestandFout(
            [f"Regel {lezer.line_num}: het bestand is geen geldige CSV ({exc})."]
        ) from exc
    for regelnummer, ruwe_rij in enumerate(ruwe_rijen, start=2):
        rij = {(k or "").strip(): (v or "").strip() for k, v in ruwe_rij.items() if k}
        if not any(rij.values()):
            continue
        code = rij["GemeentecodeGM"].upper()
        cijfers = rij["Gemeentecode"]
        naam = rij["Gemeentenaam"]
        provincie = _provincie(rij["Provincienaam"])
        if not _GM.match(code):
            fouten.append(
                f"Regel {regelnummer}: '{code}' is geen geldige gemeentecode (GM + 4 cijfers)."
            )
        elif not cijfers.isdigit() or int(cijfers) != int(code[2:]):
            fouten.append(
                f"Regel {regelnummer}: Gemeentecode '{cijfers}' past niet bij "
                f"GemeentecodeGM '{code}'."
            )
        if not naam:
            fouten.append(f"Regel {regelnummer}: de gemeentenaam ontbreekt.")
        elif len(naam) > NAAM_MAX:
            fouten.append(
                f"Regel {regelnummer}: de gemeentenaam is {len(naam)} tekens lang; er passen er "
                f"maximaal {NAAM_MAX}."
            )
        if provincie is None:
            fouten.append(f"Regel {regelnummer}: onbekende provincie '{rij['Provincienaam']}'.")
        if code in codes:
            fouten.append(f"Regel {regelnummer}: gemeentecode {code} komt twee keer voor.")
        if naam and naam in namen:
            fouten.append(f"Regel {regelnummer}: gemeentenaam '{naam}' komt twee keer voor.")
        codes.add(code)
        namen.add(naam)
        rijen.append(GemeenteRij(code=code, naam=naam, provincie=provincie or ""))
    if not rijen and not fouten:
        fouten.append("Het bestand bevat geen gemeenten.")
    if fouten:
        raise GemeentenBestandFout(
            fouten[:20] + ([f"… en nog {len(fouten) - 20} fouten."] if len(fouten) > 20 else [])
        )
    return rijen


def importeer_cbs(rijen: list[GemeenteRij], dry_run: bool = False) -> ImportResultaat:
    """Renew the list: add new gemeenten, update names and provincies, and mark gemeenten that
    are no longer in the file as opgeheven (they stay, because scans refer to them)."""
    bestaand = {g.code: g for g in Gemeente.objects.all()}
    actief = {code for code, g in bestaand.items() if g.actief}
    in_bestand = {rij.code for rij in rijen}
    opgeheven = sorted(actief - in_bestand)
    if actief and len(opgeheven) > MAX_AANDEEL_OPGEHEVEN * len(actief):
        raise GemeentenBestandFout(
            [
                f"Het bestand mist {len(opgeheven)} van de {len(actief)} huidige gemeenten. "
                "Dat is meer dan bij een herindeling te verwachten is; controleer of dit de "
                "volledige lijst is. Er is niets gewijzigd."
            ]
        )
    nieuw, gewijzigd, ongewijzigd = [], [], 0
    with transaction.atomic():
        for rij in rijen:
            gemeente = bestaand.get(rij.code)
            if gemeente is None:
                nieuw.append(rij.code)
                if not dry_run:
                    Gemeente.objects.create(code=rij.code, naam=rij.naam, provincie=rij.provincie)
                continue
            if (gemeente.naam, gemeente.provincie, gemeente.actief) != (
                rij.naam,
                rij.provincie,
                True,
            ):
                gewijzigd.append(rij.code)
                gemeente.naam, gemeente.provincie, gemeente.actief = rij.naam, rij.provincie, True
                if not dry_run:
                    gemeente.save()
            else:
                ongewijzigd += 1
        if not dry_run:
            Gemeente.objects.filter(code__in=opgeheven).update(actief=False)
    return ImportResultaat(
        nieuw=nieuw, gewijzigd=gewijzigd, opgeheven=opgeheven, ongewijzigd=ongewijzigd
    )


def lees_gemeentelijst(pad: Path) -> list[GemeenteRij]:
    """Read the shipped list (code,naam,provincie,inwoners)."""
    with pad.open(encoding="utf-8", newline="") as f:
        return [
            GemeenteRij(
                code=r["code"].strip(),
                naam=r["naam"].strip(),
                provincie=r["provincie"].strip(),
                inwoners=int(r["inwoners"]) if r.get("inwoners", "").strip() else None,
            )
            for r in csv.DictReader(f)
        ]


def laad_gemeentelijst(pad: Path) -> tuple[int, int]:
    """Load the shipped list of gemeenten with their inhabitants. Idempotent.

    Returns (created, updated)."""
    rijen = lees_gemeentelijst(pad)
    bestaand = {g.code: g for g in Gemeente.objects.all()}
    nieuw, gewijzigd = [], []
    for rij in rijen:
        klasse = Grootteklasse.voor_inwoners(rij.inwoners)
        gemeente = bestaand.get(rij.code)
        if gemeente is None:
            nieuw.append(
                Gemeente(
                    code=rij.code,
                    naam=rij.naam,
                    provincie=rij.provincie,
                    inwoners=rij.inwoners,
                    grootteklasse=klasse,
                )
            )
        elif (gemeente.naam, gemeente.provincie, gemeente.inwoners) != (
            rij.naam,
            rij.provincie,
            rij.inwoners,
        ):
            gemeente.naam, gemeente.provincie = rij.naam, rij.provincie
            gemeente.inwoners, gemeente.grootteklasse = rij.inwoners, klasse
            gewijzigd.append(gemeente)
    with transaction.atomic():
        Gemeente.objects.bulk_create(nieuw)
        Gemeente.objects.bulk_update(gewijzigd, ["naam", "provincie", "inwoners", "grootteklasse"])
    return len(nieuw), len(gewijzigd)
