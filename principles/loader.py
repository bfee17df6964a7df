"""Load a framework version from a JSON file (see fixtures/kader_v1.json for the format)."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import (
    Antwoordniveau,
    Basisfunctionaliteit,
    CheckVraag,
    Handreiking,
    KaderVersie,
    Koppeling,
    Uitgangspunt,
)

__all__ = ["KaderBestandFout", "laad_kader"]


class KaderBestandFout(Exception):
    """The file does not describe a valid framework version."""


def _lees(pad: Path) -> dict:
    try:
        return json.loads(pad.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KaderBestandFout(f"Bestand {pad} bestaat niet.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KaderBestandFout(f"Bestand {pad} is geen geldige JSON (UTF-8): {exc}") from exc


def _controleer(data: dict) -> None:
    fouten = []
    for sleutel in ("versie", "antwoordschaal", "basisfunctionaliteiten", "uitgangspunten"):
        if sleutel not in data:
            fouten.append(f"'{sleutel}' ontbreekt.")
    if fouten:
        raise KaderBestandFout(" ".join(fouten))
    bf_sleutels = {bf["sleutel"] for bf in data["basisfunctionaliteiten"]}
    hr_sleutels = {hr["sleutel"] for hr in data.get("handreikingen", [])}
    fasen = set(CheckVraag.Fase.values)
    soorten = set(Handreiking.Soort.values)
    for up in data["uitgangspunten"]:
        for link in up.get("basisfunctionaliteiten", []):
            if link["sleutel"] not in bf_sleutels:
                fouten.append(f"{up['sleutel']}: onbekende basisfunctionaliteit {link['sleutel']}.")
        for vraag in up.get("checkvragen", []):
            if vraag["fase"] not in fasen:
                fouten.append(f"{vraag['sleutel']}: onbekende fase '{vraag['fase']}'.")
        for hr in up.get("handreikingen", []):
            if hr not in hr_sleutels:
                fouten.append(f"{up['sleutel']}: onbekende handreiking '{hr}'.")
    for hr in data.get("handreikingen", []):
        if hr["soort"] not in soorten:
            fouten.append(f"Handreiking {hr['sleutel']}: onbekende soort '{hr['soort']}'.")
    if fouten:
        raise KaderBestandFout(" ".join(fouten))


def laad_kader(pad: Path, publiceer: bool = True) -> tuple[KaderVersie, bool]:
    """Load the version in ``pad``. Returns (version, created).

    Idempotent: when a version with the same number exists, nothing changes.
    """
    data = _lees(pad)
    _controleer(data)
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
            url=hr["url"],
            soort=hr["soort"],
            omschrijving=hr["omschrijving"],
        )
        for hr in data.get("handreikingen", [])
    }
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
        CheckVraag.objects.bulk_create(
            CheckVraag(
                uitgangspunt=up,
                sleutel=vraag["sleutel"],
                volgorde=vraag["volgorde"],
                fase=vraag["fase"],
                tekst=vraag["tekst"],
                helptekst=vraag.get("helptekst", ""),
            )
            for vraag in item.get("checkvragen", [])
        )
        for sleutel in item.get("handreikingen", []):
            hrs[sleutel].uitgangspunten.add(up)
    return versie
