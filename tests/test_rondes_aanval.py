"""The differencing attack, computed: random sequences of events (finalise, consent, withdraw,
publish, a new period), and after every event everything an analist and the coördinator of
each gemeente can see. No two observations of the same figure differ, so nothing can be
derived from several observations beyond what one shows; and every shown figure passes the k
and homogeneity rules on the true data behind it."""

from dataclasses import dataclass, field
from datetime import datetime
from statistics import median

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.models import Gemeente, Grootteklasse, Provincie, Scan, VastgesteldeScore
from assessments.vergelijken import analyse, anonimisering, publiceren
from assessments.vergelijken.anonimisering import is_eenstemmig
from principles.models import CheckVraag

from .factories import ScanFactory

pytestmark = pytest.mark.django_db

K = 5
PERIODEN = (2024, 2025, 2026)
# Twelve gemeenten: seven of one grootteklasse, five of another, over three provincies.
GEMEENTEN = [
    (
        f"GM8{i:03d}",
        30_000 + i if i < 7 else 8_000 + i,
        [Provincie.UTRECHT, Provincie.ZEELAND, Provincie.LIMBURG][i % 3],
    )
    for i in range(12)
]
UPS = ("UP1", "UP2")  # check-vragen observed for these two (all work alike)


# --- what the attacker sees ---


def _waarden(cel):
    return (cel.n, cel.mediaan, cel.q1, cel.q3, cel.gemiddelde, cel.aandelen)


def analist_ziet() -> dict:
    """Every figure on every analist page (the CSV holds the same tables)."""
    bron = publiceren.lees_bron()
    gezien = {}

    def noteer(pagina, keuze, tabellen):
        for tabel in tabellen:
            for rij in tabel.rijen:
                if not rij.cel.verborgen:
                    sleutel = (pagina, keuze.dimensie, keuze.periode, keuze.uitgangspunt)
                    gezien[(*sleutel, tabel.id, rij.label)] = _waarden(rij.cel)

    if not bron.perioden:
        return gezien
    for periode in bron.perioden:
        keuze = analyse.Keuze("alle", periode, None, bron.perioden)
        noteer("overzicht", keuze, analyse.overzicht(bron, keuze))
        for dimensie in ("alle", "grootteklasse", "provincie"):
            keuze = analyse.Keuze(dimensie, periode, None, bron.perioden)
            noteer("scores", keuze, analyse.scores(bron, keuze))
            for up in UPS:
                keuze = analyse.Keuze(dimensie, periode, up, bron.perioden)
                noteer("checkvragen", keuze, analyse.checkvragen(bron, keuze))
    for up in UPS:
        keuze = analyse.Keuze("periode", None, up, bron.perioden)
        noteer("checkvragen", keuze, analyse.checkvragen(bron, keuze))
    keuze = analyse.Keuze("periode", None, None, bron.perioden)
    noteer("ontwikkeling", keuze, analyse.ontwikkeling(bron, keuze))
    return gezien


def coordinator_ziet(gemeente: Gemeente) -> dict:
    """The comparison in the spiegel of every scan of the gemeente (as ``maak_spiegel`` reads
    it), keyed by the ronde it comes from."""
    gezien = {}
    for scan in Scan.objects.filter(gemeente=gemeente).select_related("gemeente"):
        ronde = publiceren.ronde_voor_scan(scan)
        for up, cel in publiceren.spiegelvergelijking(scan, ronde).items():
            if not cel.verborgen:
                gezien[(scan.periode, ronde.periode, up)] = _waarden(cel)
    return gezien


def verschilaanval(voor: dict, na: dict, k: int) -> list[str]:
    """What comparing two observations of the same figures gives away: for every figure shown
    both times with other values, the gemeenten that came or went (their number, the sum of
    their values, their levels). A result about fewer than k gemeenten, or about the same
    gemeenten with changed values, is a leak."""
    lekken = []
    for sleutel, a in voor.items():
        b = na.get(sleutel)
        if b is None:
            continue
        if a == b:
            continue
        n1, _, _, _, gem1, aandelen1 = a
        n2, _, _, _, gem2, aandelen2 = b
        verschil_n = n2 - n1
        # Means are shown with one decimal: the sum of the newcomers is known within this.
        verschil_som = round(n2 * (gem2 or 0) - n1 * (gem1 or 0), 2)
        marge = round(0.05 * (n1 + n2), 2)
        niveaus = None
        if aandelen1 and aandelen2:
            niveaus = [
                round(n2 * p2 / 100) - round(n1 * p1 / 100)
                for p1, p2 in zip(aandelen1, aandelen2, strict=True)
            ]
        if verschil_n == 0 or abs(verschil_n) < k:
            lekken.append(
                f"{sleutel}: {abs(verschil_n)} gemeente(n) met samen {verschil_som} ± {marge}"
                + (f", niveaus {niveaus}" if niveaus else "")
            )
    return lekken


