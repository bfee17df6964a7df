"""The spiegel (mirror) of a scan: everything the report shows, read in a fixed number of
queries and computed with the pure functions of ``scoring``."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from assessments import scoring
from assessments.models import Ambitie, Antwoord, Perspectief, Ronde, Scan, VastgesteldeScore
from assessments.schaal import KORTE_NAMEN, NVT, WEET_NIET, als_niveau
from assessments.vergelijken import anonimisering, publiceren
from principles.models import CheckVraag, Handreiking, Koppeling, Uitgangspunt, perspectief_prefetch

from .versies import Vergelijkbaarheid, vergelijk_over_versies

__all__ = ["Spiegel", "maak_spiegel", "vorige_afgeronde_scan"]

AANTAL_PUNTEN = 3
AGENDA_LENGTE = 5


@dataclass
class VraagUitslag:
    vraag: CheckVraag
    vastgesteld: str
    is_voorstel: bool
    per_perspectief: dict[int, float | None]
    spreiding: float | None
    toelichtingen: list[tuple[str, str]]
    # Perspectives (pk) this question is not asked of (framework v2): "niet gevraagd".
    niet_gevraagd: frozenset = frozenset()

    @property
    def score(self) -> int | None:
        return als_niveau(self.vastgesteld)

    @property
    def weergave(self) -> str:
        """The fixed score as a table cell: the level, "n.v.t.", "onbekend" (weet niet) or "–"."""
        if self.vastgesteld == NVT:
            return KORTE_NAMEN[NVT].lower()
        if self.vastgesteld == WEET_NIET:
            return "onbekend"
        return self.vastgesteld or "–"


@dataclass
class UpUitslag:
    up: Uitgangspunt
    uitslag: scoring.UitgangspuntScore
    ambitie: int | None
    vragen: list[VraagUitslag]
    per_perspectief: dict[int, float | None]
    handreikingen: list[Handreiking]
    verandering: float | None = None
    vergelijking: "anonimisering.Cel | None" = None
    # Set when the previous scan used another framework version: the change rests on the
    # check-vragen both versions share (see ``versies``).
    vergelijkbaarheid: Vergelijkbaarheid | None = None
    # Perspectives (pk) asked none of its questions (framework v2): "niet gevraagd", not "–".
    niet_gevraagd: frozenset = frozenset()

    @property
    def score(self) -> float | None:
        return self.uitslag.score

    @property
    def gat(self) -> float | None:
        return scoring.gat(self.score, self.ambitie)

    @property
    def spreiding(self) -> float | None:
        return scoring.spreiding(self.per_perspectief)


@dataclass
class BfUitslag:
    sleutel: str
    volgorde: int
    titel: str
    korte_titel: str
    uitgangspunten: list[UpUitslag]

    @property
    def naam(self) -> str:
        """The name pages and the PDF show, as ``Basisfunctionaliteit.naam`` makes it."""
        return f"{self.volgorde}. {self.korte_titel}"

    @property
    def score(self) -> float | None:
        return scoring.basisfunctionaliteit_score(u.score for u in self.uitgangspunten)


@dataclass
class Spiegel:
    scan: Scan
    perspectieven: list[Perspectief]
    respondenten_per_perspectief: dict[int, int]
    uitgangspunten: list[UpUitslag]
    basisfunctionaliteiten: list[BfUitslag]
    per_fase: list[tuple[str, str, float | None]]
    vorige: Scan | None
    niet_vastgesteld: int = 0
    # The published ronde the comparison comes from (None: nothing published yet).
    ronde: Ronde | None = None
    sterke_punten: list[UpUitslag] = field(default_factory=list)
    ontwikkelpunten: list[UpUitslag] = field(default_factory=list)
    gespreksagenda: list[tuple[UpUitslag, VraagUitslag]] = field(default_factory=list)

    @property
    def percentage_ambitie(self) -> float | None:
        return scoring.percentage_ambitie_bereikt((u.score, u.ambitie) for u in self.uitgangspunten)

    @property
    def vergelijking_verwacht_vanaf(self):
        """When the ronde of the scan's period can be published, for "nog geen vergelijking"."""
        return publiceren.publicatie_vanaf(self.scan.periode)

    @property
    def niet_gevraagd(self) -> bool:
        """Some perspective was not asked the questions of some uitgangspunt (framework v2)."""
        return any(u.niet_gevraagd for u in self.uitgangspunten)

    @property
    def andere_kaderversie(self) -> bool:
        """The previous scan used another framework version than this one."""
        return self.vorige is not None and self.vorige.kaderversie_id != self.scan.kaderversie_id

    @property
    def perspectieven_met_respondenten(self) -> list[Perspectief]:
        return [p for p in self.perspectieven if self.respondenten_per_perspectief.get(p.pk)]


