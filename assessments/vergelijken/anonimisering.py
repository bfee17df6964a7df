"""Anonymised figures across gemeenten (pure, no ORM): used by every page and export that shows
figures of more than one gemeente, the spiegel's comparison included.

Rules:
- per gemeente only the latest finalised scan of a period counts, and only with consent;
- a breakdown goes along one dimension at a time (all, grootteklasse, provincie, periode);
  all, grootteklasse and provincie are always within one period, so a figure never mixes
  periods (otherwise comparing an all-periods figure with a one-period figure would reveal the
  gemeenten that took part in only one of them); the breakdown by periode has no total;
- every shown figure has at least ``k`` gemeenten behind it (``k`` is never below 5);
- homogeneity: a figure of scores or levels is not shown when all its gemeenten, or all but one,
  have the same value (the same level of a check-vraag, the same score of an uitgangspunt):
  such a figure would tell each of them what the others chose;
- where a breakdown shows a total and cells are hidden, more cells are hidden (smallest first)
  until the hidden cells together could be shown themselves (at least ``k`` gemeenten and not
  homogeneous), so nothing the rules hide can be derived by subtracting shown cells from the
  total;
- shown are n, median, quartiles and mean; never minimum, maximum or names.

Over time the rules above are not enough (whoever looks before and after one gemeente joins
learns its values), so figures are never computed live: they are published in frozen rondes
(``rondes``), and this module is what a ronde applies when it is published.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from math import fsum
from statistics import median, quantiles

from assessments.schaal import NIVEAUGETALLEN

__all__ = [
    "DIMENSIES",
    "K_MINIMUM",
    "Cel",
    "Deelname",
    "Uitsplitsing",
    "ScanFeit",
    "aandelen_per_niveau",
    "is_eenstemmig",
    "kies_deelnames",
    "toonbaar",
    "samenvatting",
    "uitsplitsen",
]

K_MINIMUM = 5
DIMENSIES = ("alle", "grootteklasse", "provincie", "periode")


@dataclass(frozen=True)
class ScanFeit:
    """What the selection needs to know of a scan."""

    scan_id: int
    gemeente: str
    periode: int
    afgerond: bool
    toestemming: bool
    afgerond_op: datetime | None


def kies_deelnames(scans: Iterable[ScanFeit]) -> set[int]:
    """The scans that may count: per gemeente and period the latest finalised scan, if it has
    consent. An earlier scan with consent does not stand in for a later one without: the
    gemeente's latest decision holds."""
    laatste: dict[tuple[str, int], ScanFeit] = {}
    for scan in scans:
        if not (scan.afgerond and scan.afgerond_op):
            continue
        sleutel = (scan.gemeente, scan.periode)
        huidig = laatste.get(sleutel)
        if huidig is None or (scan.afgerond_op, scan.scan_id) > (
            huidig.afgerond_op,
            huidig.scan_id,
        ):
            laatste[sleutel] = scan
    return {scan.scan_id for scan in laatste.values() if scan.toestemming}


@dataclass(frozen=True)
class Deelname:
    """One gemeente's value for the figure being shown (e.g. a score of one uitgangspunt)."""

    gemeente: str
    periode: int
    grootteklasse: str
    provincie: str
    waarde: float


@dataclass(frozen=True)
class Cel:
    groep: str
    n: int | None = None
    mediaan: float | None = None
    q1: float | None = None
    q3: float | None = None
    gemiddelde: float | None = None
    # Share (whole percentages adding up to 100) of the values 1, 2, 3 and 4; only asked for
    # figures whose values are levels (the fixed answer to one check-vraag).
    aandelen: tuple[int, ...] | None = None

    @property
    def verborgen(self) -> bool:
        return self.n is None


@dataclass(frozen=True)
class Uitsplitsing:
    dimensie: str
    totaal: Cel
    cellen: list[Cel]


def _controleer_k(k: int) -> None:
    if k < K_MINIMUM:
        raise ValueError(f"k must be at least {K_MINIMUM}")


def aandelen_per_niveau(waarden: list[float], niveaus=NIVEAUGETALLEN) -> tuple[int, ...]:
    """Whole percentages of the values per level, adding up to 100 (largest remainder)."""
    if not waarden:
        return tuple(0 for _ in niveaus)
    exact = [100 * sum(1 for w in waarden if w == niveau) / len(waarden) for niveau in niveaus]
    heel = [int(x) for x in exact]
    rest = sorted(range(len(exact)), key=lambda i: (heel[i] - exact[i], i))
    for i in rest[: round(sum(exact)) - sum(heel)]:
        heel[i] += 1
    return tuple(heel)


