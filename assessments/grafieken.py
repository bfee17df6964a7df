"""Server-rendered charts: plain numbers for SVG templates, shared by the spiegel page and the
PDF. Every chart gets a title, a text description and a data table beside it.

The bar-like charts are as wide as the space they get: positions along the scale are
percentages of the width, while heights and text stay in pixels, so labels stay readable on a
phone. A label stands above its bar and is wrapped over lines, never cut off."""

import math
import re
import textwrap
from dataclasses import dataclass

from assessments.schaal import NIVEAUGETALLEN

__all__ = ["Radar", "Staaf", "perspectieven", "radar", "regels", "spreiding", "staven", "verdeling"]

SCHAAL_MAX = 4
TEKENS_PER_REGEL = 38  # fits a 14px label on a 320px wide screen
REGELHOOGTE = 18
LINKS_PCT, RECHTS_PCT = 2.0, 94.0  # the scale runs between these shares of the width


# Colours per rounded level, also given as fill attributes (the PDF renderer ignores CSS fills).
KLEUREN = {1: "#c0392b", 2: "#e8a33d", 3: "#9ec5de", 4: "#5a9ec9", None: "#e4e7ea"}
NIVEAU_GRENZEN = {
    1: "score lager dan 1,5",
    2: "1,5 tot 2,5",
    3: "2,5 tot 3,5",
    4: "3,5 of hoger",
}
# Marks per perspective: shape and colour differ, so the legend never relies on colour alone.
MERKTEKENS = [
    ("stip", "#00507a"),
    ("ring", "#8a3b12"),
    ("vierkant", "#2e7d32"),
    ("streep", "#6a1b9a"),
    ("doel", "#1b2631"),
]


def _niveau(score: float | None) -> int | None:
    return None if score is None else min(4, max(1, int(score + 0.5)))


def _klasse(score: float | None) -> str:
    niveau = _niveau(score)
    return f"vit-fill-schaal-{niveau if niveau else 'onbekend'}"


def _s(waarde) -> str:
    """A coordinate as SVG wants it (a dot, never a decimal comma), ready for the template:
    the comparison pages draw hundreds of shapes and template filters per number cost time."""
    return f"{round(waarde, 1):g}"


def _pct(waarde) -> str:
    return f"{round(waarde, 2):g}%"


def regels(tekst: str, lengte: int = TEKENS_PER_REGEL) -> list[str]:
    """A label wrapped over lines of at most ``lengte`` characters; nothing is left out."""
    return textwrap.wrap(tekst, lengte, break_long_words=True, break_on_hyphens=False) or [tekst]


def _schaal(laagste: float, hoogste: float):
    """Position on the width (a percentage string) of a value on the scale."""
    span = (RECHTS_PCT - LINKS_PCT) / (hoogste - laagste)

    def x(waarde: float) -> str:
        return _pct(LINKS_PCT + (waarde - laagste) * span)

    def breedte(van: float, tot: float) -> str:
        return _pct((tot - van) * span)

    return x, breedte


class _Rijen:
    """Stacks rows downwards: the label's lines, then the row's own drawing of ``hoogte``."""

    def __init__(self, marge=10):
        self.y = 4
        self.marge = marge

    def rij(self, label: str, hoogte: float) -> dict:
        lijnen = regels(label)
        tekst = [
            {"tekst": lijn, "y": _s(self.y + 14 + i * REGELHOOGTE)} for i, lijn in enumerate(lijnen)
        ]
        boven = self.y + len(lijnen) * REGELHOOGTE + 4
        self.y = boven + hoogte + self.marge
        return {
            "label": label,
            "regels": tekst,
            "boven": boven,
            "y": _s(boven),
            "midden": _s(boven + hoogte / 2),
            "onder": _s(boven + hoogte),
        }

    def kader(self, asteksten) -> dict:
        """Axis lines and their values under the rows, and the total height."""
        as_onder = self.y
        return {
            "as_onder": _s(as_onder),
            "as_tekst_y": _s(as_onder + 16),
            "totaal_hoogte": _s(as_onder + 22),
            "assen": [{"waarde": tekst, "x": x} for tekst, x in asteksten],
        }


