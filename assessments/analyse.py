"""What the analist pages show, as tables: the page and its CSV export are built from the same
tables, so the export holds exactly what is on the screen (hidden cells stay hidden).

Every figure comes from ``anonimisering.uitsplitsen``; this module only arranges the figures."""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings

from principles.models import CheckVraag, KaderVersie

from . import anonimisering, vergelijking
from .export import _cel
from .models import Grootteklasse

__all__ = [
    "DIMENSIES",
    "Keuze",
    "Rij",
    "Tabel",
    "als_csv",
    "checkvragen",
    "ontwikkeling",
    "overzicht",
    "scores",
]

DIMENSIES = {
    "alle": "Alle gemeenten",
    "grootteklasse": "Grootteklasse",
    "provincie": "Provincie",
    "periode": "Periode",
}
VERBORGEN = "te weinig gemeenten"


@dataclass(frozen=True)
class Rij:
    label: str
    cel: anonimisering.Cel
    # Change of median and mean since the row before (only where both are shown).
    verschil_mediaan: float | None = None
    verschil_gemiddelde: float | None = None


@dataclass(frozen=True)
class Tabel:
    id: str
    titel: str
    kop: str  # heading of the first column
    rijen: list[Rij]
    soort: str = "scores"  # "scores", "niveaus" (shares per level), "deelname" or "ontwikkeling"

    @property
    def heeft_zichtbare_cel(self) -> bool:
        return any(not rij.cel.verborgen for rij in self.rijen)


@dataclass
class Keuze:
    """The analist's choices on a page, checked against what exists."""

    dimensie: str = "alle"
    periode: int | None = None
    uitgangspunt: str | None = None
    perioden: list[int] = field(default_factory=list)


def _groeplabel(dimensie: str, groep: str) -> str:
    if dimensie == "grootteklasse":
        return dict(Grootteklasse.choices).get(groep, groep)
    return groep


def _groepen(dimensie: str, perioden: list[int]) -> list[str]:
    if dimensie == "periode":
        return [str(p) for p in sorted(perioden)]
    return vergelijking.GROEPEN.get(dimensie, [])


def _rijen(uitsplitsing: anonimisering.Uitsplitsing) -> list[Rij]:
    dimensie = uitsplitsing.dimensie
    rijen = []
    if dimensie not in ("alle", "periode"):
        rijen.append(Rij("Alle gemeenten", uitsplitsing.totaal))
    rijen += [Rij(_groeplabel(dimensie, cel.groep), cel) for cel in uitsplitsing.cellen]
    return rijen


def _met_verschillen(rijen: list[Rij]) -> list[Rij]:
    """Change since the previous period, computed from shown figures only."""
    uit = []
    vorige = None
    for rij in rijen:
        cel = rij.cel
        if vorige is not None and not cel.verborgen and not vorige.verborgen:
            rij = Rij(
                rij.label,
                cel,
                round(cel.mediaan - vorige.mediaan, 1),
                round(cel.gemiddelde - vorige.gemiddelde, 1),
            )
        uit.append(rij)
        vorige = cel
    return uit


def _onderdelen(versie):
    """The basisfunctionaliteiten and uitgangspunten of the current version, in order."""
    if versie is None:
        return [], []
    return (
        list(versie.basisfunctionaliteiten.order_by("volgorde")),
        list(versie.uitgangspunten.order_by("volgorde")),
    )


def _periode_tekst(keuze: Keuze) -> str:
    return "alle perioden" if keuze.dimensie == "periode" else f"periode {keuze.periode}"


def overzicht(scans, keuze: Keuze, k: int) -> list[Tabel]:
    """How many gemeenten took part: per period, and per grootteklasse and provincie in the
    chosen period."""
    deelnames = [
        anonimisering.Deelname(
            s.gemeente.code, s.periode, s.gemeente.grootteklasse, s.gemeente.provincie, 0.0
        )
        for s in scans.values()
    ]
    tabellen = []
    for dimensie in ("periode", "grootteklasse", "provincie"):
        uitsplitsing = anonimisering.uitsplitsen(
            deelnames,
            dimensie,
            periode=keuze.periode,
            k=k,
            groepen=_groepen(dimensie, keuze.perioden),
        )
        titel = (
            "Deelnemende gemeenten per periode"
            if dimensie == "periode"
            else f"Deelnemende gemeenten per {DIMENSIES[dimensie].lower()}, periode {keuze.periode}"
        )
        tabellen.append(
            Tabel(
                f"deelname-{dimensie}", titel, DIMENSIES[dimensie], _rijen(uitsplitsing), "deelname"
            )
        )
    return tabellen


