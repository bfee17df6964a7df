"""Checking a framework file before anything is written (see ``principles.loader``).

Every problem is collected and reported in Dutch, with where in the file it is. Besides the v1
format this knows the v2 additions: top-level ``perspectieven`` and ``begrippen``; per question
``niveaus``, ``perspectieven`` and ``helpteksten``; per handreiking a ``bron`` instead of a url.
"""

import re

from .models import (
    Antwoordniveau,
    Basisfunctionaliteit,
    Begrip,
    CheckVraag,
    Handreiking,
    KaderPerspectief,
    KaderVersie,
    Uitgangspunt,
)

__all__ = ["KaderBestandFout", "controleer"]


class KaderBestandFout(Exception):
    """The file does not describe a valid framework version; ``fouten`` lists why (Dutch)."""

    def __init__(self, fouten):
        self.fouten = [fouten] if isinstance(fouten, str) else list(fouten)
        super().__init__("\n".join(self.fouten))


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


def controleer(data) -> None:
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

    perspectieven = _perspectieven(c, data)
    _begrippen(c, data)

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
            bron = c.tekst(hr, "bron", waar, _max(Handreiking, "bron"), verplicht=False)
            url = c.tekst(hr, "url", waar, _max(Handreiking, "url"), verplicht=False)
            if url and not url.startswith(("https://", "http://")):
                c.fout(waar, f"adres '{url}' begint niet met https://.")
            if not url.strip() and not bron.strip():
                c.fout(waar, "heeft geen adres ('url') en geen 'bron'; vul er één in.")
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
                _vraag_v2(c, vraag, vwaar, perspectieven)
        for hr in c.lijst(up, "handreikingen", waar, leeg_mag=True):
            if hr not in hr_sleutels:
                c.fout(waar, f"onbekende handreiking '{hr}'.")
    if c.fouten:
        raise KaderBestandFout(
            c.fouten[:30]
            + ([f"… en nog {len(c.fouten) - 30} fouten."] if len(c.fouten) > 30 else [])
        )


def _perspectieven(c: _Controle, data: dict) -> set[str] | None:
    """The declared perspective keys, or None when the file declares none (v1)."""
    if "perspectieven" not in data:
        return None
    gezien: set = set()
    for i, p in enumerate(c.lijst(data, "perspectieven", "het kader"), start=1):
        waar = f"perspectief {i}"
        if (p := c.object(p, waar)) is not None:
            c.sleutel(p, waar, KaderPerspectief, gezien)
            c.tekst(p, "naam", waar, _max(KaderPerspectief, "naam"))
            c.tekst(p, "omschrijving", waar, verplicht=False)
    return gezien - {""}


def _begrippen(c: _Controle, data: dict) -> None:
    gezien: set = set()
    for i, b in enumerate(c.lijst(data, "begrippen", "het kader", leeg_mag=True), start=1):
        waar = f"begrip {i}"
        if (b := c.object(b, waar)) is None:
            continue
        term = c.tekst(b, "term", waar, _max(Begrip, "term")).strip()
        c.tekst(b, "uitleg", waar)
        if term and term.casefold() in gezien:
            c.fout(waar, f"het begrip '{term}' komt twee keer voor.")
        gezien.add(term.casefold())


def _vraag_v2(c: _Controle, vraag: dict, waar: str, perspectieven: set[str] | None) -> None:
    """Levels, perspectives and per-perspective help texts of one question."""
    if "niveaus" in vraag or perspectieven is not None:
        niveaus = vraag.get("niveaus")
        if (
            not isinstance(niveaus, list)
            or len(niveaus) != 4
            or not all(isinstance(n, str) and n.strip() for n in niveaus)
        ):
            c.fout(waar, "'niveaus' moet een lijst van precies vier teksten zijn (niveau 1 tot 4).")
        elif any("\x00" in n for n in niveaus):
            c.fout(waar, "'niveaus' bevat een nul-teken.")
    if perspectieven is None:
        for veld in ("perspectieven", "helpteksten"):
            if veld in vraag:
                c.fout(waar, f"'{veld}' bij een vraag, maar het kader noemt geen perspectieven.")
        return
    gesteld = vraag.get("perspectieven")
    if not isinstance(gesteld, dict) or not gesteld:
        c.fout(
            waar, "'perspectieven' ontbreekt; noem minstens één perspectief dat de vraag krijgt."
        )
        return
    for sleutel, tekst in gesteld.items():
        if sleutel not in perspectieven:
            c.fout(waar, f"onbekend perspectief '{sleutel}'.")
        if tekst is not None and (not isinstance(tekst, str) or not tekst.strip()):
            c.fout(waar, f"de formulering voor '{sleutel}' moet null of een tekst zijn.")
        elif tekst is not None and "\x00" in tekst:
            c.fout(waar, f"de formulering voor '{sleutel}' bevat een nul-teken.")
    helpteksten = vraag.get("helpteksten", {})
    if not isinstance(helpteksten, dict):
        c.fout(waar, "'helpteksten' moet een object zijn (perspectief: tekst).")
        return
    for sleutel, tekst in helpteksten.items():
        if sleutel not in gesteld:
            c.fout(waar, f"helptekst voor '{sleutel}', maar de vraag wordt daar niet gesteld.")
        if not isinstance(tekst, str) or not tekst.strip() or "\x00" in tekst:
            c.fout(waar, f"de helptekst voor '{sleutel}' moet een tekst zijn.")