@dataclass(frozen=True)
class Staaf:
    label: str
    regels: list
    score: float | None
    ambitie: int | None
    y: str
    boven: str
    onder: str
    breedte: str
    ambitie_x: str | None
    klasse: str
    kleur: str


def staven(rijen, hoogte=24):
    """Horizontal bars on a 0–4 axis, the label above each bar. ``rijen``: (label, score,
    ambitie)."""
    x, breedte = _schaal(0, SCHAAL_MAX)
    stapel = _Rijen()
    resultaat = []
    for label, score, ambitie in rijen:
        rij = stapel.rij(label, hoogte)
        resultaat.append(
            Staaf(
                label=label,
                regels=rij["regels"],
                score=score,
                ambitie=ambitie,
                y=rij["y"],
                boven=_s(rij["boven"] - 4),
                onder=_s(rij["boven"] + hoogte + 4),
                breedte=breedte(0, score or 0),
                ambitie_x=x(ambitie) if ambitie else None,
                klasse=_klasse(score),
                kleur=KLEUREN[_niveau(score)],
            )
        )
    return {
        "staven": resultaat,
        "links": _pct(LINKS_PCT),
        "staafhoogte": _s(hoogte),
        "legenda": [(n, KLEUREN[n], NIVEAU_GRENZEN[n]) for n in NIVEAUGETALLEN],
        "kleur_onbekend": KLEUREN[None],
        **stapel.kader([(str(w), x(w)) for w in range(SCHAAL_MAX + 1)]),
    }


def perspectieven(rijen, namen, baan=14, niet_gevraagd=None):
    """Per row a 1–4 scale with a mark per perspective, each perspective in a lane of its own,
    and a band from the lowest to the highest mean. ``rijen``: (label, {naam: gemiddelde});
    ``namen``: the perspectives in order. ``niet_gevraagd`` (optional, per row a set of names)
    marks the lanes of perspectives that were not asked the row's questions ("niet
    gevraagd" in the lane, never a mark at 0 or an empty lane)."""
    x, breedte = _schaal(1, SCHAAL_MAX)
    merken = {naam: MERKTEKENS[i % len(MERKTEKENS)] for i, naam in enumerate(namen)}
    stapel = _Rijen(marge=12)
    uit = []
    niet_gevraagd = list(niet_gevraagd or [])
    for index, (label, waarden) in enumerate(rijen):
        rij = stapel.rij(label, baan * len(namen))
        aanwezig = [w for w in waarden.values() if w is not None]
        punten = []
        streepjes = []
        for i, naam in enumerate(namen):
            waarde = waarden.get(naam)
            if index < len(niet_gevraagd) and naam in niet_gevraagd[index]:
                streepjes.append({"x": x(1), "y": _s(rij["boven"] + baan * i + baan / 2 + 4)})
                continue
            if waarde is None:
                continue
            vorm, kleur = merken[naam]
            midden = rij["boven"] + baan * i + baan / 2
            punten.append(
                {
                    "naam": naam,
                    "x": x(waarde),
                    "y": _s(midden),
                    "boven": _s(midden - 5),
                    "onder": _s(midden + 5),
                    "vorm": vorm,
                    "kleur": kleur,
                }
            )
        rij.update(
            punten=punten,
            streepjes=streepjes,
            hoogte=_s(baan * len(namen)),
            band_x=x(min(aanwezig)) if len(aanwezig) > 1 else None,
            band_breedte=breedte(min(aanwezig), max(aanwezig)) if len(aanwezig) > 1 else None,
        )
        uit.append(rij)
    return {
        "rijen": uit,
        "legenda": [(naam, *merken[naam]) for naam in namen],
        "niet_gevraagd": any(r["streepjes"] for r in uit),
        **stapel.kader([(str(w), x(w)) for w in NIVEAUGETALLEN]),
    }


@dataclass(frozen=True)
class Radar:
    assen: list
    score_punten: str
    ambitie_punten: str
    ringen: list
    grootte: int
    midden: float


def _punt(midden, straal, index, aantal, waarde):
    hoek = -math.pi / 2 + 2 * math.pi * index / aantal
    r = straal * (waarde or 0) / SCHAAL_MAX
    return round(midden + r * math.cos(hoek), 1), round(midden + r * math.sin(hoek), 1)


