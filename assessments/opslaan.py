"""The one way VIT writes a row that two people or two tabs could change at once.

Every such row carries a ``versie``. A writer sends the version it last saw; a write against a
newer version is refused with :class:`Conflict`, so nobody silently overwrites someone else's
work. Writing what is already stored is a harmless no-op, whatever version the writer saw.
Two entry points share that rule: :func:`bewaar_met_versies` for a group of rows (all answers
on one page) and :func:`werk_bij` for one row (a scan, a respondent, a plan). No other module
changes a ``versie``; ``tests/test_architectuur.py`` checks that.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

__all__ = [
    "Conflict",
    "OngeldigeInvoer",
    "Wijziging",
    "bewaar_met_versies",
    "controleer_tekst",
    "lees_versie",
    "werk_bij",
]

NUL_TEKEN = "\x00"


class Conflict(Exception):
    """Someone else (or another tab) saved a newer version first."""


class OngeldigeInvoer(Exception):
    """Input that cannot be stored; the message is Dutch and meant for the user."""


def controleer_tekst(tekst: str, wat: str) -> None:
    """Refuse a NUL character in free text (no database stores it; PostgreSQL fails on it)."""
    if NUL_TEKEN in tekst:
        raise OngeldigeInvoer(
            f"{wat} bevat een onzichtbaar teken dat niet is toegestaan (een nul-teken, dat soms "
            "meekomt bij kopiëren en plakken). Haal het weg en probeer het opnieuw."
        )


def lees_versie(ruw) -> int:
    """The version a form sent back; a missing or garbled one never matches a stored version."""
    try:
        return int(ruw)
    except (TypeError, ValueError):
        return -1


@dataclass(frozen=True)
class Wijziging:
    """One row to write: the key within its group, the fields, and the version the writer saw
    (0: the writer saw no row yet)."""

    sleutel: int
    velden: dict
    versie: int


def _met_tijdstip(model, velden: dict) -> dict:
    if any(f.name == "gewijzigd_op" for f in model._meta.fields):
        return {**velden, "gewijzigd_op": timezone.now()}
    return velden


def werk_bij(
    model,
    pk: int,
    versie: int,
    velden: dict,
    bij_wijziging: dict | None = None,
    altijd: bool = False,
    **voorwaarden,
) -> int:
    """Change one row if it still has the version the writer saw (and meets ``voorwaarden``,
    e.g. a status); returns the new version. Raises Conflict otherwise, changing nothing.
    ``bij_wijziging`` holds fields set only when something changes (a moment, say). With
    ``altijd`` the version is checked and raised even when ``velden`` are already as asked:
    for a row with parts the comparison cannot see (a many-to-many set, written after this
    call in the same transaction).

    One conditional UPDATE does the write, so two writers at the same moment cannot both
    pass the check; the row is read only when that UPDATE changed nothing, to tell a harmless
    repeat from a conflict."""
    kandidaat = model.objects.filter(pk=pk, versie=versie, **voorwaarden)
    if not altijd:
        kandidaat = kandidaat.exclude(**velden)  # already as asked: nothing to write
    nieuw = _met_tijdstip(model, {**velden, **(bij_wijziging or {})})
    if kandidaat.update(**nieuw, versie=F("versie") + 1):
        return versie + 1
    rij = model.objects.filter(pk=pk, **voorwaarden).first()
    if rij is not None and not altijd and all(getattr(rij, v) == w for v, w in velden.items()):
        return rij.versie
    raise Conflict()


@transaction.atomic
def bewaar_met_versies(
    model, vast: dict, sleutelveld: str, wijzigingen: list[Wijziging], bij_wijziging=None
) -> tuple[dict[int, int], set[int]]:
    """Write a group of rows (all answers on one page, say) in a fixed number of queries.

    A row whose stored version differs from the version the writer saw is left alone and its key
    returned as a conflict. ``bij_wijziging`` holds fields set only when something changes (for
    example who changed it). Returns the version of every row after the write and the keys in
    conflict."""
    bij_wijziging = bij_wijziging or {}
    bestaand = {
        getattr(obj, sleutelveld): obj
        for obj in model.objects.select_for_update().filter(
            **vast, **{f"{sleutelveld}__in": [w.sleutel for w in wijzigingen]}
        )
    }
    nieuw, gewijzigd, conflicten, versies = [], [], set(), {}
    for w in wijzigingen:
        obj = bestaand.get(w.sleutel)
        if obj is None:
            if w.versie != 0:
                conflicten.add(w.sleutel)
            elif any(v not in ("", None) for v in w.velden.values()):
                nieuw.append(model(**vast, **{sleutelveld: w.sleutel}, **w.velden, **bij_wijziging))
                versies[w.sleutel] = 1
            else:
                versies[w.sleutel] = 0
        elif all(getattr(obj, veld) == waarde for veld, waarde in w.velden.items()):
            versies[w.sleutel] = obj.versie
        elif obj.versie != w.versie:
            conflicten.add(w.sleutel)
        else:
            for veld, waarde in {**w.velden, **bij_wijziging}.items():
                setattr(obj, veld, waarde)
            obj.versie += 1
            gewijzigd.append(obj)
            versies[w.sleutel] = obj.versie
    if nieuw:
        try:
            with transaction.atomic():
                model.objects.bulk_create(nieuw)
        except IntegrityError as exc:  # the same rows were created at the same moment elsewhere
            raise Conflict() from exc
    if gewijzigd:
        velden = {veld for w in wijzigingen for veld in w.velden} | set(bij_wijziging) | {"versie"}
        if any(f.name == "gewijzigd_op" for f in model._meta.fields):
            nu = timezone.now()
            for obj in gewijzigd:
                obj.gewijzigd_op = nu
            velden.add("gewijzigd_op")
        model.objects.bulk_update(gewijzigd, sorted(velden))
    return versies, conflicten
