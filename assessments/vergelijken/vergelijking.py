"""The facts a ronde is computed from, when it is published (``publiceren``): which scans take
part, and their scores per uitgangspunt (one grouped query in the database) and per
basisfunctionaliteit. Nothing here is read by a page."""

from collections import defaultdict

from django.db.models import Avg, Case, Count, IntegerField, Q, When
from django.db.models.functions import Cast

from assessments.models import Scan, VastgesteldeScore
from assessments.schaal import NIVEAUS, NVT
from assessments.scoring import DEKKINGSDREMPEL
from principles.models import Koppeling

from . import anonimisering

__all__ = [
    "deelnames_per_basisfunctionaliteit",
    "deelnames_per_uitgangspunt",
    "deelnemende_scans",
]


def deelnemende_scans(**filters) -> dict[int, Scan]:
    """The scans that count: per gemeente and period the latest finalised scan, if it has
    consent (optionally narrowed by ``filters`` on Scan, e.g. one period)."""
    kandidaten = Scan.objects.filter(status=Scan.Status.AFGEROND, **filters).select_related(
        "gemeente", "kaderversie"
    )
    per_id = {scan.pk: scan for scan in kandidaten}
    gekozen = anonimisering.kies_deelnames(
        anonimisering.ScanFeit(
            s.pk, s.gemeente.code, s.periode, True, s.toestemming_vergelijking, s.afgerond_op
        )
        for s in per_id.values()
    )
    return {pk: per_id[pk] for pk in gekozen}


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
        .values_list(
            "scan_id",
            "checkvraag__uitgangspunt__sleutel",
            "gemiddelde",
            "niveaus",
            "van_toepassing",
        )
    )
    per_up = defaultdict(list)
    gemeenten = {
        pk: (scan.gemeente.code, scan.periode, scan.gemeente.grootteklasse, scan.gemeente.provincie)
        for pk, scan in scans.items()
    }
    for scan_id, up, gemiddelde, niveaus, van_toepassing in rijen:
        if not niveaus or niveaus < DEKKINGSDREMPEL * van_toepassing:
            continue
        per_up[up].append(
            anonimisering.Deelname(*gemeenten[scan_id], waarde=round(float(gemiddelde), 1))
        )
    return per_up


def deelnames_per_basisfunctionaliteit(
    per_up: dict[str, list[anonimisering.Deelname]], versie
) -> dict[str, list[anonimisering.Deelname]]:
    """Per basisfunctionaliteit key: per scan the mean of the scores of its uitgangspunten that
    have one (as in the spiegel), with the links of ``versie``."""
    ups_per_bf = defaultdict(list)
    for bf, up in Koppeling.objects.filter(basisfunctionaliteit__versie=versie).values_list(
        "basisfunctionaliteit__sleutel", "uitgangspunt__sleutel"
    ):
        ups_per_bf[bf].append(up)
    per_scan = defaultdict(dict)
    for up, deelnames in per_up.items():
        for d in deelnames:
            per_scan[(d.gemeente, d.periode)][up] = d
    per_bf = defaultdict(list)
    for bf, ups in ups_per_bf.items():
        for scores in per_scan.values():
            aanwezig = [scores[up] for up in ups if up in scores]
            if aanwezig:
                d = aanwezig[0]
                per_bf[bf].append(
                    anonimisering.Deelname(
                        gemeente=d.gemeente,
                        periode=d.periode,
                        grootteklasse=d.grootteklasse,
                        provincie=d.provincie,
                        # The scores have one decimal: summing tenths as integers gives the
                        # exact mean, as statistics.mean would, without its slow fractions.
                        waarde=round(
                            sum(round(x.waarde * 10) for x in aanwezig) / (10 * len(aanwezig)), 1
                        ),
                    )
                )
    return per_bf
