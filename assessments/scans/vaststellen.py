"""Vaststellen: the coördinator fixes a score per check-vraag from the respondents' answers,
and an ambition per uitgangspunt. The rows the page shows are read here in a fixed number of
queries; the writes are version-checked (:mod:`assessments.opslaan`)."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count

from assessments import scoring
from assessments.models import Ambitie, Antwoord, Perspectief, Scan, VastgesteldeScore
from assessments.opslaan import NUL_TEKEN, Conflict, OngeldigeInvoer, Wijziging, bewaar_met_versies
from assessments.schaal import AMBITIES, NIVEAUS, NVT, TOELICHTING_MAX, VERDELING
from principles.models import CheckVraag, perspectief_prefetch

from .services import controleer_scan_open, controleer_vragen

__all__ = [
    "VraagRij",
    "niveau_tekst",
    "overzicht_rijen",
    "sla_ambitie_op",
    "sla_vaststellingen_op",
    "vaststel_gegevens",
]

# What a coördinator can fix: a level or "niet van toepassing" (or nothing yet).
VASTSTELBAAR = ("", *NIVEAUS, NVT)


def niveau_tekst(waarde, labels: dict) -> str:
    """A fixed score or an ambition in words: "niveau 3 (grotendeels)", "niet van
    toepassing". ``labels`` maps "1".."4" to the names of the levels."""
    if waarde == NVT:
        return "niet van toepassing"
    label = labels.get(str(waarde), "")
    return f"niveau {waarde} ({label[:1].lower()}{label[1:]})" if label else f"niveau {waarde}"


@dataclass
class VraagRij:
    """One check-vraag on the vaststellen page: the answers per perspective, their
    toelichtingen, the stored score and the form."""

    vraag: CheckVraag
    perspectieven: list
    waarden: list = field(default_factory=list)
    per_perspectief: dict = field(default_factory=dict)
    toelichtingen: list = field(default_factory=list)
    vastgesteld: VastgesteldeScore | None = None
    formulier: object = None
    conflict: bool = False
    nummer: int = 0
    labels: dict = field(default_factory=dict)

    @property
    def voorstel(self) -> str:
        return scoring.voorstel(self.waarden)

    @property
    def gesteld_aan(self) -> list[str] | None:
        """The names of the perspectives the question is asked of (framework v2), in their
        order; None when everyone is asked (v1)."""
        sleutels = self.vraag.perspectief_sleutels()
        if sleutels is None:
            return None
        namen = {p.sleutel: p.naam for p in self.perspectieven}
        eigen = {p.sleutel: p.naam for p in self.vraag.perspectieven()}
        volgorde = {p.sleutel: i for i, p in enumerate(self.perspectieven)}
        return [
            namen.get(s, eigen.get(s, s))
            for s in sorted(sleutels, key=lambda s: volgorde.get(s, len(volgorde)))
        ]

    @property
    def niveaus(self) -> list[tuple[str, str]]:
        """What each level looks like for this question (framework v2): (level, text)."""
        labels = self.labels
        return [
            (f"{i}. {labels.get(str(i), '')}".rstrip(". "), tekst)
            for i, tekst in enumerate(self.vraag.niveaus, start=1)
        ]

    @property
    def is_vastgesteld(self) -> bool:
        """A score counts as fixed once it is stored with a level or n.v.t. (as the overview
        and afronden count it); a proposal on the page is not fixed until it is stored."""
        return self.vastgesteld is not None and self.vastgesteld.waarde != ""

    def _als_tekst(self, waarde: str) -> str:
        return niveau_tekst(waarde, self.labels)

    @property
    def vastgesteld_tekst(self) -> str:
        """The fixed score in words, e.g. "niveau 3 (grotendeels)" ("" when not fixed)."""
        return self._als_tekst(self.vastgesteld.waarde) if self.is_vastgesteld else ""

    @property
    def wijkt_af(self) -> bool:
        return self.is_vastgesteld and self.vastgesteld.waarde != self.voorstel

    @property
    def voorstel_tekst(self) -> str:
        """Where the proposal comes from, in a sentence that starts lower case."""
        if self.voorstel == NVT:
            return "het voorstel is niet van toepassing, omdat de meeste antwoorden dat zeggen"
        if not self.voorstel:
            return "er is nog geen voorstel, omdat nog niemand een niveau heeft gekozen"
        n = len(scoring.scores(self.waarden))
        bron = "het enige antwoord" if n == 1 else f"de mediaan van {n} antwoorden"
        return f"het voorstel is {self._als_tekst(self.voorstel)}: {bron} met een niveau"

    @property
    def versie(self) -> int:
        return self.vastgesteld.versie if self.vastgesteld else 0

    @property
    def opgeslagen(self) -> dict:
        """What the form shows when nothing was sent: the stored score, else the proposal."""
        if self.vastgesteld is not None:
            return {
                "waarde": self.vastgesteld.waarde,
                "reden": self.vastgesteld.reden,
                "versie": self.vastgesteld.versie,
            }
        return {"waarde": self.voorstel, "reden": "", "versie": 0}

    @property
    def tabel(self) -> list:
        """Per perspective that answered: the count per column of the scale and the median."""
        return [
            (
                p,
                [self.per_perspectief[p.pk][k] for k in VERDELING],
                scoring.mediaan(list(self.per_perspectief[p.pk].elements())),
            )
            for p in self.perspectieven
            if sum(self.per_perspectief[p.pk].values())
        ]