def test_the_attack_recovers_a_gemeente_from_live_figures():
    """The attack is real: on figures computed live (as before rondes), one gemeente joining
    gives its exact score away to whoever looked before and after."""
    scores = [2.0, 2.5, 3.0, 3.5, 1.5, 2.0]
    niveaus = [1.0, 2.0, 2.0, 3.0, 4.0, 4.0]
    voor = {
        "UP1": _waarden(anonimisering.samenvatting("alle", scores)),
        "UP1-01": _waarden(anonimisering.samenvatting("alle", niveaus, niveaus=True)),
    }
    na = {
        "UP1": _waarden(anonimisering.samenvatting("alle", [*scores, 3.7])),
        "UP1-01": _waarden(anonimisering.samenvatting("alle", [*niveaus, 3.0], niveaus=True)),
    }
    score, niveau = verschilaanval(voor, na, K)
    # The score within a margin that holds the truth (3.7), the level exactly (3).
    som, marge = (float(x) for x in score.split("samen ")[1].split(" ± "))
    assert som - marge <= 3.7 <= som + marge and marge < 0.7
    assert niveau.endswith("niveaus [0, 0, 1, 0]")


# --- the world, and what truly lies behind each figure ---


@dataclass
class Wereld:
    nu: datetime
    gemeenten: dict
    # The truth per published period: {gemeente code: {up: level}} of the participants.
    deelnemers: dict = field(default_factory=dict)


def _afronden(wereld, code, periode, niveaus, toestemming):
    gemeente = wereld.gemeenten[code]
    scan = ScanFactory(gemeente=gemeente, periode=periode)
    vragen = CheckVraag.objects.filter(uitgangspunt__versie=scan.kaderversie).select_related(
        "uitgangspunt"
    )
    VastgesteldeScore.objects.bulk_create(
        VastgesteldeScore(
            scan=scan,
            checkvraag=v,
            waarde=str(niveaus[int(v.uitgangspunt.sleutel[2:]) - 1]),
            voorstel="",
        )
        for v in vragen
    )
    Scan.objects.filter(pk=scan.pk).update(
        status=Scan.Status.AFGEROND, afgerond_op=wereld.nu, toestemming_vergelijking=toestemming
    )


def _toestemming(wereld, code, periode, geven):
    scan = (
        Scan.objects.filter(gemeente__code=code, periode=periode, status=Scan.Status.AFGEROND)
        .order_by("-afgerond_op", "-pk")
        .first()
    )
    if scan is not None:
        Scan.objects.filter(pk=scan.pk).update(toestemming_vergelijking=geven)


def _waarheid(periode) -> dict:
    """Who takes part if ``periode`` is published now, and their levels (the test's own
    reading of the rules: finalised, consent, the latest scan per gemeente)."""
    laatste = {}
    for scan in Scan.objects.filter(periode=periode, status=Scan.Status.AFGEROND).order_by(
        "afgerond_op", "pk"
    ):
        laatste[scan.gemeente.code] = scan
    uit = {}
    for code, scan in laatste.items():
        if scan.toestemming_vergelijking:
            per_up = dict(
                VastgesteldeScore.objects.filter(scan=scan).values_list(
                    "checkvraag__uitgangspunt__sleutel", "waarde"
                )
            )
            uit[code] = {up: int(w) for up, w in per_up.items()}
    return uit


def _publiceren(wereld, periode):
    waarheid = _waarheid(periode)
    try:
        publiceren.publiceer(periode, None, nu=wereld.nu)
    except publiceren.NietPubliceerbaar:
        return
    wereld.deelnemers[periode] = waarheid


def _controleer_regels(wereld, analist):
    """Every shown figure of scores per uitgangspunt and levels per check-vraag rests on at
    least K participants of that group, not homogeneous, with the true median."""
    klassen = dict(Grootteklasse.choices)
    for (pagina, dimensie, periode, up_keuze, tabel_id, label), waarden in analist.items():
        if pagina not in ("scores", "checkvragen") or dimensie == "periode":
            continue
        deelnemers = wereld.deelnemers[periode]
        if pagina == "scores":
            if dimensie == "alle":
                continue  # one table with every part; checked through the breakdowns
            up = tabel_id.upper()
            if not up.startswith("UP"):
                continue
        else:
            up = up_keuze
        groep = {code: g for code, g in wereld.gemeenten.items() if code in deelnemers}
        if dimensie != "alle" and label != "Alle gemeenten":
            if dimensie == "grootteklasse":
                groep = {c: g for c, g in groep.items() if klassen[g.grootteklasse] == label}
            else:
                groep = {c: g for c, g in groep.items() if g.provincie == label}
        echt = [float(deelnemers[c][up]) for c in groep]
        n, mediaan = waarden[0], waarden[1]
        assert n == len(echt) >= K, (pagina, dimensie, periode, label)
        assert not is_eenstemmig(echt)
        assert mediaan == round(median(echt), 1)


