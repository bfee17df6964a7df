"""Load a framework version from a JSON file (see fixtures/kader_v1.json for the format)."""

import json
import re
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
    """The file does not describe a valid framework version; ``fouten`` lists why (Dutch)."""

    def __init__(self, fouten):
        self.fouten = [fouten] if isinstance(fouten, str) else list(fouten)
        super().__init__("\n".join(self.fouten))


def _lees(pad: Path):
    try:
        return json.loads(pad.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KaderBestandFout(f"Bestand {pad} bestaat niet.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KaderBestandFout(f"Bestand {pad} is geen geldige JSON (UTF-8): {exc}") from exc


def _max(model, veld: str) -> int | None:
    return model._meta.get_field(veld).max_length


class _Controle:
    """Checks the whole file before anything is written and collects every problem."""

    def __init__(self):
        self.fouten: list[str] = []

    def fout(self, waar: str, tekst: str) -> None:
        self.fouten.append(f"{waar}: {tekst}")

    def object(self, waarde, waar: str) -> dict | None:
        if not isinstance(waarde, dict):
            self.fout(waar, "moet een object zijn (tussen { }).")
            return None
        return waarde

    def lijst(self, obj: dict, veld: str, waar: str, leeg_mag: bool = False) -> list:
        waarde = obj.get(veld, [] if leeg_mag else None)
        if not isinstance(waarde, list):
            self.fout(waar, f"'{veld}' ontbreekt of is geen lijst.")
            return []
        if not waarde and not leeg_mag:
            self.fout(waar, f"'{veld}' is leeg; een kader zonder {veld} wordt niet geladen.")
        return waarde

    def tekst(self, obj: dict, veld: str, waar: str, lengte=None, verplicht=True) -> str:
        waarde = obj.get(veld, None if verplicht else "")
        if isinstance(waarde, list) and all(isinstance(r, str) for r in waarde):
            waarde = "\n".join(waarde)
        if not isinstance(waarde, str) or (verplicht and not waarde.strip()):
            self.fout(waar, f"'{veld}' ontbreekt of is geen tekst.")
            return ""
        if "\x00" in waarde:
            self.fout(waar, f"'{veld}' bevat een nul-teken.")
        if lengte and len(waarde) > lengte:
            self.fout(waar, f"'{veld}' is {len(waarde)} tekens lang; er passen er {lengte}.")
        return waarde

    def getal(self, obj: dict, veld: str, waar: str, minimum: int = 0) -> int | None:
        waarde = obj.get(veld)
        if isinstance(waarde, bool) or not isinstance(waarde, int) or waarde < minimum:
            self.fout(waar, f"'{veld}' moet een geheel getal van minstens {minimum} zijn.")
            return None
        return waarde

    def sleutel(self, obj: dict, waar: str, model, gezien: set) -> str:
        sleutel = self.tekst(obj, "sleutel", waar, _max(model, "sleutel"))
        if sleutel and not SLEUTEL.fullmatch(sleutel):
            self.fout(waar, f"sleutel '{sleutel}' mag alleen letters, cijfers, - en _ bevatten.")
        if sleutel and sleutel in gezien:
            self.fout(waar, f"sleutel '{sleutel}' komt twee keer voor.")
        gezien.add(sleutel)
        return sleutel


SLEUTEL = re.compile(r"[A-Za-z0-9_-]+")


def _controleer(data) -> None:
    """Raise KaderBestandFout with every problem of the file; return only for a complete,
    consistent framework (at least one basisfunctionaliteit and uitgangspunt, every
    uitgangspunt with check-vragen)."""
    c = _Controle()
    if c.object(data, "Het bestand") is None:
        raise KaderBestandFout(
            "Het bestand moet één JSON-object zijn met versie, antwoordschaal, "
            "basisfunctionaliteiten en uitgangspunten."
        )
    kop = c.object(data.get("versie"), "versie")
    if kop is not None:
        c.getal(kop, "nummer", "versie", minimum=1)
        c.tekst(kop, "naam", "versie", _max(KaderVersie, "naam"))
        c.tekst(kop, "toelichting", "versie", verplicht=False)
    waarden = []
    for i, niveau in enumerate(c.lijst(data, "antwoordschaal", "het kader"), start=1):
        waar = f"antwoordschaal, niveau {i}"
        if (niveau := c.object(niveau, waar)) is not None:
            waarden.append(c.getal(niveau, "waarde", waar, minimum=1))
            c.tekst(niveau, "label", waar, _max(Antwoordniveau, "label"))
            c.tekst(niveau, "omschrijving", waar)
    if "antwoordschaal" in data and sorted(w for w in waarden if w) != [1, 2, 3, 4]:
        c.fout("antwoordschaal", "moet de niveaus 1, 2, 3 en 4 elk één keer hebben.")

    bf_sleutels: set = set()
    for i, bf in enumerate(c.lijst(data, "basisfunctionaliteiten", "het kader"), start=1):
        waar = f"basisfunctionaliteit {i}"
        if (bf := c.object(bf, waar)) is not None:
            c.sleutel(bf, waar, Basisfunctionaliteit, bf_sleutels)
            c.getal(bf, "volgorde", waar)
            c.tekst(bf, "titel", waar, _max(Basisfunctionaliteit, "titel"))
            c.tekst(bf, "korte_titel", waar, _max(Basisfunctionaliteit, "korte_titel"))
            c.tekst(bf, "omschrijving", waar)

    hr_sleutels: set = set()
    soorten = set(Handreiking.Soort.values)
    for i, hr in enumerate(c.lijst(data, "handreikingen", "het kader", leeg_mag=True), start=1):
        waar = f"handreiking {i}"
        if (hr := c.object(hr, waar)) is not None:
            c.sleutel(hr, waar, Handreiking, hr_sleutels)
            c.tekst(hr, "titel", waar, _max(Handreiking, "titel"))
            c.tekst(hr, "uitgever", waar, _max(Handreiking, "uitgever"))
            url = c.tekst(hr, "url", waar, _max(Handreiking, "url"))
            if url and not url.startswith(("https://", "http://")):
                c.fout(waar, f"adres '{url}' begint niet met https://.")
            if c.tekst(hr, "soort", waar) not in soorten | {""}:
                c.fout(waar, f"onbekende soort '{hr['soort']}'.")
            c.tekst(hr, "omschrijving", waar)

    up_sleutels: set = set()
    vraag_sleutels: set = set()
    fasen = set(CheckVraag.Fase.values)
    for i, up in enumerate(c.lijst(data, "uitgangspunten", "het kader"), start=1):
        waar = f"uitgangspunt {i}"
        if (up := c.object(up, waar)) is None:
            continue
        sleutel = c.sleutel(up, waar, Uitgangspunt, up_sleutels)
        waar = f"uitgangspunt {i} ({sleutel})" if sleutel else waar
        c.getal(up, "volgorde", waar)
        c.tekst(up, "titel", waar, _max(Uitgangspunt, "titel"))
        c.tekst(up, "korte_titel", waar, _max(Uitgangspunt, "korte_titel"))
        for veld in ("omschrijving", "goed_als", "signalen"):
            c.tekst(up, veld, waar)
        for link in c.lijst(up, "basisfunctionaliteiten", waar, leeg_mag=True):
            if (link := c.object(link, f"{waar}, koppeling")) is not None:
                if link.get("sleutel") not in bf_sleutels:
                    c.fout(waar, f"onbekende basisfunctionaliteit '{link.get('sleutel')}'.")
                c.tekst(link, "reden", f"{waar}, koppeling")
        for j, vraag in enumerate(c.lijst(up, "checkvragen", waar), start=1):
            vwaar = f"{waar}, check-vraag {j}"
            if (vraag := c.object(vraag, vwaar)) is not None:
                c.sleutel(vraag, vwaar, CheckVraag, vraag_sleutels)
                c.getal(vraag, "volgorde", vwaar)
                if vraag.get("fase") not in fasen:
                    c.fout(vwaar, f"onbekende fase '{vraag.get('fase')}'.")
                c.tekst(vraag, "tekst", vwaar)
                c.tekst(vraag, "helptekst", vwaar, verplicht=False)
        for hr in c.lijst(up, "handreikingen", waar, leeg_mag=True):
            if hr not in hr_sleutels:
                c.fout(waar, f"onbekende handreiking '{hr}'.")
    if c.fouten:
        raise KaderBestandFout(
            c.fouten[:30]
            + ([f"… en nog {len(c.fouten) - 30} fouten."] if len(c.fouten) > 30 else [])
        )


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
        # A backstop only: _controleer has refused every file it knows to be wrong.
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
