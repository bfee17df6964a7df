"""Load a framework version from a JSON file (see fixtures/kader_v1.json for the format, and
``principles.kadercontrole`` for the v2 additions). ``laad_alle_kaders`` loads every
``kader_v<nummer>.json`` of a folder in number order; both skip versions already present."""

import json
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from .kadercontrole import KaderBestandFout, controleer
from .models import (
    Antwoordniveau,
    Basisfunctionaliteit,
    Begrip,
    CheckVraag,
    Handreiking,
    KaderPerspectief,
    KaderVersie,
    Koppeling,
    Uitgangspunt,
    VraagPerspectief,
)

__all__ = ["KaderBestandFout", "kaderbestanden", "laad_alle_kaders", "laad_kader"]

BESTANDSNAAM = re.compile(r"kader_v(\d+)\.json")


def _lees(pad: Path):
    try:
        return json.loads(pad.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KaderBestandFout(f"Bestand {pad} bestaat niet.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KaderBestandFout(f"Bestand {pad} is geen geldige JSON (UTF-8): {exc}") from exc


def kaderbestanden(map_: Path) -> list[Path]:
    """The ``kader_v<nummer>.json`` files of a folder, lowest number first."""
    gevonden = [
        (int(m.group(1)), pad)
        for pad in map_.glob("kader_v*.json")
        if (m := BESTANDSNAAM.fullmatch(pad.name))
    ]
    return [pad for _, pad in sorted(gevonden)]


def laad_alle_kaders(map_: Path, publiceer: bool = True) -> list[tuple[KaderVersie, bool]]:
    """Load every framework file of ``map_`` in number order, so the highest number is
    published last and becomes ``KaderVersie.objects.huidige()``. Versions already present are
    left alone. Stops at the first file that is refused (earlier files stay loaded)."""
    bestanden = kaderbestanden(map_)
    if not bestanden:
        raise KaderBestandFout(f"In {map_} staat geen bestand kader_v<nummer>.json.")
    return [laad_kader(pad, publiceer=publiceer) for pad in bestanden]


def laad_kader(pad: Path, publiceer: bool = True) -> tuple[KaderVersie, bool]:
    """Load the version in ``pad``. Returns (version, created).

    Idempotent: when a version with the same number exists, nothing changes.
    """
    data = _lees(pad)
    controleer(data)
    nummer = int(data["versie"]["nummer"])
    bestaand = KaderVersie.objects.filter(nummer=nummer).first()
    if bestaand is not None:
        return bestaand, False
    try:
        with transaction.atomic():
            versie = _maak(data, nummer)
            if publiceer:
                versie.publiceer()
    except (KeyError, TypeError, ValueError, ValidationError) as exc:
        # A backstop only: controleer has refused every file it knows to be wrong.
        raise KaderBestandFout(f"Het kader kon niet worden geladen: {exc!r}") from exc
    return versie, True


def _regels(waarde) -> str:
    return "\n".join(waarde) if isinstance(waarde, list) else str(waarde)


def _maak(data: dict, nummer: int) -> KaderVersie:
    kop = data["versie"]
    versie = KaderVersie.objects.create(
        nummer=nummer, naam=kop["naam"], toelichting=kop.get("toelichting", "")
    )
    for niveau in data["antwoordschaal"]:
        Antwoordniveau.objects.create(
            versie=versie,
            waarde=niveau["waarde"],
            label=niveau["label"],
            omschrijving=niveau["omschrijving"],
        )
    perspectieven = {
        p.sleutel: p
        for p in KaderPerspectief.objects.bulk_create(
            KaderPerspectief(
                versie=versie,
                sleutel=p["sleutel"],
                naam=p["naam"],
                omschrijving=p.get("omschrijving", ""),
                volgorde=i,
            )
            for i, p in enumerate(data.get("perspectieven", []), start=1)
        )
    }
    Begrip.objects.bulk_create(
        Begrip(versie=versie, term=b["term"].strip(), uitleg=b["uitleg"])
        for b in data.get("begrippen", [])
    )
    bfs = {
        bf["sleutel"]: Basisfunctionaliteit.objects.create(
            versie=versie,
            sleutel=bf["sleutel"],
            volgorde=bf["volgorde"],
            titel=bf["titel"],
            korte_titel=bf["korte_titel"],
            omschrijving=bf["omschrijving"],
        )
        for bf in data["basisfunctionaliteiten"]
    }
    hrs = {
        hr["sleutel"]: Handreiking.objects.create(
            versie=versie,
            sleutel=hr["sleutel"],
            titel=hr["titel"],
            uitgever=hr["uitgever"],
            url=hr.get("url") or "",
            bron=hr.get("bron") or "",
            soort=hr["soort"],
            omschrijving=hr["omschrijving"],
        )
        for hr in data.get("handreikingen", [])
    }
    rijen = []
    for item in data["uitgangspunten"]:
        up = Uitgangspunt.objects.create(
            versie=versie,
            sleutel=item["sleutel"],
            volgorde=item["volgorde"],
            titel=item["titel"],
            korte_titel=item["korte_titel"],
            omschrijving=item["omschrijving"],
            goed_als=_regels(item["goed_als"]),
            signalen=_regels(item["signalen"]),
        )
        Koppeling.objects.bulk_create(
            Koppeling(
                uitgangspunt=up, basisfunctionaliteit=bfs[link["sleutel"]], reden=link["reden"]
            )
            for link in item.get("basisfunctionaliteiten", [])
        )
        vragen = item.get("checkvragen", [])
        gemaakt = CheckVraag.objects.bulk_create(_vraag(up, vraag) for vraag in vragen)
        for vraag, nieuw in zip(vragen, gemaakt, strict=True):
            helpteksten = vraag.get("helpteksten") or {}
            rijen.extend(
                VraagPerspectief(
                    checkvraag=nieuw,
                    perspectief=perspectieven[sleutel],
                    tekst=eigen or "",
                    helptekst=helpteksten.get(sleutel, ""),
                )
                for sleutel, eigen in (vraag.get("perspectieven") or {}).items()
            )
        for sleutel in item.get("handreikingen", []):
            hrs[sleutel].uitgangspunten.add(up)
    VraagPerspectief.objects.bulk_create(rijen)
    return versie


def _vraag(up: Uitgangspunt, vraag: dict) -> CheckVraag:
    niveaus = vraag.get("niveaus") or ["", "", "", ""]
    return CheckVraag(
        uitgangspunt=up,
        sleutel=vraag["sleutel"],
        volgorde=vraag["volgorde"],
        fase=vraag["fase"],
        tekst=vraag["tekst"],
        helptekst=vraag.get("helptekst", ""),
        **{f"niveau_{n}": tekst for n, tekst in enumerate(niveaus, start=1)},
    )
