"""Publishing rondes and reading them: the only place where figures across gemeenten are
computed (once, at publishing) and the only source the analist pages and the spiegel read.

The rules are described in ``rondes``; this module applies them to the database."""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.models import (
    Grootteklasse,
    Provincie,
    Ronde,
    RondeCijfer,
    RondeVergelijking,
    Scan,
    VastgesteldeScore,
)
from assessments.schaal import NIVEAUS
from principles.models import CheckVraag

from . import anonimisering, rondes, vergelijking

__all__ = [
    "GROEPEN",
    "Bron",
    "NietPubliceerbaar",
    "Voorvertoning",
    "k_instelling",
    "lees_bron",
    "publicatie_vanaf",
    "publiceer",
    "publiceerbare_perioden",
    "ronde_voor_scan",
    "spiegelvergelijking",
    "voorvertoning",
]

GROEPEN = {
    "grootteklasse": [value for value, _ in Grootteklasse.choices],
    "provincie": [value for value, _ in Provincie.choices],
}


class NietPubliceerbaar(Exception):
    """The ronde may not be published; the message says why, in Dutch."""


def k_instelling() -> int:
    return settings.VIT_ANONIMITEIT_K


def publicatie_vanaf(periode: int) -> date:
    """A period is a calendar year; its ronde can be published once the year has ended."""
    return date(periode + 1, 1, 1)


def _vandaag(nu: datetime | None) -> date:
    return timezone.localdate(nu or timezone.now())


def publiceerbare_perioden(nu: datetime | None = None) -> list[int]:
    """Periods that have ended, have finalised scans and no ronde yet (newest first)."""
    vandaag = _vandaag(nu)
    gedaan = set(Ronde.objects.values_list("periode", flat=True))
    perioden = (
        Scan.objects.filter(status=Scan.Status.AFGEROND)
        .order_by()  # without the model's ordering, distinct gives one row per period
        .values_list("periode", flat=True)
        .distinct()
    )
    return sorted(
        {p for p in perioden if p not in gedaan and publicatie_vanaf(p) <= vandaag}, reverse=True
    )


def _onderdelen(versie) -> list[rondes.Onderdeel]:
    if versie is None:
        return []
    uit = [
        rondes.Onderdeel(
            rondes.BF, bf.sleutel, bf.korte_titel, volgorde=bf.volgorde, titel=bf.titel
        )
        for bf in versie.basisfunctionaliteiten.order_by("volgorde")
    ]
    ups = list(versie.uitgangspunten.order_by("volgorde"))
    uit += [
        rondes.Onderdeel(
            rondes.UP,
            up.sleutel,
            f"{up.volgorde}. {up.korte_titel}",
            volgorde=up.volgorde,
            titel=up.titel,
        )
        for up in ups
    ]
    vragen = CheckVraag.objects.filter(uitgangspunt__versie=versie).select_related("uitgangspunt")
    uit += [
        rondes.Onderdeel(
            rondes.VRAAG,
            v.sleutel,
            f"{v.volgorde}. {v.tekst}",
            uitgangspunt=v.uitgangspunt.sleutel,
            volgorde=v.volgorde,
        )
        for v in vragen.order_by("uitgangspunt__volgorde", "volgorde")
    ]
    return uit


def _uitslagen(scans: dict[int, Scan], versie) -> list[rondes.Uitslag]:
    """Per participating scan its scores and fixed levels (a fixed number of queries)."""
    per_up = vergelijking.deelnames_per_uitgangspunt(scans)
    per_bf = vergelijking.deelnames_per_basisfunctionaliteit(per_up, versie) if versie else {}
    scores: dict[str, dict[str, float]] = {s.gemeente.code: {} for s in scans.values()}
    for sleutel, deelnames in [*per_up.items(), *per_bf.items()]:
        for d in deelnames:
            scores[d.gemeente][sleutel] = d.waarde
    niveaus: dict[int, dict[str, int]] = {pk: {} for pk in scans}
    for scan_id, vraag, waarde in VastgesteldeScore.objects.filter(
        scan_id__in=list(scans), waarde__in=NIVEAUS
    ).values_list("scan_id", "checkvraag__sleutel", "waarde"):
        niveaus[scan_id][vraag] = int(waarde)
    return [
        rondes.Uitslag(
            s.gemeente.code,
            s.gemeente.grootteklasse,
            s.gemeente.provincie,
            scores[s.gemeente.code],
            niveaus[pk],
        )
        for pk, s in scans.items()
    ]


