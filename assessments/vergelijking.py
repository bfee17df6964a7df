"""Figures across gemeenten for VNG-analisten: the database computes the score per scan and
uitgangspunt (one grouped query); ``anonimisering`` decides what may be shown."""

from collections import defaultdict

from django.db.models import Avg, Case, Count, IntegerField, Q, When
from django.db.models.functions import Cast

from . import anonimisering
from .models import Grootteklasse, Provincie, Scan, VastgesteldeScore
from .scoring import DEKKINGSDREMPEL, NIVEAUS, NVT

__all__ = ["GROEPEN", "deelnemende_scans", "deelnames_per_uitgangspunt", "perioden"]

GROEPEN = {
    "grootteklasse": [value for value, _ in Grootteklasse.choices],
    "provincie": [value for value, _ in Provincie.choices],
}


def deelnemende_scans(**filters) -> dict[int, Scan]:
    """The scans that count: finalised, with consent, the latest per gemeente per period
    (optionally narrowed by ``filters`` on Scan, e.g. one period)."""
    kandidaten = Scan.objects.filter(
        status=Scan.Status.AFGEROND, toestemming_vergelijking=True, **filters
    ).select_related("gemeente")
    per_id = {scan.pk: scan for scan in kandidaten}
    gekozen = anonimisering.kies_deelnames(
        anonimisering.ScanFeit(s.pk, s.gemeente.code, s.periode, True, True, s.afgerond_op)
        for s in per_id.values()
    )
    return {pk: per_id[pk] for pk in gekozen}


def perioden() -> list[int]:
    return sorted({scan.periode for scan in deelnemende_scans().values()}, reverse=True)


def deelnames_per_uitgangspunt(scans: dict[int, Scan]) -> dict[str, list[anonimisering.Deelname]]:
    """Per uitgangspunt key: one value per participating scan (the mean of its fixed levels,
    left out below the coverage threshold, as in the spiegel)."""
    rijen = (
        VastgesteldeScore.objects.filter(scan_id__in=list(scans))
        .values("scan_id", "checkvraag__uitgangspunt__sleutel")
        .annotate(
            # CASE: only the four levels are cast; "weet_niet" and "nvt" never reach the cast.
            gemiddelde=Avg(Case(When(waarde__in=NIVEAUS, then=Cast("waarde", IntegerField())))),
            niveaus=Count("pk", filter=Q(waarde__in=NIVEAUS)),
            van_toepassing=Count("pk", filter=~Q(waarde=NVT)),
        )
    )
    per_up = defaultdict(list)
    for rij in rijen:
        if not rij["niveaus"] or rij["niveaus"] < DEKKINGSDREMPEL * rij["van_toepassing"]:
            continue
        scan = scans[rij["scan_id"]]
        per_up[rij["checkvraag__uitgangspunt__sleutel"]].append(
            anonimisering.Deelname(
                gemeente=scan.gemeente.code,
                periode=scan.periode,
                grootteklasse=scan.gemeente.grootteklasse,
                provincie=scan.gemeente.provincie,
                waarde=round(float(rij["gemiddelde"]), 1),
            )
        )
    return per_up
