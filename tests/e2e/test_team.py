"""The team page in the browser: the coördinator changes a role and takes someone out of the
team at 1280 and 390 px; every page passes axe-core and never scrolls sideways."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import Lidmaatschap

from ..factories import GemeenteFactory, UserFactory, coordinator, lezer
from .telefoon import past


def _past(page, naam):
    """No sideways scrolling of the page at its own width, nor at 320 px."""
    eigen = page.viewport_size
    for breedte in (eigen["width"], 320):
        page.set_viewport_size({"width": breedte, "height": eigen["height"]})
        breed = page.evaluate("document.documentElement.scrollWidth")
        assert breed <= page.evaluate("window.innerWidth"), (
            f"{naam} is {breed}px wide at {breedte}px"
        )
    page.set_viewport_size(eigen)


def _knoppen_in_beeld(page, regio):
    """Every button and link of the team list lies within the width of the screen."""
    breedte = page.evaluate("window.innerWidth")
    knoppen = regio.locator("button, a")
    assert knoppen.count() > 0
    for i in range(knoppen.count()):
        vak = knoppen.nth(i).bounding_box()
        assert vak["x"] >= 0 and vak["x"] + vak["width"] <= breedte, (
            f"{knoppen.nth(i).inner_text()} sticks out at {breedte} px"
        )


@pytest.mark.parametrize("breedte", [1280, 390])
def test_the_coordinator_changes_a_role_and_removes_a_member(page, axe, inloggen, breedte):
    page.set_viewport_size({"width": breedte, "height": 900})
    gemeente = GemeenteFactory(naam="Teamstad")
    coord = coordinator(
        gemeente,
        gebruiker=UserFactory(
            first_name="Carla", last_name="Coördinator", email="carla.coordinator@teamstad.example"
        ),
    )
    lezer(
        gemeente,
        gebruiker=UserFactory(
            first_name="Lars", last_name="Lezer-van-den-Berg", email="lars.lezer@teamstad.example"
        ),
    )
    lezer(gemeente, gebruiker=UserFactory(first_name="Wendy", last_name="Wethouder"))
    inloggen(coord)

    page.goto(reverse("mijn-omgeving"))
    page.get_by_role("link", name="Team Teamstad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team Teamstad")
    regio = page.get_by_role("region", name="Wie werkt in VIT voor Teamstad")
    expect(regio).to_be_visible()
    expect(regio).to_contain_text("nog nooit")
    expect(regio).to_contain_text("lars.lezer@teamstad.example")
    axe(page, "team")
    _past(page, "the team page")
    if breedte == 390:
        past(page, "the team page")  # 320 px, then 390 px
        _knoppen_in_beeld(page, regio)
        page.set_viewport_size({"width": 320, "height": 640})
        _knoppen_in_beeld(page, regio)
        page.set_viewport_size({"width": breedte, "height": 900})

    regio.get_by_role("button", name="Maak coördinator (Lars Lezer-van-den-Berg)").click()
    expect(page.get_by_role("status")).to_contain_text("Lars Lezer-van-den-Berg is nu coördinator.")
    expect(page.get_by_role("status")).to_be_in_viewport()
    expect(
        page.get_by_text(
            "Rol van Lars Lezer-van-den-Berg gewijzigd van lezer in coördinator, "
            "door Carla Coördinator."
        )
    ).to_be_visible()
    axe(page, "team after a role change")
    _past(page, "the team page after a role change")

    regio.get_by_role("link", name="Uit het team halen (Wendy Wethouder)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wendy Wethouder uit het team halen?")
    axe(page, "confirmation")
    _past(page, "the confirmation page")
    page.get_by_role("button", name="Ja, Wendy Wethouder uit het team halen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Wendy Wethouder staat niet meer in het team"
    )
    expect(regio).not_to_contain_text("Wendy Wethouder")
    axe(page, "team after a removal")
    _past(page, "the team page after a removal")

    # The last coördinator is protected: with two, demoting oneself works; the refusal is shown.
    regio.get_by_role("button", name="Maak lezer (Lars Lezer-van-den-Berg)").click()
    regio.get_by_role("button", name="Maak lezer (Carla Coördinator)").click()
    expect(page.get_by_role("alert")).to_contain_text("de enige coördinator van deze gemeente")
    axe(page, "team with a refusal")
    _past(page, "the team page with a refusal")
    assert Lidmaatschap.objects.filter(gemeente=gemeente, rol="coordinator").count() == 1


def test_the_lezer_sees_the_team_read_only_on_a_phone(page, axe, inloggen):
    page.set_viewport_size({"width": 390, "height": 900})
    gemeente = GemeenteFactory(naam="Leesstad")
    coordinator(
        gemeente,
        gebruiker=UserFactory(first_name="Carla", last_name="Coördinator", email="c@lees.example"),
    )
    lez = lezer(gemeente, gebruiker=UserFactory(first_name="Lars", last_name="Lezer"))
    inloggen(lez)
    page.goto(reverse("team:kiezen"))
    regio = page.get_by_role("region", name="Wie werkt in VIT voor Leesstad")
    expect(regio).to_contain_text("Carla Coördinator")
    expect(regio).not_to_contain_text("c@lees.example")
    expect(page.locator("main form")).to_have_count(0)
    axe(page, "team for a lezer")
    _past(page, "the team page of a lezer")