@dataclass(frozen=True)
class Voorvertoning:
    """What the confirmation page may show before publishing: counts, never scores."""

    periode: int
    k: int
    totaal: anonimisering.Cel
    per_dimensie: dict[str, anonimisering.Uitsplitsing]
    aantallen: dict[str, dict[str, int]]


def voorvertoning(periode: int, k: int | None = None) -> Voorvertoning:
    k = k or k_instelling()
    scans = vergelijking.deelnemende_scans(periode=periode)
    deelnames = [
        anonimisering.Deelname(
            s.gemeente.code, periode, s.gemeente.grootteklasse, s.gemeente.provincie, 0.0
        )
        for s in scans.values()
    ]
    per_dimensie, aantallen = {}, {}
    for dimensie, groepen in GROEPEN.items():
        per_dimensie[dimensie] = anonimisering.uitsplitsen(
            deelnames, dimensie, periode, k, groepen, homogeniteit=False
        )
        aantallen[dimensie] = dict.fromkeys(groepen, 0)
        for d in deelnames:
            aantallen[dimensie][getattr(d, dimensie)] += 1
    totaal = anonimisering.uitsplitsen(deelnames, "alle", periode, k, homogeniteit=False).totaal
    return Voorvertoning(periode, k, totaal, per_dimensie, aantallen)


def _als_rij(ronde, cijfer: rondes.Cijfer, volgorde: int) -> RondeCijfer:
    cel = cijfer.cel
    deelname = cijfer.soort == rondes.DEELNAME
    return RondeCijfer(
        ronde=ronde,
        soort=cijfer.soort,
        onderdeel=cijfer.onderdeel,
        dimensie=cijfer.dimensie,
        groep=cel.groep,
        volgorde=volgorde,
        n=cel.n,
        mediaan=None if deelname else cel.mediaan,
        q1=None if deelname else cel.q1,
        q3=None if deelname else cel.q3,
        gemiddelde=None if deelname else cel.gemiddelde,
        aandelen=list(cel.aandelen) if cel.aandelen else None,
    )


def publiceer(periode: int, door, nu: datetime | None = None) -> Ronde:
    """Compute and store the ronde of ``periode``. Refused (``NietPubliceerbaar``) before the
    period has ended, when a ronde of the period exists (also when two publish at once), and
    with fewer than k participating gemeenten."""
    nu = nu or timezone.now()
    k = k_instelling()
    if publicatie_vanaf(periode) > _vandaag(nu):
        raise NietPubliceerbaar(
            f"De periode {periode} is nog niet voorbij. U kunt de ronde publiceren vanaf "
            f"{publicatie_vanaf(periode):%d-%m-%Y}."
        )
    if Ronde.objects.filter(periode=periode).exists():
        raise NietPubliceerbaar(f"Voor {periode} is al een ronde gepubliceerd.")
    try:
        with transaction.atomic():
            scans = vergelijking.deelnemende_scans(periode=periode)
            if len(scans) < k:
                raise NietPubliceerbaar(
                    f"In {periode} zijn {len(scans)} scans afgerond met toestemming; voor een "
                    f"ronde zijn er minstens {k} nodig."
                )
            # The parts and labels of the newest framework version the scans were made on
            # (not a later one none of them used). Per check-vraag the key decides, so with
            # scans on two versions a question counts the scans that have it.
            versie = max(
                (s.kaderversie for s in scans.values()), key=lambda v: v.nummer, default=None
            )
            onderdelen = _onderdelen(versie)
            inhoud = rondes.bereken(_uitslagen(scans, versie), onderdelen, periode, k, GROEPEN)
            naam = (door.get_full_name() or door.get_username()) if door else "VIT"
            ronde = Ronde.objects.create(
                periode=periode,
                gepubliceerd_op=nu,
                gepubliceerd_door=door,
                gepubliceerd_door_naam=naam,
                aantal_gemeenten=inhoud.aantal_gemeenten,
                k=k,
                onderdelen=[o.__dict__ for o in onderdelen],
                kaderversies=sorted({s.kaderversie.nummer for s in scans.values()}),
            )
            volgorde = {g: i for groepen in GROEPEN.values() for i, g in enumerate(groepen)}
            RondeCijfer.objects.bulk_create(
                (_als_rij(ronde, c, volgorde.get(c.cel.groep, 0)) for c in inhoud.cijfers),
                batch_size=2000,
            )
            gemeente_ids = {s.gemeente.code: s.gemeente_id for s in scans.values()}
            RondeVergelijking.objects.bulk_create(
                (
                    RondeVergelijking(
                        ronde=ronde,
                        gemeente_id=gemeente_ids[v.gemeente],
                        grootteklasse=v.grootteklasse,
                        uitgangspunt=v.uitgangspunt,
                        n=v.cel.n,
                        mediaan=v.cel.mediaan,
                        q1=v.cel.q1,
                        q3=v.cel.q3,
                        gemiddelde=v.cel.gemiddelde,
                    )
                    for v in inhoud.vergelijkingen
                ),
                batch_size=2000,
            )
    except IntegrityError as exc:
        # Somebody else published the same period a moment earlier.
        raise NietPubliceerbaar(f"Voor {periode} is al een ronde gepubliceerd.") from exc
    return ronde


