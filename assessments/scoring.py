"""Pure scoring functions (no ORM): used by the vaststellen page, the spiegel and the exports.

Answers are strings as stored (the scale is defined in ``schaal``): "1".."4", "weet_niet",
"nvt" or "" (not answered). Only the four
levels count as a score. "Weet ik niet" and "niet van toepassing" leave the denominator and are
never counted as 0; "niet van toepassing" also leaves the number of questions that apply, so
coverage is (levels given) / (questions that apply).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import mean, median

from assessments.schaal import NIVEAUS, NVT

__all__ = [
    "DEKKINGSDREMPEL",
    "UitgangspuntScore",
    "basisfunctionaliteit_score",
    "gemiddelde",
    "mediaan",
    "percentage_ambitie_bereikt",
    "scores",
    "spreiding",
    "uitgangspunt_score",
    "verandering",
    "voorstel",
    "gat",
]


# Below this share of the applicable questions with a level, an uitgangspunt is
# "onvoldoende beantwoord" and gets no score.
DEKKINGSDREMPEL = 0.5


def scores(waarden: Iterable[str]) -> list[int]:
    """The numeric levels among the answers."""
    return [int(w) for w in waarden if w in NIVEAUS]


def gemiddelde(getallen: Iterable[float | None]) -> float | None:
    """Mean rounded to one decimal, ignoring missing values; None when nothing is left."""
    aanwezig = [g for g in getallen if g is not None]
    return round(float(mean(aanwezig)), 1) if aanwezig else None


def mediaan(waarden: Iterable[str]) -> float | None:
    """Median of the numeric answers, or None when nobody gave a level."""
    getallen = scores(waarden)
    return float(median(getallen)) if getallen else None


def voorstel(waarden: Iterable[str]) -> str:
    """The proposed fixed score for a check-vraag: the median of all respondents, rounded half
    up to a level ("1".."4"). With no level given: "nvt" when most respondents said it does not
    apply, otherwise "" (the coördinator decides)."""
    waarden = list(waarden)
    m = mediaan(waarden)
    if m is None:
        gegeven = [w for w in waarden if w]
        if gegeven and sum(1 for w in gegeven if w == NVT) * 2 > len(gegeven):
            return NVT
        return ""
    return str(int(m + 0.5))


@dataclass(frozen=True)
class UitgangspuntScore:
    score: float | None
    beantwoord: int
    van_toepassing: int

    @property
    def dekking(self) -> float:
        return self.beantwoord / self.van_toepassing if self.van_toepassing else 0.0

    @property
    def onvoldoende_beantwoord(self) -> bool:
        return self.score is None


def uitgangspunt_score(
    waarden_per_vraag: Iterable[str], drempel: float = DEKKINGSDREMPEL
) -> UitgangspuntScore:
    """Score of an uitgangspunt from one value per check-vraag (for example the fixed scores):
    the mean of the levels, or None ("onvoldoende beantwoord") when fewer than ``drempel`` of
    the questions that apply have a level."""
    waarden = list(waarden_per_vraag)
    niveaus = scores(waarden)
    van_toepassing = sum(1 for w in waarden if w != NVT)
    uitslag = UitgangspuntScore(None, len(niveaus), van_toepassing)
    if not niveaus or uitslag.dekking < drempel:
        return uitslag
    return UitgangspuntScore(round(float(mean(niveaus)), 1), len(niveaus), van_toepassing)


def basisfunctionaliteit_score(uitgangspunt_scores: Iterable[float | None]) -> float | None:
    """Mean of the scores of its uitgangspunten that have one."""
    return gemiddelde(uitgangspunt_scores)


def spreiding(per_perspectief: Mapping[str, float | None]) -> float | None:
    """Difference between the highest and lowest perspective mean; None with fewer than two."""
    aanwezig = [w for w in per_perspectief.values() if w is not None]
    if len(aanwezig) < 2:
        return None
    return round(max(aanwezig) - min(aanwezig), 1)


def gat(score: float | None, ambitie: int | None) -> float | None:
    """How far the score is below the ambition (never negative)."""
    if score is None or ambitie is None:
        return None
    return round(max(0.0, ambitie - score), 1)


def percentage_ambitie_bereikt(paren: Iterable[tuple[float | None, int | None]]) -> float | None:
    """1 − Σgap / Σambition over the uitgangspunten with both a score and an ambition, as a
    percentage with one decimal; None when there is no such pair."""
    geldig = [(s, a) for s, a in paren if s is not None and a]
    if not geldig:
        return None
    totaal_gat = sum(max(0.0, a - s) for s, a in geldig)
    totaal_ambitie = sum(a for _, a in geldig)
    return round(100 * (1 - totaal_gat / totaal_ambitie), 1)


def verandering(
    nu: Mapping[str, float | None], vorige: Mapping[str, float | None]
) -> dict[str, float]:
    """Change per stable key, only for keys with a score in both scans."""
    return {
        sleutel: round(score - vorige[sleutel], 1)
        for sleutel, score in nu.items()
        if score is not None and vorige.get(sleutel) is not None
    }
