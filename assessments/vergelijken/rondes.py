"""What a ronde (a published release of the comparison for one period) holds, computed from the
facts of its scans (pure, no ORM).

A ronde is computed once, when it is published, and then stored frozen: every analist page,
its CSV and the spiegel comparison read the stored figures and nothing about scores is computed
live. That is what makes differencing impossible: within a period there is exactly one
observation, so no two observations differ by one gemeente. The rules that decide what may be
shown inside one ronde (k, homogeneity, secondary suppression) live in ``anonimisering``.

Rules of the rondes themselves (applied in ``publiceren``):
- one ronde per period, published only after the period has ended;
- it holds the scans of that period that are finalised, with consent, at the moment of
  publishing (the latest per gemeente); a scan finalised or consented later waits for the next
  period (it never enters the ronde of its own period, which does not change any more);
- a withdrawal of consent takes the scan out of every ronde published after it; a published
  ronde stays as it is;
- the spiegel comparison of a gemeente is computed without that gemeente, per participating
  gemeente, and shown only to that gemeente.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from . import anonimisering

__all__ = [
    "BF",
    "DEELNAME",
    "DIMENSIES",
    "NIVEAU",
    "SCORE",
    "UP",
    "VRAAG",
    "Cijfer",
    "Inhoud",
    "Onderdeel",
    "Uitslag",
    "Vergelijking",
    "bereken",
]

# The breakdowns a ronde stores within its period; the breakdown by period is read across
# rondes (one "alle" figure of each).
DIMENSIES = ("alle", "grootteklasse", "provincie")
# What a stored figure is of: participation, a score (of a basisfunctionaliteit or
# uitgangspunt) or the levels of a check-vraag.
DEELNAME, SCORE, NIVEAU = "deelname", "score", "niveau"
# The parts of the framework a ronde holds figures of.
BF, UP, VRAAG = "basisfunctionaliteit", "uitgangspunt", "checkvraag"


@dataclass(frozen=True)
class Onderdeel:
    """A part of the framework the ronde holds figures of (BF, UP or VRAAG), with the label it
    had when the ronde was published."""

    soort: str
    sleutel: str
    label: str
    uitgangspunt: str = ""  # for check-vragen: the key of their uitgangspunt
    volgorde: int = 0
    titel: str = ""


@dataclass(frozen=True)
class Uitslag:
    """What one participating scan contributes (never stored as such)."""

    gemeente: str
    grootteklasse: str
    provincie: str
    scores: dict[str, float]  # basisfunctionaliteit and uitgangspunt key -> score
    niveaus: dict[str, int]  # check-vraag key -> fixed level 1..4 (weet niet / n.v.t. left out)


@dataclass(frozen=True)
class Cijfer:
    soort: str  # DEELNAME, SCORE or NIVEAU
    onderdeel: str  # "" for DEELNAME
    dimensie: str
    cel: anonimisering.Cel


@dataclass(frozen=True)
class Vergelijking:
    """The spiegel comparison of one participating gemeente: its grootteklasse without itself."""

    gemeente: str
    grootteklasse: str
    uitgangspunt: str
    cel: anonimisering.Cel


@dataclass(frozen=True)
class Inhoud:
    aantal_gemeenten: int
    cijfers: list[Cijfer]
    vergelijkingen: list[Vergelijking]


def _cijfers(soort, sleutel, deelnames, periode, k, groepen, niveaus, homogeniteit):
    uit = []
    for dimensie in DIMENSIES:
        u = anonimisering.uitsplitsen(
            deelnames,
            dimensie,
            periode=periode,
            k=k,
            groepen=groepen.get(dimensie, ()),
            niveaus=niveaus,
            homogeniteit=homogeniteit,
        )
        if dimensie == "alle":
            uit.append(Cijfer(soort, sleutel, dimensie, u.totaal))
        else:
            uit += [Cijfer(soort, sleutel, dimensie, cel) for cel in u.cellen]
    return uit


def bereken(
    uitslagen: Iterable[Uitslag],
    onderdelen: Iterable[Onderdeel],
    periode: int,
    k: int,
    groepen: dict[str, list[str]],
) -> Inhoud:
    """Every figure of one ronde: participation, scores and levels for all gemeenten and per
    grootteklasse and provincie, and the spiegel comparison per participating gemeente.

    ``groepen`` lists, per dimension, the groups to store even when empty (all grootteklassen
    and provincies), so a reader cannot tell an empty group from a hidden one."""
    uitslagen = list(uitslagen)
    onderdelen = list(onderdelen)

    def deelnames(waarde_van):
        uit = []
        for u in uitslagen:
            waarde = waarde_van(u)
            if waarde is not None:
                uit.append(
                    anonimisering.Deelname(
                        u.gemeente, periode, u.grootteklasse, u.provincie, float(waarde)
                    )
                )
        return uit

    cijfers = _cijfers(DEELNAME, "", deelnames(lambda u: 0.0), periode, k, groepen, False, False)
    for o in onderdelen:
        if o.soort in (BF, UP):
            lijst = deelnames(lambda u, s=o.sleutel: u.scores.get(s))
            cijfers += _cijfers(SCORE, o.sleutel, lijst, periode, k, groepen, False, True)
        else:
            lijst = deelnames(lambda u, s=o.sleutel: u.niveaus.get(s))
            cijfers += _cijfers(NIVEAU, o.sleutel, lijst, periode, k, groepen, True, True)

    per_klasse = defaultdict(list)
    for u in uitslagen:
        per_klasse[u.grootteklasse].append(u)
    vergelijkingen = []
    ups = [o.sleutel for o in onderdelen if o.soort == UP]
    for klasse, leden in per_klasse.items():
        for eigen in leden:
            for up in ups:
                waarden = [
                    u.scores[up] for u in leden if u is not eigen and u.scores.get(up) is not None
                ]
                vergelijkingen.append(
                    Vergelijking(
                        eigen.gemeente, klasse, up, anonimisering.samenvatting(up, waarden, k)
                    )
                )
    return Inhoud(len(uitslagen), cijfers, vergelijkingen)
