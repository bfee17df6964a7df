"""The spiegel and a comparison page on a phone: nothing sticks out sideways at 390 and 320
pixels, axe-core finds nothing, the table of contents takes you to its section and a group of
handreikingen opens with the keyboard."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ..factories import coordinator, vng_analist

BREEDTES = (390, 320)


@pytest.fixture
def amersfoort(kader, gemeenten):
    from assessments.demodata import maak_demohistorie
    from assessments.models import Gemeente

    gemeente = Gemeente.objects.get(code="GM0307")
    maak_demohistorie(gemeente)  # scans with answers, and the published rondes 2024 and 2025
    return gemeente


def _geen_overloop(page, breedte):
    page.set_viewport_size({"width": breedte, "height": 800})
    breed = page.evaluate("document.documentElement.scrollWidth")
    venster = page.evaluate("window.innerWidth")
    assert breed <= venster, f"{page.url} is {breed}px wide at {breedte}px"


def test_the_spiegel_on_a_phone(page, axe, amersfoort, inloggen):
    from assessments.models import Scan

    scan = Scan.objects.get(gemeente=amersfoort, periode=2025)
    inloggen(coordinator(amersfoort))
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(reverse("scans:spiegel", args=[scan.pk]))
    expect(page.locator("h1")).to_have_text("De spiegel")
    for breedte in BREEDTES:
        _geen_overloop(page, breedte)
    page.set_viewport_size({"width": 390, "height": 800})
    axe(page, "spiegel at 390px")

    # Every wide table scrolls in a region of its own that the keyboard reaches.
    regio = page.get_by_role("region", name="Score, ambitie en gat per uitgangspunt")
    expect(regio).to_have_attribute("tabindex", "0")
    regio.focus()
    expect(regio).to_be_focused()

    # The table of contents moves to the section, focus included.
    inhoud = page.get_by_role("navigation", name="Op deze pagina")
    inhoud.get_by_role("link", name="Gespreksagenda").click()
    kop = page.locator("#agenda-kop")
    expect(kop).to_be_focused()
    expect(kop).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 1000

    # A group of handreikingen is closed until it is opened with Enter.
    groep = page.locator("#hulp-kop ~ details").first
    expect(groep).not_to_have_attribute("open", "")
    link = groep.locator(".vit-resource a").first
    expect(link).to_be_hidden()
    groep.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(groep).to_have_attribute("open", "")
    expect(link).to_be_visible()
    _geen_overloop(page, 320)
    page.set_viewport_size({"width": 390, "height": 800})
    axe(page, "spiegel with a group opened")


def test_a_comparison_page_on_a_phone(page, axe, amersfoort, inloggen):
    inloggen(vng_analist(username="analist-telefoon"))
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(reverse("vergelijken:uitgangspunten") + "?dimensie=provincie&periode=2025")
    expect(page.locator("h1")).to_contain_text("Vergelijken: scores")
    # The hidden provinces are named in one sentence, not as rows of "afgeschermd".
    expect(page.locator(".vit-verborgen-rijen").first).to_contain_text("afgeschermd zijn:")
    expect(page.locator("main table").first).not_to_contain_text("afgeschermd")
    expect(page.get_by_role("link", name="Hoe de cijfers anoniem blijven")).to_be_visible()
    for breedte in BREEDTES:
        _geen_overloop(page, breedte)
    page.set_viewport_size({"width": 390, "height": 800})
    axe(page, "scores per provincie at 390px")

    page.goto(reverse("vergelijken:checkvragen") + "?uitgangspunt=UP1")
    for breedte in BREEDTES:
        _geen_overloop(page, breedte)
    page.set_viewport_size({"width": 390, "height": 800})
    axe(page, "check-vragen at 390px")