def vorige_afgeronde_scan(scan: Scan) -> Scan | None:
    """The previous finalised scan of the same gemeente (an earlier period)."""
    return (
        Scan.objects.filter(
            gemeente_id=scan.gemeente_id, status=Scan.Status.AFGEROND, periode__lt=scan.periode
        )
        .exclude(pk=scan.pk)
        .select_related("kaderversie")
        .order_by("-periode", "-afgerond_op")
        .first()
    )


def _up_scores_van(scan: Scan) -> dict[str, float | None]:
    """Score per uitgangspunt key of a (previous) scan from its fixed scores (one query)."""
    per_up = defaultdict(list)
    for sleutel, waarde in VastgesteldeScore.objects.filter(scan=scan).values_list(
        "checkvraag__uitgangspunt__sleutel", "waarde"
    ):
        per_up[sleutel].append(waarde)
    return {sleutel: scoring.uitgangspunt_score(w).score for sleutel, w in per_up.items()}


def maak_spiegel(scan: Scan) -> Spiegel:
    perspectieven = list(Perspectief.objects.all())
    naam = {p.pk: p.naam for p in perspectieven}
    ups = list(
        scan.kaderversie.uitgangspunten.order_by("volgorde").prefetch_related(
            Prefetch(
                "checkvragen",
                queryset=CheckVraag.objects.order_by("volgorde").prefetch_related(
                    perspectief_prefetch()
                ),
            ),
            Prefetch("handreikingen", queryset=Handreiking.objects.order_by("soort", "titel")),
            Prefetch(
                "koppeling_set",
                queryset=Koppeling.objects.select_related("basisfunctionaliteit"),
            ),
        )
    )
    vastgesteld = dict(
        VastgesteldeScore.objects.filter(scan=scan).values_list("checkvraag_id", "waarde")
    )
    ambities = dict(Ambitie.objects.filter(scan=scan).values_list("uitgangspunt_id", "niveau"))

    # Who is asked what (framework v2): per question the perspectives not asked it.
    niet_gevraagd = {
        v.pk: frozenset(p.pk for p in perspectieven if not v.gesteld_aan(p.sleutel))
        for up in ups
        for v in up.checkvragen.all()
    }
    alle_waarden = defaultdict(list)
    per_vraag_perspectief = defaultdict(lambda: defaultdict(list))
    toelichtingen = defaultdict(list)
    respondenten = defaultdict(set)
    for vraag_id, respondent_id, perspectief_id, waarde, toelichting in (
        Antwoord.objects.filter(respondent__scan=scan, respondent__ingetrokken_op__isnull=True)
        .values_list(
            "checkvraag_id", "respondent_id", "respondent__perspectief_id", "waarde", "toelichting"
        )
        .order_by("respondent__perspectief__volgorde", "pk")
    ):
        respondenten[perspectief_id].add(respondent_id)
        if perspectief_id in niet_gevraagd.get(vraag_id, ()):
            continue  # refused by the questionnaire; should one exist, it does not count
        alle_waarden[vraag_id].append(waarde)
        per_vraag_perspectief[vraag_id][perspectief_id].append(waarde)
        if toelichting:
            toelichtingen[vraag_id].append((naam[perspectief_id], toelichting))

    niet_vastgesteld = 0
    up_uitslagen = []
    fasen = defaultdict(list)
    for up in ups:
        vragen = []
        up_perspectief = defaultdict(list)
        for vraag in up.checkvragen.all():
            waarde = vastgesteld.get(vraag.pk, "")
            is_voorstel = not waarde
            if is_voorstel:
                niet_vastgesteld += 1
                waarde = scoring.voorstel(alle_waarden[vraag.pk])
            per_p = {}
            for p in perspectieven:
                w = per_vraag_perspectief[vraag.pk].get(p.pk, [])
                per_p[p.pk] = scoring.gemiddelde(scoring.scores(w)) if w else None
                up_perspectief[p.pk].extend(scoring.scores(w))
            uitslag = VraagUitslag(
                vraag,
                waarde,
                is_voorstel,
                per_p,
                scoring.spreiding(per_p),
                toelichtingen[vraag.pk],
                niet_gevraagd[vraag.pk],
            )
            vragen.append(uitslag)
            if uitslag.score is not None:
                fasen[vraag.fase].append(uitslag.score)
        up_uitslagen.append(
            UpUitslag(
                up=up,
                uitslag=scoring.uitgangspunt_score(v.vastgesteld for v in vragen),
                ambitie=ambities.get(up.pk),
                vragen=vragen,
                per_perspectief={
                    p.pk: scoring.gemiddelde(up_perspectief[p.pk]) for p in perspectieven
                },
                handreikingen=list(up.handreikingen.all()),
                niet_gevraagd=frozenset.intersection(*(v.niet_gevraagd for v in vragen))
                if vragen
                else frozenset(),
            )
        )

    bfs = {}
    for u in up_uitslagen:
        for koppeling in u.up.koppeling_set.all():
            bf = koppeling.basisfunctionaliteit
            bfs.setdefault(bf.pk, BfUitslag(bf.sleutel, bf.volgorde, bf.titel, bf.korte_titel, []))
            bfs[bf.pk].uitgangspunten.append(u)

    vorige = vorige_afgeronde_scan(scan)
    if vorige is not None and vorige.kaderversie_id != scan.kaderversie_id:
        vergelijk_over_versies(up_uitslagen, vorige)
    elif vorige is not None:
        veranderingen = scoring.verandering(
            {u.up.sleutel: u.score for u in up_uitslagen}, _up_scores_van(vorige)
        )
        for u in up_uitslagen:
            u.verandering = veranderingen.get(u.up.sleutel)

    # The comparison is read from the published ronde, never computed here.
    ronde = publiceren.ronde_voor_scan(scan)
    vergeleken = publiceren.spiegelvergelijking(scan, ronde)
    for u in up_uitslagen:
        u.vergelijking = vergeleken.get(u.up.sleutel)

    spiegel = Spiegel(
        scan=scan,
        perspectieven=perspectieven,
        respondenten_per_perspectief={p: len(r) for p, r in respondenten.items()},
        uitgangspunten=up_uitslagen,
        basisfunctionaliteiten=sorted(bfs.values(), key=lambda b: b.volgorde),
        per_fase=[
            (fase, label, scoring.gemiddelde(fasen[fase]))
            for fase, label in CheckVraag.Fase.choices
        ],
        vorige=vorige,
        niet_vastgesteld=niet_vastgesteld,
        ronde=ronde,
    )
    # Ontwikkelpunten first (largest gap to the ambition, then lowest score); the sterke punten
    # are the highest scores among the rest, so no uitgangspunt is both.
    met_score = [u for u in up_uitslagen if u.score is not None]
    spiegel.ontwikkelpunten = sorted(
        met_score, key=lambda u: (-(u.gat or 0), u.score, u.up.volgorde)
    )[:AANTAL_PUNTEN]
    rest = [u for u in met_score if u not in spiegel.ontwikkelpunten]
    spiegel.sterke_punten = sorted(rest, key=lambda u: (-u.score, u.up.volgorde))[:AANTAL_PUNTEN]
    agenda = [(u, v) for u in up_uitslagen for v in u.vragen if v.spreiding]
    spiegel.gespreksagenda = sorted(
        agenda, key=lambda uv: (-uv[1].spreiding, uv[0].up.volgorde, uv[1].vraag.volgorde)
    )[:AGENDA_LENGTE]
    return spiegel