def _score_tabellen(onderdelen, per_sleutel, keuze: Keuze, k: int, soort: str) -> list[Tabel]:
    groepen = _groepen(keuze.dimensie, keuze.perioden)
    uitsplitsingen = [
        (
            onderdeel,
            label,
            anonimisering.uitsplitsen(
                per_sleutel.get(onderdeel.sleutel, []),
                keuze.dimensie,
                periode=keuze.periode,
                k=k,
                groepen=groepen,
                niveaus=soort == "niveaus",
            ),
        )
        for onderdeel, label in onderdelen
    ]
    if keuze.dimensie == "alle":
        return [
            Tabel(
                "alle",
                f"Alle gemeenten, {_periode_tekst(keuze)}",
                "Onderdeel",
                [Rij(label, u.totaal) for _, label, u in uitsplitsingen],
                soort,
            )
        ]
    tabellen = []
    for onderdeel, label, u in uitsplitsingen:
        rijen = _rijen(u)
        if soort == "ontwikkeling":
            rijen = _met_verschillen(rijen)
        tabellen.append(
            Tabel(
                onderdeel.sleutel.lower(),
                f"{label}, {_periode_tekst(keuze)}"
                if keuze.dimensie != "periode"
                else f"{label}, per periode",
                DIMENSIES[keuze.dimensie],
                rijen,
                soort,
            )
        )
    return tabellen


def _bf_up(scans):
    versie = KaderVersie.objects.huidige()
    bfs, ups = _onderdelen(versie)
    per_up = vergelijking.deelnames_per_uitgangspunt(scans)
    per_bf = vergelijking.deelnames_per_basisfunctionaliteit(per_up, versie) if versie else {}
    onderdelen = [(bf, f"{bf.korte_titel}") for bf in bfs] + [
        (up, f"{up.volgorde}. {up.korte_titel}") for up in ups
    ]
    return onderdelen, {**per_bf, **per_up}


def _in_periode(scans, keuze: Keuze):
    """Only the chosen period's scans are needed, unless the breakdown is by period."""
    if keuze.dimensie == "periode":
        return scans
    return {pk: scan for pk, scan in scans.items() if scan.periode == keuze.periode}


def scores(scans, keuze: Keuze, k: int) -> list[Tabel]:
    """Score per basisfunctionaliteit and uitgangspunt (scale 1 to 4), broken down."""
    onderdelen, per_sleutel = _bf_up(_in_periode(scans, keuze))
    return _score_tabellen(onderdelen, per_sleutel, keuze, k, "scores")


def ontwikkeling(scans, keuze: Keuze, k: int) -> list[Tabel]:
    """Per basisfunctionaliteit and uitgangspunt the figures per period, with the change."""
    onderdelen, per_sleutel = _bf_up(scans)
    keuze = Keuze("periode", None, None, keuze.perioden)
    return _score_tabellen(onderdelen, per_sleutel, keuze, k, "ontwikkeling")


def checkvragen(scans, keuze: Keuze, k: int) -> list[Tabel]:
    """The fixed answers per check-vraag of one uitgangspunt: level shares and figures."""
    versie = KaderVersie.objects.huidige()
    if versie is None or keuze.uitgangspunt is None:
        return []
    vragen = CheckVraag.objects.filter(
        uitgangspunt__versie=versie, uitgangspunt__sleutel=keuze.uitgangspunt
    ).order_by("volgorde")
    onderdelen = [(vraag, f"{vraag.volgorde}. {vraag.tekst}") for vraag in vragen]
    per_vraag = vergelijking.deelnames_per_checkvraag(_in_periode(scans, keuze), keuze.uitgangspunt)
    return _score_tabellen(onderdelen, per_vraag, keuze, k, "niveaus")


def k_instelling() -> int:
    return settings.VIT_ANONIMITEIT_K


KOLOMMEN = [
    "tabel",
    "rij",
    "aantal gemeenten",
    "mediaan",
    "eerste kwartiel",
    "derde kwartiel",
    "gemiddelde",
]


def als_csv(tabellen: list[Tabel]) -> str:
    """The tables as one CSV (semicolons, decimal comma, as Excel with Dutch settings expects);
    a hidden figure is an empty cell with the reason in the last column."""
    niveaus = any(t.soort == "niveaus" for t in tabellen)
    ontwikkeling = any(t.soort == "ontwikkeling" for t in tabellen)
    kolommen = list(KOLOMMEN)
    if niveaus:
        kolommen += [f"% niveau {n}" for n in range(1, 5)]
    if ontwikkeling:
        kolommen += ["verschil mediaan", "verschil gemiddelde"]
    kolommen.append("opmerking")
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(kolommen)
    for tabel in tabellen:
        for rij in tabel.rijen:
            cel = rij.cel
            regel = [tabel.titel, rij.label]
            if cel.verborgen:
                regel += [""] * (len(kolommen) - 3) + [VERBORGEN]
            else:
                regel += [cel.n] + [_cel(w) for w in (cel.mediaan, cel.q1, cel.q3, cel.gemiddelde)]
                if tabel.soort == "deelname":
                    regel[3:] = [""] * 4
                if niveaus:
                    regel += list(cel.aandelen or ("",) * 4)
                if ontwikkeling:
                    regel += [_cel(rij.verschil_mediaan), _cel(rij.verschil_gemiddelde)]
                regel.append("")
            schrijver.writerow([_cel(w) if isinstance(w, str) else w for w in regel])
    return "\ufeff" + uit.getvalue()
