"""Scoring by hand-computed examples."""

import pytest

from assessments.scoring import (
    basisfunctionaliteit_score,
    gat,
    mediaan,
    percentage_ambitie_bereikt,
    spreiding,
    uitgangspunt_score,
    verandering,
    voorstel,
)


def test_weet_niet_and_nvt_do_not_count_as_zero():
    assert mediaan(["4", "weet_niet", "nvt", ""]) == 4.0
    assert voorstel(["4", "weet_niet", "nvt", "nvt"]) == "4"
    # (3 + 4) / 2 = 3.5: the two non-answers would pull a mean that counted them to 1.75.
    assert uitgangspunt_score(["3", "4", "weet_niet", "nvt"]).score == 3.5


def test_median_of_an_even_number_rounds_half_up():
    assert mediaan(["2", "3"]) == 2.5
    assert voorstel(["2", "3"]) == "3"
    assert voorstel(["1", "2", "2", "4"]) == "2"


def test_without_levels_the_proposal_is_nvt_only_when_most_say_so():
    assert voorstel(["nvt", "nvt", "weet_niet"]) == "nvt"
    assert voorstel(["nvt", "weet_niet"]) == ""
    assert voorstel([]) == ""
    assert mediaan([]) is None


def test_coverage_counts_only_questions_that_apply():
    # 5 questions, 1 n.v.t. -> 4 apply; 2 have a level -> coverage 0.5, just enough.
    uitslag = uitgangspunt_score(["2", "3", "weet_niet", "", "nvt"])
    assert (uitslag.beantwoord, uitslag.van_toepassing) == (2, 4)
    assert uitslag.dekking == 0.5
    assert uitslag.score == 2.5


def test_too_little_coverage_is_onvoldoende_beantwoord():
    uitslag = uitgangspunt_score(["4", "weet_niet", "weet_niet", ""])
    assert uitslag.dekking == 0.25
    assert uitslag.onvoldoende_beantwoord and uitslag.score is None
    assert uitgangspunt_score(["nvt", "nvt"]).onvoldoende_beantwoord


def test_uitgangspunt_score_is_rounded_to_one_decimal():
    assert uitgangspunt_score(["1", "2", "2"]).score == 1.7


def test_basisfunctionaliteit_is_the_mean_of_its_uitgangspunten_with_a_score():
    assert basisfunctionaliteit_score([2.0, 3.5, None]) == 2.8  # (2 + 3.5) / 2 = 2.75
    assert basisfunctionaliteit_score([None]) is None


def test_spread_between_perspectives():
    assert spreiding({"bestuur": 3.5, "inwoner": 1.5, "beleid": None}) == 2.0
    assert spreiding({"bestuur": 3.5}) is None


def test_gap_is_never_negative():
    assert gat(2.4, 4) == 1.6
    assert gat(3.8, 3) == 0.0
    assert gat(None, 3) is None


def test_percentage_of_ambition_reached():
    # gaps: 1.0 (2 vs 3) + 0 (4 vs 3) + 2.0 (2 vs 4) = 3.0; ambitions 3 + 3 + 4 = 10 -> 70 %.
    assert (
        percentage_ambitie_bereikt([(2.0, 3), (4.0, 3), (2.0, 4), (None, 4), (3.0, None)]) == 70.0
    )
    assert percentage_ambitie_bereikt([(None, 3)]) is None


def test_change_compares_only_keys_present_in_both_scans():
    nu = {"UP1": 3.0, "UP2": 2.5, "UP8": 4.0, "UP3": None}
    vorige = {"UP1": 2.5, "UP2": 3.0, "UP3": 2.0, "UP9": 1.0}
    assert verandering(nu, vorige) == {"UP1": 0.5, "UP2": -0.5}


@pytest.mark.parametrize("waarden", [["1"], ["4", "4"], ["1", "2", "3", "4"]])
def test_scores_stay_within_the_scale(waarden):
    assert 1 <= uitgangspunt_score(waarden).score <= 4


def test_scores_are_always_shown_with_a_decimal():
    assert repr(uitgangspunt_score(["3", "3"]).score) == "3.0"
    assert repr(basisfunctionaliteit_score([3, 3])) == "3.0"
    assert repr(gat(3.0, 4)) == "1.0"