def _nummer(label: str, index: int) -> str:
    """The number an axis shows: the uitgangspunt's own number ("3. Regie ..." -> "3")."""
    gevonden = re.match(r"\s*(\d+)\.", label)
    return gevonden.group(1) if gevonden else str(index + 1)


def radar(rijen, grootte=360, straal=140):
    """A radar chart. ``rijen``: (label, score, ambitie). An axis shows the uitgangspunt's
    number (its full name is in the title of the label and in the table beside the chart), so
    the chart stays readable when it is small. The shape depends on the order of the axes, so
    the page always shows plain bars and a table too."""
    midden = grootte / 2
    aantal = len(rijen)
    assen = []
    for i, (label, _, _) in enumerate(rijen):
        x, y = _punt(midden, straal, i, aantal, SCHAAL_MAX)
        lx, ly = _punt(midden, straal + 20, i, aantal, SCHAAL_MAX)
        anker = "middle" if abs(lx - midden) < 10 else ("start" if lx > midden else "end")
        assen.append(
            {"x": x, "y": y, "label": label, "nummer": _nummer(label, i), "lx": lx, "ly": ly}
            | {"anker": anker}
        )

    def punten(index):
        return " ".join(
            "{},{}".format(*_punt(midden, straal, i, aantal, rij[index]))
            for i, rij in enumerate(rijen)
        )

    ringen = []
    for niveau in range(1, SCHAAL_MAX + 1):
        ringen.append(
            {
                "niveau": niveau,
                "punten": " ".join(
                    "{},{}".format(*_punt(midden, straal, i, aantal, niveau)) for i in range(aantal)
                ),
            }
        )
    return Radar(assen, punten(1), punten(2), ringen, grootte, midden)


def spreiding(rijen, hoogte=24):
    """Box plots on the 1–4 scale, one per row: the box runs from the first to the third
    quartile, a thick line marks the median and a dot the mean. ``rijen``: (label, cel) with
    an ``anonimisering.Cel``; a hidden cell gets a text instead of a box."""
    x, breedte = _schaal(1, SCHAAL_MAX)
    stapel = _Rijen()
    dozen = []
    for label, cel in rijen:
        doos = stapel.rij(label, hoogte)
        doos["verborgen"] = cel.verborgen
        if not cel.verborgen:
            doos.update(
                x1=x(cel.q1),
                breedte=breedte(cel.q1, max(cel.q3, cel.q1 + 0.02)),
                mediaan_x=x(cel.mediaan),
                mediaan_boven=_s(doos["boven"] - 3),
                mediaan_onder=_s(doos["boven"] + hoogte + 3),
                gemiddelde_x=x(cel.gemiddelde),
            )
        dozen.append(doos)
    return {
        "dozen": dozen,
        "hoogte": _s(hoogte),
        "tekst_x": _pct(LINKS_PCT),
        **stapel.kader([(str(w), x(w)) for w in NIVEAUGETALLEN]),
    }


def verdeling(rijen, hoogte=24):
    """Stacked bars of the share per level (1–4), one per row. ``rijen``: (label, cel) with
    ``cel.aandelen``; a hidden cell gets a text instead of a bar."""
    x, breedte = _schaal(0, 100)
    stapel = _Rijen()
    balken = []
    for label, cel in rijen:
        balk = stapel.rij(label, hoogte)
        delen = []
        begin = 0.0
        for niveau, aandeel in enumerate(cel.aandelen or (), start=1):
            if aandeel:
                delen.append(
                    {
                        "niveau": niveau,
                        "x": x(begin),
                        "breedte": breedte(0, aandeel),
                        "kleur": KLEUREN[niveau],
                        "aandeel": aandeel,
                    }
                )
                begin += aandeel
        balk.update(verborgen=cel.verborgen, delen=delen)
        balken.append(balk)
    return {
        "balken": balken,
        "hoogte": _s(hoogte),
        "tekst_x": _pct(LINKS_PCT),
        "legenda": [(niveau, KLEUREN[niveau]) for niveau in range(1, SCHAAL_MAX + 1)],
        **stapel.kader([(f"{w}%", x(w)) for w in (0, 25, 50, 75, 100)]),
    }
