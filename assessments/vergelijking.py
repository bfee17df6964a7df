"""Figures across gemeenten for VNG-analisten: the database computes the score per scan and
uitgangspunt (one grouped query); ``anonimisering`` decides what may be shown."""

from collections import defaultdict

from django.db.models import Avg, Case, Count, IntegerField, Q, When
from django.db.models.functions import Cast

from principles.models import Koppeling

from . import anonimisering
from .models import Grootteklasse, Provincie, Scan, VastgesteldeScore
from .scoring import DEKKINGSDREMPEL, NIVEAUS, NVT

__all__ = [
    "GROEPEN",
    "deelnames_per_basisfunctionaliteit",
    "deelnames_per_checkvraag",
    "deelnames_per_uitgangspunt",
    "deelnemende_scans",
    "perioden",
]

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


def deelnames_per_checkvraag(
    scans: dict[int, Scan], uitgangspunt: str
) -> dict[str, list[anonimisering.Deelname]]:
    """Per check-vraag key of one uitgangspunt: the fixed levels of the participating scans.

    The database counts the scans per level, period, grootteklasse and provincie; no single
    scan leaves the query. Each count becomes that many anonymous participations."""
    rijen = (
        VastgesteldeScore.objects.filter(
            scan_id__in=list(scans),
            waarde__in=NIVEAUS,
            checkvraag__uitgangspunt__sleutel=uitgangspunt,
        )
        .values(
            "checkvraag__sleutel",
            "waarde",
            "scan__periode",
            "scan__gemeente__grootteklasse",
            "scan__gemeente__provincie",
        )
        .annotate(aantal=Count("pk"))
    )
    per_vraag = defaultdict(list)
    for rij in rijen:
        vraag = rij["checkvraag__sleutel"]
        for i in range(rij["aantal"]):
            per_vraag[vraag].append(
                anonimisering.Deelname(
                    # No gemeente leaves the query: a placeholder that is unique per count.
                    gemeente=f"{rij['scan__periode']}/{rij['scan__gemeente__grootteklasse']}/"
                    f"{rij['scan__gemeente__provincie']}/{rij['waarde']}/{i}",
                    periode=rij["scan__periode"],
                    grootteklasse=rij["scan__gemeente__grootteklasse"],
                    provincie=rij["scan__gemeente__provincie"],
                    waarde=float(rij["waarde"]),
                )
            )
    return per_vraag
