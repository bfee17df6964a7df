"""The answer scale, defined once: what a respondent can answer, what a coördinator can fix,
and which of those count as a level.

Answers are stored as strings: "1".."4" (a level), "weet_niet", "nvt" or "" (not answered).
Only the four levels are scores. "Weet ik niet" and "niet van toepassing" are never counted as
a level; "niet van toepassing" also takes the question out of what applies. The labels of the
four levels ("Nog niet", ...) are framework content (``principles.AntwoordNiveau``); the labels
here are those of the two non-answers.
"""

from django.db import models

__all__ = [
    "AMBITIES",
    "ANDERE_ANTWOORDEN",
    "KORTE_NAMEN",
    "NIVEAUGETALLEN",
    "NIVEAUS",
    "NVT",
    "TOELICHTING_MAX",
    "VERDELING",
    "WEET_NIET",
    "Waarde",
    "als_niveau",
]


class Waarde(models.TextChoices):
    """An answer to a check-vraag: a level on the scale, or one of two non-answers."""

    NIVEAU_1 = "1", "1"
    NIVEAU_2 = "2", "2"
    NIVEAU_3 = "3", "3"
    NIVEAU_4 = "4", "4"
    WEET_NIET = "weet_niet", "Weet ik niet"
    NVT = "nvt", "Niet van toepassing"


NIVEAUS = (Waarde.NIVEAU_1, Waarde.NIVEAU_2, Waarde.NIVEAU_3, Waarde.NIVEAU_4)
WEET_NIET = Waarde.WEET_NIET
NVT = Waarde.NVT

# The two answers besides a level that a respondent can give, with their labels.
ANDERE_ANTWOORDEN = ((WEET_NIET, WEET_NIET.label), (NVT, NVT.label))
# The columns of a distribution of answers: the levels, then the two non-answers.
VERDELING = (*NIVEAUS, WEET_NIET, NVT)
# The four levels as numbers (a score, an ambition, a column of shares).
NIVEAUGETALLEN = (1, 2, 3, 4)
AMBITIES = NIVEAUGETALLEN
# Short names of the two non-answers, for column heads and table cells.
KORTE_NAMEN = {WEET_NIET: "Weet niet", NVT: "N.v.t."}

# The longest toelichting or reden a person can write with one answer.
TOELICHTING_MAX = 1000


def als_niveau(waarde: str) -> int | None:
    """The level of an answer as a number, or None for no answer, weet niet and n.v.t."""
    return int(waarde) if waarde in NIVEAUS else None
