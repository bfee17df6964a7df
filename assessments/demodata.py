"""A realistic, deterministic history for the demo: about 40 gemeenten with finalised scans in
two periods, the published rondes of both periods, plus the demo gemeente with finalised scans
of 2024 and 2025 (the latter with a filled ontwikkelplan) and one open scan.

Everything comes from one seeded random generator, so every run builds the same history.
Running it twice adds nothing the second time."""

import random
from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from principles.models import CheckVraag, KaderVersie, perspectief_prefetch

from . import scoring
from .models import (
    Actie,
    Ambitie,
    Antwoord,
    Gemeente,
    Grootteklasse,
    Ontwikkelplan,
    Perspectief,
    Respondent,
    Ronde,
    Scan,
    VastgesteldeScore,
)
from .scans.services import LINK_GELDIG, hash_token, neem_ambities_over, nieuw_token
from .schaal import NIVEAUS, NVT, WEET_NIET
from .spiegel.inhoud import maak_spiegel
from .spiegel.plan import ACTIEVELDEN

__all__ = ["maak_demohistorie", "publiceer_demorondes"]

PERIODEN = (2024, 2025)
AANTAL_GEMEENTEN = 40
MIN_PER_KLASSE = 6
TITEL = "Verkenning toegang {periode}"
AMS = ZoneInfo("Europe/Amsterdam")

# How each perspective tends to look at the toegang, relative to the gemeente's level.
PERSPECTIEF_NEIGING = {
    "bestuur": 0.35,
    "beleid": 0.25,
    "uitvoering": -0.1,
    "inwoner": -0.45,
    "ketenpartner": -0.2,
}

TOELICHTINGEN = [
    "Op papier is het goed geregeld, in de praktijk hangt het af van de medewerker.",
    "De wachttijd voor een eerste gesprek is de laatste maanden opgelopen.",
    "Sinds de vaste overleggen met de huisartsen gaat dit duidelijk beter.",
    "Inwoners weten vaak niet bij wie ze terechtkunnen als het ingewikkeld wordt.",
    "We doen dit wel, maar leggen het nergens vast.",
    "Schuldhulp en het wijkteam zitten sinds dit jaar in hetzelfde gebouw.",
    "Herindicaties kosten veel tijd, ook als er niets verandert.",
    "De cliëntondersteuning is onafhankelijk, maar weinig mensen kennen haar.",
    "Medewerkers mogen maatwerk leveren, maar durven het niet altijd.",
    "Er is een goed plan, maar het is nog niet in alle wijken ingevoerd.",
    "We horen dit vooral van de adviesraad, niet van inwoners zelf.",
    "Cijfers hebben we genoeg; de verhalen achter de cijfers missen we.",
    "Bij jongeren die achttien worden gaat de overgang nog vaak mis.",
    "De samenwerking met het zorgkantoor is afhankelijk van één persoon.",
    "Dit is een bewuste keuze van het college geweest.",
]

# The demo gemeente's ontwikkelpunten in 2025, lower than the rest, and its plan on them.
DEMO_FOCUS = ("UP3", "UP6", "UP7")
DEMO_VOORSTEL = (
    "Wij stellen voor om in 2026 en 2027 te werken aan drie punten: inwoners houden zelf de regie, "
    "de weg naar hulp is eenvoudig en we zien problemen eerder aankomen.\nHet college zet hiervoor "
    "het budget van de pilot Eén loket in en krijgt elk half jaar een kort verslag van de acties."
)
# In the order of ACTIEVELDEN: uitgangspunt, omschrijving, eigenaar, planning, succescriterium,
# handreiking, status.
DEMO_ACTIES = [
    (
        "UP6",
        "Eén telefoonnummer en één webformulier voor alle vragen over zorg, werk en geld.",
        "Teamleider toegang",
        "vóór 1 april 2026",
        "Negen van de tien bellers horen in het eerste gesprek wat de volgende stap is.",
        "movisie-toegangsscan",
        Actie.Status.KLAAR,
    ),
    (
        "UP6",
        "Alle brieven over een aanvraag herschrijven in eenvoudige taal, samen met de adviesraad.",
        "Beleidsadviseur Wmo",
        "tweede helft 2026",
        "De adviesraad keurt de brieven goed; minder mensen bellen met vragen over een brief.",
        "movisie-toegang-in-ontwikkeling",
        Actie.Status.BEZIG,
    ),
    (
        "UP3",
        "Inwoners krijgen het gespreksverslag en kunnen het aanvullen vóór er een besluit valt.",
        "Teamleider wijkteams",
        "vóór 1 juli 2026",
        "Bij elk besluit zit een verslag dat de inwoner heeft gezien.",
        "verwey-jonker-ceo-wmo",
        Actie.Status.BEZIG,
    ),
    (
        "UP3",
        "Bij elk eerste gesprek wijzen we op gratis, onafhankelijke cliëntondersteuning.",
        "Coördinator cliëntondersteuning",
        "2027",
        "In het cliëntervaringsonderzoek kent de helft van de inwoners de cliëntondersteuning.",
        None,
        Actie.Status.GEPLAND,
    ),
    (
        "UP7",
        "Vaste afspraken met huisartsen en de woningcorporatie over het melden van zorgen.",
        "Wethouder zorg en welzijn",
        "eerste helft 2027",
        "Zorgen komen binnen vóór er een huurachterstand van drie maanden is.",
        "vng-vijf-basisfuncties-lokale-teams",
        Actie.Status.GEPLAND,
    ),
]

