"""What the analist pages show, as tables: the page and its CSV export are built from the same
tables, so the export holds exactly what is on the screen (hidden cells stay hidden).

Every figure comes from a published ronde (``publiceren.Bron``, computed once by ``rondes`` with
the rules of ``anonimisering``); this module only arranges the stored figures."""

import csv
import io
from dataclasses import dataclass, field

from assessments.excel import als_excel
from assessments.models import Grootteklasse
from assessments.schaal import NIVEAUGETALLEN

from . import anonimisering, rondes

__all__ = [
    "DIMENSIES",
    "Keuze",
    "Rij",
    "Tabel",
    "als_csv",
    "groeplabel",
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
VERBORGEN = "afgeschermd"
LEEG = anonimisering.Cel("")


@dataclass(frozen=True)
class Rij:
    label: str
    cel: anonimisering.Cel
    # Change of median and mean since the row before (only where both are shown).
    verschil_mediaan: float | None = None
    verschil_gemiddelde: float | None = None

    @property
    def getallen(self) -> list[str]:
        """Median, quartiles and mean as the page shows them (decimal comma)."""
        cel = self.cel
        return [_komma(w) for w in (cel.mediaan, cel.q1, cel.q3, cel.gemiddelde)]

    @property
    def verschillen(self) -> list[str | None]:
        """The changes as the page shows them ("+0,3"), None where there is none."""
        return [
            None if w is None else ("+" if w > 0 else "") + _komma(w)
            for w in (self.verschil_mediaan, self.verschil_gemiddelde)
        ]


def _komma(waarde: float | None) -> str:
    return "" if waarde is None else f"{waarde:.1f}".replace(".", ",")


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


def groeplabel(dimensie: str, groep: str) -> str:
    if dimensie == "grootteklasse":
        return dict(Grootteklasse.choices).get(groep, groep)
    return groep


def _rijen(dimensie: str, cijfers, periode: int, sleutel: str) -> list[Rij]:
    """The rows of one breakdown in one period: all gemeenten first, then the groups."""
    rijen = [Rij("Alle gemeenten", cijfers["alle"].get((periode, sleutel, "totaal"), LEEG))]
    if dimensie != "alle":
        rijen += [
            Rij(groeplabel(dimensie, groep), cel)
            for (p, s, groep), cel in cijfers[dimensie].items()
            if p == periode and s == sleutel
        ]
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


def _periode_tekst(keuze: Keuze) -> str:
    return "alle perioden" if keuze.dimensie == "periode" else f"periode {keuze.periode}"


def overzicht(bron, keuze: Keuze) -> list[Tabel]:
    """How many gemeenten each ronde holds: per period, and per grootteklasse and provincie in
    the chosen period."""
    perioden = sorted(bron.perioden)
    alle = bron.cijfers(rondes.DEELNAME, "alle", perioden)
    tabellen = [
        Tabel(
            "deelname-periode",
            "Deelnemende gemeenten per periode",
            DIMENSIES["periode"],
            [Rij(str(p), alle.get((p, "", "totaal"), LEEG)) for p in perioden],
            "deelname",
        )
    ]
    for dimensie in ("grootteklasse", "provincie"):
        cijfers = {"alle": alle, dimensie: bron.cijfers(rondes.DEELNAME, dimensie, [keuze.periode])}
        tabellen.append(
            Tabel(
                f"deelname-{dimensie}",
                f"Deelnemende gemeenten per {DIMENSIES[dimensie].lower()}, periode {keuze.periode}",
                DIMENSIES[dimensie],
                _rijen(dimensie, cijfers, keuze.periode, ""),
                "deelname",
            )
        )
    return tabellen


def _tabellen(bron, onderdelen, soort_cijfer, keuze: Keuze, soort: str) -> list[Tabel]:
    sleutels = [o.sleutel for o in onderdelen]
    if keuze.dimensie == "periode":
        perioden = sorted(bron.perioden)
        alle = bron.cijfers(soort_cijfer, "alle", perioden, sleutels)
        tabellen = []
        for o in onderdelen:
            rijen = [Rij(str(p), alle.get((p, o.sleutel, "totaal"), LEEG)) for p in perioden]
            if soort == "ontwikkeling":
                rijen = _met_verschillen(rijen)
            tabellen.append(
                Tabel(
                    o.sleutel.lower(), f"{o.label}, per periode", DIMENSIES["periode"], rijen, soort
                )
            )
        return tabellen
    cijfers = {"alle": bron.cijfers(soort_cijfer, "alle", [keuze.periode], sleutels)}
    if keuze.dimensie == "alle":
        return [
            Tabel(
                "alle",
                f"Alle gemeenten, {_periode_tekst(keuze)}",
                "Onderdeel",
                [
                    Rij(o.label, cijfers["alle"].get((keuze.periode, o.sleutel, "totaal"), LEEG))
                    for o in onderdelen
                ],
                soort,
            )
        ]
    cijfers[keuze.dimensie] = bron.cijfers(soort_cijfer, keuze.dimensie, [keuze.periode], sleutels)
    return [
        Tabel(
            o.sleutel.lower(),
            f"{o.label}, {_periode_tekst(keuze)}",
            DIMENSIES[keuze.dimensie],
            _rijen(keuze.dimensie, cijfers, keuze.periode, o.sleutel),
            soort,
        )
        for o in onderdelen
    ]


def _bf_up(bron, periode: int):
    return bron.onderdelen(periode, rondes.BF) + bron.onderdelen(periode, rondes.UP)


def scores(bron, keuze: Keuze) -> list[Tabel]:
    """Score per basisfunctionaliteit and uitgangspunt (scale 1 to 4), broken down."""
    return _tabellen(bron, _bf_up(bron, keuze.periode), rondes.SCORE, keuze, "scores")


def ontwikkeling(bron, keuze: Keuze) -> list[Tabel]:
    """Per basisfunctionaliteit and uitgangspunt the figures of every ronde, with the change;
    the parts are those of the latest ronde."""
    keuze = Keuze("periode", None, None, keuze.perioden)
    laatste = max(bron.perioden)
    return _tabellen(bron, _bf_up(bron, laatste), rondes.SCORE, keuze, "ontwikkeling")


def checkvragen(bron, keuze: Keuze) -> list[Tabel]:
    """The fixed answers per check-vraag of one uitgangspunt: level shares and figures."""
    if keuze.uitgangspunt is None:
        return []
    periode = max(bron.perioden) if keuze.dimensie == "periode" else keuze.periode
    vragen = bron.onderdelen(periode, rondes.VRAAG, keuze.uitgangspunt)
    return _tabellen(bron, vragen, rondes.NIVEAU, keuze, "niveaus")


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
        kolommen += [f"% niveau {n}" for n in NIVEAUGETALLEN]
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
                regel += [cel.n] + [
                    als_excel(w) for w in (cel.mediaan, cel.q1, cel.q3, cel.gemiddelde)
                ]
                if tabel.soort == "deelname":
                    regel[3:] = [""] * 4
                if niveaus:
                    regel += list(cel.aandelen or ("",) * 4)
                if ontwikkeling:
                    regel += [als_excel(rij.verschil_mediaan), als_excel(rij.verschil_gemiddelde)]
                regel.append("")
            schrijver.writerow([als_excel(w) if isinstance(w, str) else w for w in regel])
    return "\ufeff" + uit.getvalue()