def is_eenstemmig(waarden: list[float]) -> bool:
    """All values, or all but one, are the same (the homogeneity rule)."""
    if not waarden:
        return False
    meeste = max(Counter(waarden).values())
    return meeste >= len(waarden) - 1


def toonbaar(waarden: list[float], k: int = K_MINIMUM, homogeniteit: bool = True) -> bool:
    """May a figure of these values be shown: at least k of them and, where ``homogeniteit``
    applies (scores and levels, not counts of participants), not homogeneous."""
    _controleer_k(k)
    return len(waarden) >= k and not (homogeniteit and is_eenstemmig(waarden))


def samenvatting(
    groep: str,
    waarden: list[float],
    k: int = K_MINIMUM,
    niveaus: bool = False,
    homogeniteit: bool = True,
) -> Cel:
    """n, median, quartiles and mean of the values (and with ``niveaus`` the share per level),
    or a hidden cell when the values may not be shown (``toonbaar``)."""
    if not toonbaar(waarden, k, homogeniteit):
        return Cel(groep)
    q1, _, q3 = quantiles(waarden, n=4, method="inclusive")
    return Cel(
        groep=groep,
        n=len(waarden),
        mediaan=round(median(waarden), 1),
        q1=round(q1, 1),
        q3=round(q3, 1),
        gemiddelde=round(fsum(waarden) / len(waarden), 1),
        aandelen=aandelen_per_niveau(waarden) if niveaus else None,
    )


def _per_groep(deelnames: Iterable[Deelname], dimensie: str) -> dict[str, list[float]]:
    """The values per group; a gemeente counts once per group (it has one scan per period)."""
    groepen: dict[str, dict[str, float]] = defaultdict(dict)
    for d in deelnames:
        groep = "alle" if dimensie == "alle" else str(getattr(d, dimensie))
        groepen[groep][d.gemeente] = d.waarde
    return {groep: list(per.values()) for groep, per in groepen.items()}


def uitsplitsen(
    deelnames: Iterable[Deelname],
    dimensie: str,
    periode: int | None = None,
    k: int = K_MINIMUM,
    groepen: Iterable[str] = (),
    niveaus: bool = False,
    homogeniteit: bool = True,
) -> Uitsplitsing:
    """Break the values down along one dimension, hiding what must be hidden.

    For "alle", "grootteklasse" and "provincie" ``periode`` chooses the period; "periode" shows
    one cell per period and no total. ``groepen`` lists groups to show even when empty.
    ``homogeniteit`` is off only for counts of participants (their values mean nothing)."""
    _controleer_k(k)
    if dimensie not in DIMENSIES:
        raise ValueError(f"unknown dimension {dimensie!r}")
    if dimensie != "periode":
        if periode is None:
            raise ValueError("a period is needed for this dimension")
        deelnames = [d for d in deelnames if d.periode == periode]
    per_groep = _per_groep(deelnames, dimensie)
    if dimensie == "alle":
        return Uitsplitsing(
            dimensie,
            samenvatting("totaal", per_groep.get("alle", []), k, niveaus, homogeniteit),
            [],
        )
    namen = list(dict.fromkeys([*groepen, *sorted(per_groep)]))
    aantallen = {naam: len(per_groep.get(naam, [])) for naam in namen}
    zichtbaar = {naam for naam in namen if toonbaar(per_groep.get(naam, []), k, homogeniteit)}
    if dimensie == "periode":
        totaal = Cel("totaal")  # no total across periods
    else:
        totaal = samenvatting(
            "totaal",
            [w for waarden in per_groep.values() for w in waarden],
            k,
            niveaus,
            homogeniteit,
        )

        def verborgen_waarden():
            return [w for naam in namen if naam not in zichtbaar for w in per_groep.get(naam, [])]

        # Secondary suppression: the total minus the shown cells gives the hidden cells taken
        # together, so that union must itself pass the rules (at least k gemeenten, not
        # homogeneous). Hide the smallest shown cells until it does; with every cell hidden
        # the union is the total, which is shown only because it passes.
        while (
            not totaal.verborgen
            and verborgen_waarden()
            and not toonbaar(verborgen_waarden(), k, homogeniteit)
        ):
            kleinste = min(zichtbaar, key=lambda naam: (aantallen[naam], naam))
            zichtbaar.discard(kleinste)
    cellen = [
        samenvatting(naam, per_groep[naam], k, niveaus, homogeniteit)
        if naam in zichtbaar
        else Cel(naam)
        for naam in namen
    ]
    return Uitsplitsing(dimensie, totaal, cellen)
