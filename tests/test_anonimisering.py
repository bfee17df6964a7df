"""Anonymised figures: property-based checks over random sets of scans."""

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.vergelijken.anonimisering import (
    Deelname,
    ScanFeit,
    aandelen_per_niveau,
    is_eenstemmig,
    kies_deelnames,
    samenvatting,
    uitsplitsen,
)

KLASSEN = ["tot-20000", "20000-50000", "50000-100000", "100000-plus"]
PROVINCIES = ["Groningen", "Fryslân", "Drenthe", "Utrecht", "Zeeland", "Limburg"]
PERIODEN = [2024, 2025]


@st.composite
def deelnames(draw):
    aantal = draw(st.integers(min_value=0, max_value=40))
    resultaat = []
    for i in range(aantal):
        klasse = draw(st.sampled_from(KLASSEN))
        provincie = draw(st.sampled_from(PROVINCIES))
        for periode in draw(st.sets(st.sampled_from(PERIODEN), min_size=1)):
            waarde = draw(st.integers(min_value=10, max_value=40)) / 10
            resultaat.append(Deelname(f"GM{i:04d}", periode, klasse, provincie, waarde))
    return resultaat


def _ware_aantallen(lijst, dimensie, periode):
    groepen = {}
    for d in lijst:
        if dimensie != "periode" and d.periode != periode:
            continue
        groep = "alle" if dimensie == "alle" else str(getattr(d, dimensie))
        groepen.setdefault(groep, set()).add(d.gemeente)
    return {groep: len(g) for groep, g in groepen.items()}


@settings(max_examples=300, deadline=None)
@given(
    lijst=deelnames(),
    dimensie=st.sampled_from(["alle", "grootteklasse", "provincie", "periode"]),
    k=st.integers(min_value=5, max_value=8),
)
def test_no_shown_figure_has_fewer_than_k_gemeenten_and_nothing_is_derivable(lijst, dimensie, k):
    uitsplitsing = uitsplitsen(lijst, dimensie, periode=2025, k=k, groepen=KLASSEN)
    waar = _ware_aantallen(lijst, dimensie, 2025)
    for cel in [uitsplitsing.totaal, *uitsplitsing.cellen]:
        if not cel.verborgen:
            assert cel.n >= k
            echt = sum(waar.values()) if cel.groep == "totaal" else waar[cel.groep]
            assert cel.n == echt
    for cel in uitsplitsing.cellen:
        # A group with fewer than k gemeenten shows nothing at all.
        if waar.get(cel.groep, 0) < k:
            assert cel.verborgen and cel.mediaan is None and cel.gemiddelde is None
    if not uitsplitsing.totaal.verborgen and uitsplitsing.cellen:
        # Total minus the shown cells leaves either nothing or at least k gemeenten.
        verborgen = sum(waar.get(c.groep, 0) for c in uitsplitsing.cellen if c.verborgen)
        assert verborgen == 0 or verborgen >= k
        getoond = sum(c.n for c in uitsplitsing.cellen if not c.verborgen)
        assert uitsplitsing.totaal.n - getoond == verborgen


@settings(max_examples=100, deadline=None)
@given(lijst=deelnames())
def test_the_breakdown_by_period_has_no_total(lijst):
    assert uitsplitsen(lijst, "periode", k=5).totaal.verborgen


def test_a_cell_shows_n_median_quartiles_and_mean_but_no_minimum_or_maximum():
    cel = samenvatting("groep", [1.0, 2.0, 2.5, 3.0, 4.0])
    assert (cel.n, cel.mediaan, cel.q1, cel.q3, cel.gemiddelde) == (5, 2.5, 2.0, 3.0, 2.5)
    assert not hasattr(cel, "minimum") and not hasattr(cel, "maximum")


def test_one_small_cell_hides_the_next_smallest_as_well():
    lijst = [Deelname(f"GM{i:04d}", 2025, "tot-20000", "Utrecht", 1 + i % 3) for i in range(3)]
    lijst += [Deelname(f"GM1{i:03d}", 2025, "20000-50000", "Utrecht", 1 + i % 3) for i in range(6)]
    lijst += [Deelname(f"GM2{i:03d}", 2025, "100000-plus", "Utrecht", 1 + i % 4) for i in range(9)]
    uitsplitsing = uitsplitsen(lijst, "grootteklasse", periode=2025, groepen=KLASSEN)
    cellen = {c.groep: c for c in uitsplitsing.cellen}
    assert cellen["tot-20000"].verborgen
    assert cellen["20000-50000"].verborgen  # otherwise 18 - 6 - 9 = 3 would be derivable
    assert cellen["100000-plus"].n == 9
    assert uitsplitsing.totaal.n == 18


