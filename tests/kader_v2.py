"""A framework version 2 for tests, made from the shipped version 1: every question gets four
level descriptions and is asked of some perspectives, some in their own words.

Per uitgangspunt the questions are asked (by their place, 1-based, repeating):
  1: everyone, the inwoner in its own words with its own help text
  2: beleid and uitvoering
  3: inwoner only, in its own words
  4 and later: bestuur, beleid, uitvoering and ketenpartner
UP7 asks the inwoner nothing, so an inwoner's questionnaire skips that page."""

import copy
import json

from principles.loader import laad_kader

from .conftest import KADER_BESTAND

PERSPECTIEVEN = ["bestuur", "beleid", "uitvoering", "inwoner", "ketenpartner"]
ZONDER_INWONER = "UP7"


def inwoner_tekst(sleutel: str) -> str:
    return f"Als inwoner merk ik dit: {sleutel}."


def niveau_tekst(sleutel: str, niveau: int) -> str:
    return f"Bij {sleutel} ziet niveau {niveau} er zo uit."


def _gesteld(up: str, plaats: int, sleutel: str) -> dict:
    soort = plaats if plaats <= 3 else 4
    if up == ZONDER_INWONER and soort in (1, 3):
        soort = 4
    if soort == 1:
        return {p: (inwoner_tekst(sleutel) if p == "inwoner" else None) for p in PERSPECTIEVEN}
    if soort == 2:
        return {"beleid": None, "uitvoering": None}
    if soort == 3:
        return {"inwoner": inwoner_tekst(sleutel)}
    return {"bestuur": None, "beleid": None, "uitvoering": None, "ketenpartner": None}


def kader_v2_data(nummer: int = 2, vragen_per_up: int | None = None) -> dict:
    data = json.loads(KADER_BESTAND.read_text(encoding="utf-8"))
    data["versie"].update(nummer=nummer, naam=f"Testkader, versie {nummer}")
    data["perspectieven"] = [{"sleutel": p, "naam": p.capitalize()} for p in PERSPECTIEVEN]
    for up in data["uitgangspunten"]:
        if vragen_per_up is not None:
            voorbeeld = up["checkvragen"][0]
            up["checkvragen"] = []
            for i in range(vragen_per_up):
                vraag = copy.deepcopy(voorbeeld)
                vraag.update(sleutel=f"{up['sleutel']}-{i + 1:02d}", volgorde=i + 1)
                up["checkvragen"].append(vraag)
        for plaats, vraag in enumerate(up["checkvragen"], start=1):
            sleutel = vraag["sleutel"]
            vraag["niveaus"] = [niveau_tekst(sleutel, n) for n in range(1, 5)]
            vraag["perspectieven"] = _gesteld(up["sleutel"], plaats, sleutel)
            if plaats == 1 and up["sleutel"] != ZONDER_INWONER:
                vraag["helpteksten"] = {"inwoner": f"Denk aan uw eigen ervaring ({sleutel})."}
    return data


def laad_kader_v2(tmp_path, nummer: int = 2, vragen_per_up: int | None = None):
    """Load and publish the test version 2 (it becomes the current version)."""
    pad = tmp_path / f"kader_v{nummer}.json"
    pad.write_text(json.dumps(kader_v2_data(nummer, vragen_per_up)), encoding="utf-8")
    versie, _ = laad_kader(pad)
    return versie