def vaststel_gegevens(scan: Scan, up, niveaus=()) -> tuple[list, list[VraagRij], Ambitie | None]:
    """Everything the vaststellen page of one uitgangspunt shows, in a fixed number of queries.
    ``niveaus`` (the scale of the scan) names the levels in the rows' texts."""
    perspectieven = list(Perspectief.objects.all())
    # With who is asked fetched along (framework v2), so the rows cost no query per question.
    vragen = list(up.checkvragen.order_by("volgorde").prefetch_related(perspectief_prefetch()))
    labels = {str(n.waarde): n.label for n in niveaus}
    rijen = {
        v.pk: VraagRij(
            v,
            perspectieven,
            per_perspectief={p.pk: Counter() for p in perspectieven},
            nummer=i,
            labels=labels,
        )
        for i, v in enumerate(vragen, start=1)
    }
    antwoorden = (
        Antwoord.objects.filter(
            checkvraag__in=vragen, respondent__scan=scan, respondent__ingetrokken_op__isnull=True
        )
        .values_list("checkvraag_id", "respondent__perspectief_id", "waarde", "toelichting")
        .order_by("respondent__perspectief__volgorde", "gewijzigd_op")
    )
    naam = {p.pk: p.naam for p in perspectieven}
    sleutel = {p.pk: p.sleutel for p in perspectieven}
    for vraag_id, perspectief_id, waarde, toelichting in antwoorden:
        rij = rijen[vraag_id]
        if not rij.vraag.gesteld_aan(sleutel[perspectief_id]):
            # The questionnaire refuses such answers; should one exist, it does not count.
            continue
        if waarde:
            rij.waarden.append(waarde)
            rij.per_perspectief[perspectief_id][waarde] += 1
        if toelichting:
            rij.toelichtingen.append((naam[perspectief_id], toelichting))
    for vs in VastgesteldeScore.objects.filter(scan=scan, checkvraag__in=vragen):
        rijen[vs.checkvraag_id].vastgesteld = vs
    ambitie = Ambitie.objects.filter(scan=scan, uitgangspunt=up).first()
    return perspectieven, [rijen[v.pk] for v in vragen], ambitie


def overzicht_rijen(scan: Scan) -> list[dict]:
    """Per uitgangspunt: how many scores are fixed, and the ambition (3 queries)."""
    ups = list(
        scan.kaderversie.uitgangspunten.annotate(n=Count("checkvragen")).order_by("volgorde")
    )
    vastgesteld = Counter(
        VastgesteldeScore.objects.filter(scan=scan)
        .exclude(waarde="")
        .values_list("checkvraag__uitgangspunt_id", flat=True)
    )
    ambities = dict(Ambitie.objects.filter(scan=scan).values_list("uitgangspunt_id", "niveau"))
    return [
        {"up": up, "vastgesteld": vastgesteld[up.pk], "ambitie": ambities.get(up.pk)} for up in ups
    ]


@transaction.atomic
def sla_vaststellingen_op(
    scan: Scan, invoer: list[tuple[int, str, str, str, int]], door
) -> tuple[dict[int, str], dict[int, int], set[int]]:
    """Fix the scores given as (checkvraag id, waarde, reden, voorstel, version seen).

    A score that departs from the proposal needs a reason. With any invalid row nothing is
    stored and the errors come back per question. Returns (errors, versions, conflicts)."""
    controleer_scan_open(scan)
    fouten, wijzigingen = {}, []
    for vraag_id, waarde, reden, voorstel, versie in invoer:
        reden = reden.replace("\r\n", "\n").strip()
        if waarde not in VASTSTELBAAR:
            fouten[vraag_id] = "Kies een niveau van 1 tot en met 4 of 'niet van toepassing'."
        elif NUL_TEKEN in reden:
            fouten[vraag_id] = (
                "De reden bevat een onzichtbaar teken dat niet is toegestaan (een nul-teken). "
                "Haal het weg en probeer het opnieuw."
            )
        elif len(reden) > TOELICHTING_MAX:
            fouten[vraag_id] = f"De reden is te lang: maximaal {TOELICHTING_MAX} tekens."
        elif waarde and waarde != voorstel and not reden:
            fouten[vraag_id] = (
                "U kiest een andere score dan het voorstel. Schrijf kort op waarom, zodat het "
                "gesprek later na te lezen is."
            )
        wijzigingen.append(
            Wijziging(vraag_id, {"waarde": waarde, "reden": reden, "voorstel": voorstel}, versie)
        )
    if fouten:
        return fouten, {}, set()
    controleer_vragen([w.sleutel for w in wijzigingen], scan.kaderversie_id)
    versies, conflicten = bewaar_met_versies(
        VastgesteldeScore,
        {"scan": scan},
        "checkvraag_id",
        wijzigingen,
        bij_wijziging={"gewijzigd_door": door},
    )
    return {}, versies, conflicten


def sla_ambitie_op(
    scan: Scan, uitgangspunt_id: int, niveau: int | None, verwachte_versie: int
) -> int:
    """Store the ambition; returns its version now (0: no ambition is stored)."""
    controleer_scan_open(scan)
    if niveau is not None and niveau not in AMBITIES:
        raise OngeldigeInvoer("Een ambitie is een niveau van 1 tot en met 4.")
    if not scan.kaderversie.uitgangspunten.filter(pk=uitgangspunt_id).exists():
        raise OngeldigeInvoer("Dit uitgangspunt hoort niet bij deze scan.")
    versies, conflicten = bewaar_met_versies(
        Ambitie,
        {"scan": scan},
        "uitgangspunt_id",
        [Wijziging(uitgangspunt_id, {"niveau": niveau}, verwachte_versie)],
    )
    if conflicten:
        raise Conflict()
    return versies[uitgangspunt_id]
