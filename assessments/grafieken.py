"""Server-rendered charts: plain numbers for SVG templates, shared by the spiegel page and the
PDF. Every chart gets a title, a text description and a data table beside it."""

import math
from dataclasses import dataclass

from assessments.schaal import NIVEAUGETALLEN

__all__ = ["Radar", "Staaf", "radar", "spreiding", "staven", "verdeling"]

SCHAAL_MAX = 4


# Colours per rounded level, also given as fill attributes (the PDF renderer ignores CSS fills).
KLEUREN = {1: "#c0392b", 2: "#e8a33d", 3: "#9ec5de", 4: "#5a9ec9", None: "#e4e7ea"}


def _niveau(score: float | None) -> int | None:
    return None if score is None else min(4, max(1, int(score + 0.5)))


def _klasse(score: float | None) -> str:
    niveau = _niveau(score)
    return f"vit-fill-schaal-{niveau if niveau else 'onbekend'}"


@dataclass(frozen=True)
class Staaf:
    label: str
    score: float | None
    ambitie: int | None
    y: float
    breedte: float
    ambitie_x: float | None
    klasse: str
    kleur: str


def staven(rijen, links=230, breedte=380, hoogte=30, marge=10):
    """Horizontal bars on a 0–4 axis. ``rijen``: (label, score, ambitie)."""
    eenheid = breedte / SCHAAL_MAX
    resultaat = []
    for i, (label, score, ambitie) in enumerate(rijen):
        resultaat.append(
            Staaf(
                label=label,
                score=score,
                ambitie=ambitie,
                y=marge + i * (hoogte + marge),
                breedte=round((score or 0) * eenheid, 1),
                ambitie_x=round(links + ambitie * eenheid, 1) if ambitie else None,
                klasse=_klasse(score),
                kleur=KLEUREN[_niveau(score)],
            )
        )
    return {
        "staven": resultaat,
        "links": links,
        "eenheid": eenheid,
        "staafhoogte": hoogte,
        "totaal_breedte": links + breedte + 20,
        "totaal_hoogte": marge + len(resultaat) * (hoogte + marge) + 24,
        "assen": [{"waarde": w, "x": round(links + w * eenheid, 1)} for w in range(SCHAAL_MAX + 1)],
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


def radar(rijen, grootte=420, straal=140):
    """A radar chart. ``rijen``: (label, score, ambitie). The shape depends on the order of the
    axes, so the page always shows plain bars and a table too."""
    midden = grootte / 2
    aantal = len(rijen)
    assen = []
    for i, (label, _, _) in enumerate(rijen):
        x, y = _punt(midden, straal, i, aantal, SCHAAL_MAX)
        lx, ly = _punt(midden, straal + 26, i, aantal, SCHAAL_MAX)
        anker = "middle" if abs(lx - midden) < 10 else ("start" if lx > midden else "end")
        assen.append({"x": x, "y": y, "label": label, "lx": lx, "ly": ly, "anker": anker})

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


def _s(waarde) -> str:
    """A coordinate as SVG wants it (a dot, never a decimal comma), ready for the template:
    the comparison pages draw hundreds of shapes and template filters per number cost time."""
    return f"{round(waarde, 1):g}"


def _label(tekst: str, lengte: int = 36) -> str:
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def _kader(links, breedte, regels, hoogte, marge, asteksten):
    totaal_hoogte = marge + regels * (hoogte + marge) + 24
    return {
        "links": _s(links),
        "label_x": _s(links - 8),
        "tekst_x": _s(links + 6),
        "hoogte": _s(hoogte),
        "totaal_breedte": _s(links + breedte + 24),
        "totaal_hoogte": _s(totaal_hoogte),
        "as_onder": _s(totaal_hoogte - 20),
        "as_tekst_y": _s(totaal_hoogte - 4),
        "assen": [{"waarde": tekst, "x": _s(x)} for tekst, x in asteksten],
    }


def spreiding(rijen, links=260, breedte=360, hoogte=26, marge=8):
    """Box plots on the 1–4 scale, one per row: the box runs from the first to the third
    quartile, a thick line marks the median and a dot the mean. ``rijen``: (label, cel) with
    an ``anonimisering.Cel``; a hidden cell gets a text instead of a box."""
    eenheid = breedte / (SCHAAL_MAX - 1)

    def x(waarde):
        return round(links + (waarde - 1) * eenheid, 1)

    dozen = []
    for i, (label, cel) in enumerate(rijen):
        y = marge + i * (hoogte + marge)
        doos = {
            "label": _label(label),
            "y": _s(y),
            "midden": _s(y + hoogte / 2),
            "verborgen": cel.verborgen,
        }
        if not cel.verborgen:
            doos.update(
                x1=_s(x(cel.q1)),
                breedte=_s(max(2.0, round(x(cel.q3) - x(cel.q1), 1))),
                mediaan_x=_s(x(cel.mediaan)),
                mediaan_boven=_s(y - 3),
                mediaan_onder=_s(y + hoogte + 3),
                gemiddelde_x=_s(x(cel.gemiddelde)),
            )
        dozen.append(doos)
    return {
        "dozen": dozen,
        **_kader(
            links, breedte, len(dozen), hoogte, marge, [(str(w), x(w)) for w in NIVEAUGETALLEN]
        ),
    }


def verdeling(rijen, links=260, breedte=360, hoogte=26, marge=8):
    """Stacked bars of the share per level (1–4), one per row. ``rijen``: (label, cel) with
    ``cel.aandelen``; a hidden cell gets a text instead of a bar."""
    balken = []
    for i, (label, cel) in enumerate(rijen):
        y = marge + i * (hoogte + marge)
        delen = []
        begin = 0.0
        for niveau, aandeel in enumerate(cel.aandelen or (), start=1):
            if aandeel:
                w = round(breedte * aandeel / 100, 1)
                delen.append(
                    {
                        "niveau": niveau,
                        "x": _s(links + begin),
                        "breedte": _s(w),
                        "kleur": KLEUREN[niveau],
                        "aandeel": aandeel,
                    }
                )
                begin += w
        balken.append(
            {
                "label": _label(label),
                "y": _s(y),
                "midden": _s(y + hoogte / 2),
                "verborgen": cel.verborgen,
                "delen": delen,
            }
        )
    return {
        "balken": balken,
        "legenda": [(niveau, KLEUREN[niveau]) for niveau in range(1, SCHAAL_MAX + 1)],
        **_kader(
            links,
            breedte,
            len(balken),
            hoogte,
            marge,
            [(f"{w}%", links + breedte * w / 100) for w in (0, 25, 50, 75, 100)],
        ),
    }