REDENEN = [
    "In het gesprek bleek de uitvoering dit strenger te zien dan het bestuur.",
    "Het voorstel houdt geen rekening met de nieuwe werkwijze sinds de zomer.",
    "Besproken met de adviesraad: de ervaring van inwoners weegt hier zwaarder.",
]


def _kies_gemeenten(rng: random.Random, uitsluiten: str) -> list[Gemeente]:
    per_klasse = defaultdict(list)
    for g in Gemeente.objects.filter(actief=True).exclude(code=uitsluiten).order_by("code"):
        per_klasse[g.grootteklasse].append(g)
    gekozen = []
    for klasse in Grootteklasse.values:
        gekozen += rng.sample(per_klasse[klasse], min(MIN_PER_KLASSE, len(per_klasse[klasse])))
    rest = [g for lijst in per_klasse.values() for g in lijst if g not in gekozen]
    gekozen += rng.sample(rest, AANTAL_GEMEENTEN - len(gekozen))
    return sorted(gekozen, key=lambda g: g.code)


class _Bouwer:
    """Collects rows and writes them with bulk_create."""

    def __init__(self, rng, versie):
        self.rng = rng
        self.versie = versie
        self.vragen = list(
            CheckVraag.objects.filter(uitgangspunt__versie=versie)
            .select_related("uitgangspunt")
            .prefetch_related(perspectief_prefetch())
            .order_by("uitgangspunt__volgorde", "volgorde")
        )
        self.perspectieven = list(Perspectief.objects.order_by("volgorde"))
        self.uitgangspunten = list(versie.uitgangspunten.order_by("volgorde"))
        self.aantal_respondenten = 0
        self.aantal_antwoorden = 0

    def _antwoord(self, niveau: float) -> str:
        kans = self.rng.random()
        if kans < 0.07:
            return WEET_NIET
        if kans < 0.10:
            return NVT
        return str(min(4, max(1, round(niveau + self.rng.gauss(0, 0.7)))))

    def scan(
        self,
        gemeente,
        periode,
        niveaus,
        afgerond,
        toestemming,
        door=None,
        vorige=None,
        aantal=None,
        deels=0,
        niet_begonnen=0,
    ):
        moment = datetime(periode, 10, 1, 12, 0, tzinfo=AMS) + timedelta(
            days=self.rng.randint(0, 40)
        )
        scan = Scan.objects.create(
            gemeente=gemeente,
            titel=TITEL.format(periode=periode),
            periode=periode,
            kaderversie=self.versie,
            aangemaakt_door=door,
            vorige_scan=vorige,
            status=Scan.Status.AFGEROND if afgerond else Scan.Status.OPEN,
            afgerond_op=moment if afgerond else None,
            toestemming_vergelijking=toestemming,
            toestemming_gewijzigd_op=moment if afgerond else None,
        )
        Scan.objects.filter(pk=scan.pk).update(aangemaakt_op=moment - timedelta(days=45))
        aantal = aantal or self.rng.randint(3, 8)
        volgorde = list(self.perspectieven)
        self.rng.shuffle(volgorde)
        respondenten = []
        for i in range(aantal):
            perspectief = volgorde[i % len(volgorde)]
            status = "klaar"
            if i >= aantal - niet_begonnen:
                status = "nieuw"
            elif i >= aantal - niet_begonnen - deels:
                status = "deels"
            respondenten.append(
                (
                    Respondent(
                        scan=scan,
                        perspectief=perspectief,
                        # Random tokens: nobody can open a demo link from the code.
                        token_hash=hash_token(nieuw_token()),
                        token_verloopt_op=(moment if afgerond else timezone.now()) + LINK_GELDIG,
                        gestart_op=None if status == "nieuw" else moment - timedelta(days=30),
                        afgerond_op=moment - timedelta(days=10) if status == "klaar" else None,
                    ),
                    status,
                )
            )
        Respondent.objects.bulk_create([r for r, _ in respondenten])
        antwoorden = []
        per_vraag = defaultdict(list)
        for respondent, status in respondenten:
            if status == "nieuw":
                continue
            neiging = PERSPECTIEF_NEIGING.get(respondent.perspectief.sleutel, 0)
            gesteld = [v for v in self.vragen if v.gesteld_aan(respondent.perspectief.sleutel)]
            vragen = gesteld if status == "klaar" else gesteld[: len(gesteld) // 2]
            for vraag in vragen:
                waarde = self._antwoord(niveaus[vraag.uitgangspunt.sleutel] + neiging)
                toelichting = self.rng.choice(TOELICHTINGEN) if self.rng.random() < 0.06 else ""
                antwoorden.append(
                    Antwoord(
                        respondent=respondent,
                        checkvraag=vraag,
                        waarde=waarde,
                        toelichting=toelichting,
                    )
                )
                per_vraag[vraag.pk].append(waarde)
        Antwoord.objects.bulk_create(antwoorden)
        self.aantal_respondenten += len(respondenten)
        self.aantal_antwoorden += len(antwoorden)
        if afgerond:
            self._vaststellen(scan, per_vraag, niveaus)
        return scan

    def _vaststellen(self, scan, per_vraag, niveaus):
        scores = []
        for vraag in self.vragen:
            voorstel = scoring.voorstel(per_vraag[vraag.pk])
            # Everybody said "weet niet" or "n.v.t.": the gemeente fixes "onbekend".
            waarde, reden = voorstel or WEET_NIET, ""
            if voorstel in NIVEAUS and self.rng.random() < 0.05:
                waarde = str(min(4, max(1, int(voorstel) + self.rng.choice((-1, 1)))))
                reden = self.rng.choice(REDENEN)
            scores.append(
                VastgesteldeScore(
                    scan=scan, checkvraag=vraag, waarde=waarde, voorstel=voorstel, reden=reden
                )
            )
        VastgesteldeScore.objects.bulk_create(scores)
        Ambitie.objects.bulk_create(
            Ambitie(
                scan=scan,
                uitgangspunt=up,
                niveau=max(3, min(4, round(niveaus[up.sleutel] + 1)))
                if self.rng.random() < 0.85
                else 3,
            )
            for up in self.uitgangspunten
        )


def publiceer_demorondes(door=None) -> list[int]:
    """Publish the rondes of the demo periods that have none yet, each in the January after
    its period (as a rondebeheerder would); returns the periods published now."""
    from .vergelijken.publiceren import publiceer

    gedaan = []
    for periode in PERIODEN:
        if not Ronde.objects.filter(periode=periode).exists():
            publiceer(periode, door, nu=datetime(periode + 1, 1, 15, 10, 0, tzinfo=AMS))
            gedaan.append(periode)
    return gedaan


@transaction.atomic
def maak_demohistorie(
    demo_gemeente: Gemeente, coordinator=None, seed: int = 2026, rondebeheerder=None
) -> dict:
    """Create the history once, with the published rondes of its periods; returns counts of
    what exists (also when nothing was added)."""
    nieuwste = KaderVersie.objects.huidige()
    if nieuwste is None:
        raise ValueError("load a published framework version first")
    # The history on the first framework version, the open demo scan on the newest published.
    versie = KaderVersie.objects.exclude(status=KaderVersie.Status.CONCEPT).earliest("nummer")
    if Scan.objects.filter(gemeente=demo_gemeente).exists():
        _vul_demogemeente_aan(demo_gemeente, coordinator, seed)
        publiceer_demorondes(rondebeheerder)
        return _tellingen(demo_gemeente, nieuw=False)
    rng = random.Random(seed)
    bouwer = _Bouwer(rng, versie)
    sleutels = [up.sleutel for up in bouwer.uitgangspunten]

    for gemeente in _kies_gemeenten(rng, demo_gemeente.code):
        basis = {s: rng.uniform(1.6, 3.3) for s in sleutels}
        toestemming = rng.random() < 0.85
        for stap, periode in enumerate(PERIODEN):
            niveaus = {s: basis[s] + stap * rng.uniform(0.0, 0.4) for s in sleutels}
            bouwer.scan(gemeente, periode, niveaus, afgerond=True, toestemming=toestemming)

    niveaus = {s: rng.uniform(2.0, 3.0) - (0.8 if s in DEMO_FOCUS else 0) for s in sleutels}
    vorige = bouwer.scan(
        demo_gemeente, 2025, niveaus, afgerond=True, toestemming=True, door=coordinator, aantal=6
    )
    Respondent.objects.filter(scan=vorige).update(naam="")
    # Where it scores lowest the gemeente aims high: there its ontwikkelpunten and its focus.
    Ambitie.objects.filter(scan=vorige, uitgangspunt__sleutel__in=DEMO_FOCUS).update(niveau=4)
    open_bouwer = bouwer if nieuwste == versie else _Bouwer(rng, nieuwste)
    open_scan = open_bouwer.scan(
        demo_gemeente,
        2026,
        {up.sleutel: niveaus.get(up.sleutel, 2.5) + 0.2 for up in open_bouwer.uitgangspunten},
        afgerond=False,
        toestemming=False,
        door=coordinator,
        vorige=vorige,
        aantal=5,
        deels=2,
        niet_begonnen=1,
    )
    # The open scan's invitations carry names (as a coördinator would type them), matching
    # their perspective.
    namen = {
        "bestuur": "Wethouder Willemsen",
        "beleid": "Beleid Bakker",
        "uitvoering": "Toegang Tahiri",
        "inwoner": "Adviesraad Aydin",
        "ketenpartner": "Huisarts Hoekstra",
    }
    for respondent in open_scan.respondenten.select_related("perspectief"):
        respondent.naam = namen[respondent.perspectief.sleutel]
        respondent.save(update_fields=["naam"])
    neem_ambities_over(vorige, open_scan)  # by the uitgangspunt's key, as a coördinator would
    _vul_demogemeente_aan(demo_gemeente, coordinator, seed)
    publiceer_demorondes(rondebeheerder)
    return _tellingen(demo_gemeente, nieuw=True)


def _vul_demogemeente_aan(demo_gemeente, coordinator, seed: int) -> None:
    """Add what the demo's 2025 scan lacks: its finalised 2024 predecessor and a filled plan."""
    scan = demo_gemeente.scans.filter(periode=2025, status=Scan.Status.AFGEROND).first()
    if scan is None:
        return
    if scan.vorige_scan_id is None:
        # A generator of its own and no consent: the rest of the history and the rondes stay
        # as they were. A little lower than in 2025, most on the later focuspunten.
        bouwer = _Bouwer(random.Random(seed + 2024), scan.kaderversie)
        niveaus = {
            u.up.sleutel: (u.score or 2.5)
            - bouwer.rng.uniform(0.2, 0.7 if u.up.sleutel in DEMO_FOCUS else 0.4)
            for u in maak_spiegel(scan).uitgangspunten
        }
        eerder = bouwer.scan(
            demo_gemeente, 2024, niveaus, afgerond=True, toestemming=False, door=coordinator
        )
        Scan.objects.filter(pk=scan.pk).update(vorige_scan=eerder)
    if not Ontwikkelplan.objects.filter(scan=scan).exists():
        plan = Ontwikkelplan.objects.create(scan=scan, voorstel_aan_college=DEMO_VOORSTEL)
        ups = {up.sleutel: up for up in scan.kaderversie.uitgangspunten.all()}
        plan.focus.set([ups[s] for s in DEMO_FOCUS])
        hrs = {h.sleutel: h for h in scan.kaderversie.handreikingen.all()}
        Actie.objects.bulk_create(
            Actie(plan=plan, **dict(zip(ACTIEVELDEN, (ups[u], *t, hrs.get(h), st), strict=True)))
            for u, *t, h, st in DEMO_ACTIES
        )


def _tellingen(demo_gemeente, nieuw: bool) -> dict:
    scans = Scan.objects.all()
    return {
        "nieuw": nieuw,
        "gemeenten": scans.values("gemeente").distinct().count(),
        "afgerond": scans.filter(status=Scan.Status.AFGEROND).count(),
        "open": scans.filter(status=Scan.Status.OPEN).count(),
        "respondenten": Respondent.objects.count(),
        "antwoorden": Antwoord.objects.count(),
        "rondes": sorted(Ronde.objects.values_list("periode", flat=True)),
    }