def test_k_can_go_up_but_never_below_five():
    with pytest.raises(ValueError):
        uitsplitsen([], "alle", periode=2025, k=4)


def test_the_latest_finalised_scan_per_gemeente_and_period_counts_if_it_has_consent():
    t = datetime(2025, 6, 1)
    scans = [
        ScanFeit(1, "GM0001", 2025, True, True, t),
        ScanFeit(2, "GM0001", 2025, True, True, t + timedelta(days=3)),  # later: replaces 1
        ScanFeit(3, "GM0002", 2025, True, False, t),  # no consent
        ScanFeit(4, "GM0003", 2025, False, True, None),  # not finalised
        ScanFeit(5, "GM0001", 2024, True, True, t - timedelta(days=365)),
        ScanFeit(6, "GM0004", 2025, True, True, t),
        ScanFeit(7, "GM0004", 2025, True, False, t + timedelta(days=1)),  # latest says no
    ]
    assert kies_deelnames(scans) == {2, 5}


@settings(max_examples=300, deadline=None)
@given(niveaus=st.lists(st.integers(min_value=1, max_value=4), max_size=60))
def test_level_shares_are_whole_percentages_adding_up_to_100(niveaus):
    aandelen = aandelen_per_niveau([float(n) for n in niveaus])
    if not niveaus:
        assert aandelen == (0, 0, 0, 0)
        return
    assert sum(aandelen) == 100
    for niveau, aandeel in enumerate(aandelen, start=1):
        exact = 100 * niveaus.count(niveau) / len(niveaus)
        assert abs(aandeel - exact) < 1


@settings(max_examples=200, deadline=None)
@given(lijst=deelnames(), dimensie=st.sampled_from(["grootteklasse", "provincie", "periode"]))
def test_hidden_cells_carry_no_level_shares(lijst, dimensie):
    lijst = [
        Deelname(d.gemeente, d.periode, d.grootteklasse, d.provincie, float(round(d.waarde)))
        for d in lijst
    ]
    uitsplitsing = uitsplitsen(lijst, dimensie, periode=2025, groepen=KLASSEN, niveaus=True)
    for cel in [uitsplitsing.totaal, *uitsplitsing.cellen]:
        assert (cel.aandelen is None) == cel.verborgen


# --- homogeneity ---


def test_a_cell_where_all_but_one_chose_the_same_level_is_hidden():
    assert samenvatting("g", [3.0, 3.0, 3.0, 3.0, 1.0]).verborgen
    assert samenvatting("g", [3.0] * 6).verborgen
    assert not samenvatting("g", [3.0, 3.0, 3.0, 1.0, 2.0]).verborgen
    # Counts of participants have no values to hide.
    assert not samenvatting("g", [0.0] * 5, homogeniteit=False).verborgen


def _ware_waarden(lijst, dimensie, periode):
    groepen = {}
    for d in lijst:
        if d.periode != periode:
            continue
        groep = "alle" if dimensie == "alle" else str(getattr(d, dimensie))
        groepen.setdefault(groep, {})[d.gemeente] = d.waarde
    return {groep: list(w.values()) for groep, w in groepen.items()}


@settings(max_examples=300, deadline=None)
@given(
    lijst=deelnames(),
    dimensie=st.sampled_from(["grootteklasse", "provincie"]),
    k=st.integers(min_value=5, max_value=7),
)
def test_no_shown_or_derivable_group_is_homogeneous(lijst, dimensie, k):
    # Levels 1..4, as the fixed answers to a check-vraag.
    lijst = [
        Deelname(d.gemeente, d.periode, d.grootteklasse, d.provincie, float(round(d.waarde)))
        for d in lijst
    ]
    uitsplitsing = uitsplitsen(lijst, dimensie, periode=2025, k=k, groepen=KLASSEN, niveaus=True)
    waar = _ware_waarden(lijst, dimensie, 2025)
    alle = [w for waarden in waar.values() for w in waarden]
    if not uitsplitsing.totaal.verborgen:
        assert not is_eenstemmig(alle)
    for cel in uitsplitsing.cellen:
        if not cel.verborgen:
            assert not is_eenstemmig(waar[cel.groep]) and len(waar[cel.groep]) >= k
    if not uitsplitsing.totaal.verborgen:
        # The attack: the total minus the shown cells gives the hidden cells together, level
        # by level. That derived group must itself be one the rules would show.
        afgeleid = [w for c in uitsplitsing.cellen if c.verborgen for w in waar.get(c.groep, [])]
        assert not afgeleid or (len(afgeleid) >= k and not is_eenstemmig(afgeleid))