def _controleer_spiegel(wereld, code, gezien):
    gemeente = wereld.gemeenten[code]
    for (_, ronde_periode, up), waarden in gezien.items():
        deelnemers = wereld.deelnemers[ronde_periode]
        anderen = [
            float(niveaus[up])
            for c, niveaus in deelnemers.items()
            if c != code and wereld.gemeenten[c].grootteklasse == gemeente.grootteklasse
        ]
        assert waarden[0] == len(anderen) >= K and not is_eenstemmig(anderen)


def _afronding(perioden=PERIODEN):
    return st.tuples(
        st.just("afronden"),
        st.sampled_from([g[0] for g in GEMEENTEN]),
        st.sampled_from(perioden),
        st.lists(st.integers(1, 4), min_size=7, max_size=7),
        st.sampled_from([True, True, True, False]),
    )


gebeurtenis = st.one_of(
    _afronding(),
    st.tuples(st.just("publiceren"), st.sampled_from(PERIODEN)),
    st.tuples(
        st.just("toestemming"),
        st.sampled_from([g[0] for g in GEMEENTEN]),
        st.sampled_from(PERIODEN),
        st.booleans(),
    ),
    st.tuples(st.just("publiceren"), st.sampled_from(PERIODEN)),
    st.tuples(st.just("nieuwe_periode")),
)


@pytest.fixture
def wereld(kader):
    gemeenten = {}
    for code, inwoners, provincie in GEMEENTEN:
        gemeenten[code] = Gemeente.objects.create(
            code=code, naam=f"Gemeente {code}", provincie=provincie, inwoners=inwoners
        )
    return gemeenten


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    # Every gemeente finalises a scan in 2024 and most in 2025, so that rondes get published.
    begin=st.lists(
        st.tuples(
            st.lists(st.integers(1, 4), min_size=7, max_size=7),
            st.sampled_from([True, True, True, False]),
            st.lists(st.integers(1, 4), min_size=7, max_size=7),
            st.sampled_from([True, True, True, True, False]),
        ),
        min_size=len(GEMEENTEN),
        max_size=len(GEMEENTEN),
    ),
    gebeurtenissen=st.lists(gebeurtenis, min_size=1, max_size=14),
)
def test_no_sequence_of_events_lets_anyone_derive_a_gemeente_by_looking_twice(
    wereld, begin, gebeurtenissen
):
    with transaction.atomic():
        w = Wereld(timezone.make_aware(datetime(2025, 2, 1, 12, 0)), wereld)
        observaties = []
        eerst = []
        for (code, _, _), (niveaus, ja, later, later_ja) in zip(GEMEENTEN, begin, strict=True):
            eerst.append(("afronden", code, 2024, niveaus, ja))
            if later_ja:  # most gemeenten also have a 2025 scan, with consent or without
                eerst.append(("afronden", code, 2025, later, ja))
        for stap in [*eerst, ("publiceren", 2024), *gebeurtenissen]:
            soort = stap[0]
            if soort == "afronden":
                _afronden(w, *stap[1:])
            elif soort == "toestemming":
                _toestemming(w, *stap[1:])
            elif soort == "publiceren":
                _publiceren(w, stap[1])
            else:
                w.nu = w.nu.replace(year=w.nu.year + 1)
            analist = analist_ziet()
            coordinatoren = {code: coordinator_ziet(g) for code, g in wereld.items()}
            _controleer_regels(w, analist)
            for code, gezien in coordinatoren.items():
                _controleer_spiegel(w, code, gezien)
            observaties.append((analist, coordinatoren))
        # The attack: every pair of observations, the analist's and each coördinator's.
        for i, (analist_a, coord_a) in enumerate(observaties):
            for analist_b, coord_b in observaties[i + 1 :]:
                assert verschilaanval(analist_a, analist_b, K) == []
                for code in wereld:
                    assert verschilaanval(coord_a[code], coord_b[code], K) == []
                # Stronger: a figure, once shown, never changes or disappears.
                assert all(analist_b.get(s) == v for s, v in analist_a.items())
        transaction.set_rollback(True)
