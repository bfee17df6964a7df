from assessments.scoring import mediaan, voorstel


def test_weet_niet_and_nvt_do_not_count_as_zero():
    assert mediaan(["4", "weet_niet", "nvt", ""]) == 4.0
    assert voorstel(["4", "weet_niet", "nvt", "nvt"]) == "4"


def test_median_of_an_even_number_rounds_half_up():
    assert mediaan(["2", "3"]) == 2.5
    assert voorstel(["2", "3"]) == "3"
    assert voorstel(["1", "2", "2", "4"]) == "2"


def test_without_levels_the_proposal_is_nvt_only_when_most_say_so():
    assert voorstel(["nvt", "nvt", "weet_niet"]) == "nvt"
    assert voorstel(["nvt", "weet_niet"]) == ""
    assert voorstel([]) == ""
    assert mediaan([]) is None
