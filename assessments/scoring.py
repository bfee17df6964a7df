"""Pure scoring functions (no ORM): used by the vaststellen page, the spiegel and the exports.

Answers are strings as stored: "1".."4", "weet_niet", "nvt" or "" (not answered). Only the four
levels count; "weet ik niet" and "niet van toepassing" leave the denominator, never count as 0.
"""

from statistics import median

__all__ = ["mediaan", "scores", "voorstel"]

NIVEAUS = ("1", "2", "3", "4")


def scores(waarden) -> list[int]:
    """The numeric levels among the answers."""
    return [int(w) for w in waarden if w in NIVEAUS]


def mediaan(waarden) -> float | None:
    """Median of the numeric answers, or None when nobody gave a level."""
    getallen = scores(waarden)
    return float(median(getallen)) if getallen else None


def voorstel(waarden) -> str:
    """The proposed fixed score for a check-vraag: the median of all respondents, rounded half
    up to a level ("1".."4"). With no level given: "nvt" when most respondents said it does not
    apply, otherwise "" (the coördinator decides)."""
    m = mediaan(waarden)
    if m is None:
        gegeven = [w for w in waarden if w]
        if gegeven and sum(1 for w in gegeven if w == "nvt") * 2 > len(gegeven):
            return "nvt"
        return ""
    return str(int(m + 0.5))