_VELDEN = ("n", "mediaan", "q1", "q3", "gemiddelde")


def _cel(groep: str, n, mediaan, q1, q3, gemiddelde, aandelen=None) -> anonimisering.Cel:
    return anonimisering.Cel(
        groep, n, mediaan, q1, q3, gemiddelde, tuple(aandelen) if aandelen else None
    )


class Bron:
    """The published rondes as the analist pages read them: one query for the rondes, one per
    set of figures, whatever the number of scans or gemeenten behind them."""

    def __init__(self):
        self.rondes = list(Ronde.objects.order_by("-periode"))
        self.per_periode = {r.periode: r for r in self.rondes}

    @property
    def perioden(self) -> list[int]:
        return [r.periode for r in self.rondes]

    def onderdelen(self, periode: int, soort: str, uitgangspunt: str | None = None):
        ronde = self.per_periode.get(periode)
        if ronde is None:
            return []
        return [
            rondes.Onderdeel(**o)
            for o in ronde.onderdelen
            if o["soort"] == soort and (uitgangspunt is None or o["uitgangspunt"] == uitgangspunt)
        ]

    def cijfers(self, soort: str, dimensie: str, perioden, onderdelen=None):
        """{(periode, onderdeel key, groep): Cel}, in the stored order of the groups."""
        rijen = RondeCijfer.objects.filter(
            ronde__periode__in=list(perioden), soort=soort, dimensie=dimensie
        )
        if onderdelen is not None:
            rijen = rijen.filter(onderdeel__in=list(onderdelen))
        return {
            (periode, onderdeel, groep): _cel(groep, *waarden)
            for periode, onderdeel, groep, *waarden in rijen.order_by(
                "volgorde", "groep"
            ).values_list("ronde__periode", "onderdeel", "groep", *_VELDEN, "aandelen")
        }


def lees_bron() -> Bron:
    return Bron()


def ronde_voor_scan(scan: Scan) -> Ronde | None:
    """The ronde the spiegel of ``scan`` compares with: that of its period, or the latest
    earlier one."""
    return Ronde.objects.filter(periode__lte=scan.periode).order_by("-periode").first()


def spiegelvergelijking(scan: Scan, ronde: Ronde | None) -> dict[str, anonimisering.Cel]:
    """Per uitgangspunt key the figures of the other gemeenten of the scan's grootteklasse in
    ``ronde``, without the own gemeente: its own stored comparison when it took part, otherwise
    the ronde's figure of its grootteklasse (which it is not in)."""
    if ronde is None:
        return {}
    eigen = {
        up: _cel(up, *waarden)
        for up, *waarden in RondeVergelijking.objects.filter(
            ronde=ronde, gemeente_id=scan.gemeente_id
        ).values_list("uitgangspunt", *_VELDEN)
    }
    if eigen:
        return eigen
    return {
        onderdeel: _cel(onderdeel, *waarden)
        for onderdeel, *waarden in RondeCijfer.objects.filter(
            ronde=ronde,
            soort=rondes.SCORE,
            onderdeel__in=[o["sleutel"] for o in ronde.onderdelen if o["soort"] == rondes.UP],
            dimensie="grootteklasse",
            groep=scan.gemeente.grootteklasse,
        ).values_list("onderdeel", *_VELDEN)
    }
