"""The coördinator's scan pages on a phone: the list of scans and a scan with several invitations
fit a screen of 390 and 320 px (wide tables scroll inside their own region), pass axe-core, and
the actions per invitation can be reached and used with the keyboard."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments.vragenlijst.services import sla_antwoord_op

from ..factories import GemeenteFactory, ScanFactory, coordinator, uitnodiging
from .telefoon import SMAL, TELEFOON, past


def _tab_naar(page, knop, maximaal=80):
    """Press Tab until ``knop`` has the focus, as a keyboard user would."""
    for _ in range(maximaal):
        if knop.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail("The button cannot be reached with the Tab key")


def _binnen_beeld(page, knop, naam):
    vak = knop.bounding_box()
    breedte = page.evaluate("window.innerWidth")
    assert vak is not None, f"{naam} is not shown"
    assert vak["x"] >= 0 and vak["x"] + vak["width"] <= breedte, (
        f"{naam} runs from {vak['x']:.0f} to {vak['x'] + vak['width']:.0f}px at {breedte}px"
    )


@pytest.fixture
def stand(kader):
    """A scan with four invitations, one of them answered in part."""
    gemeente = GemeenteFactory(naam="Telefoonstad")
    coord = coordinator(gemeente)
    scan = ScanFactory(gemeente=gemeente, aangemaakt_door=coord, titel="Scan Telefoonstad 2026")
    ScanFactory(gemeente=gemeente, aangemaakt_door=coord, titel="Scan Telefoonstad 2025")
    vraag = kader.uitgangspunten.get(sleutel="UP1").checkvragen.order_by("volgorde").first()
    for i, perspectief in enumerate(["bestuur", "beleid", "uitvoering", "ketenpartner"]):
        respondent, _ = uitnodiging(
            scan,
            perspectief=perspectief,
            naam=f"Persoon met een lange naam {i}",
            email=f"persoon.met.een.lang.adres.{i}@telefoonstad.example.org",
        )
        if i == 0:
            sla_antwoord_op(respondent, vraag.pk, "3", "", 0)
    return {"scan": scan, "coord": coord}


def test_the_list_of_scans_fits_a_phone(page, axe, inloggen, stand):
    inloggen(stand["coord"])
    for maat in (TELEFOON, SMAL):
        page.set_viewport_size(maat)
        page.goto(reverse("scans:lijst"))
        region = page.get_by_role("region", name="Scans van uw gemeente")
        expect(region).to_have_attribute("tabindex", "0")
        expect(region.get_by_role("table", name="Scans van uw gemeente")).to_be_visible()
        expect(region).to_contain_text("Scan Telefoonstad 2025")
        axe(page, f"list of scans at {maat['width']} px")
    past(page, "list of scans")

    page.get_by_role("link", name="Scan Telefoonstad 2026").click()
    expect(page.locator("h1")).to_have_text("Scan Telefoonstad 2026")


@pytest.mark.parametrize("maat", [TELEFOON, SMAL], ids=["390", "320"])
def test_the_coordinator_manages_invitations_on_a_phone(page, axe, inloggen, stand, maat):
    scan = stand["scan"]
    inloggen(stand["coord"])
    page.set_viewport_size(maat)
    page.goto(reverse("scans:detail", args=[scan.pk]))
    tabel = page.get_by_role("region", name="Wie is uitgenodigd", exact=False)
    expect(tabel).to_have_attribute("tabindex", "0")
    expect(tabel.get_by_role("row")).to_have_count(5)
    axe(page, f"scan page at {maat['width']} px")
    past(page, "scan page")

    # A new link, chosen with the keyboard: the panel shows it once, and it fits the screen.
    nieuw = page.get_by_role("button", name="Nieuwe link voor Persoon met een lange naam 1")
    page.locator("h1").focus()
    _tab_naar(page, nieuw)
    _binnen_beeld(page, nieuw, "Nieuwe link")
    page.keyboard.press("Enter")
    paneel = page.get_by_role("region", name="Nieuwe link: kopieer nu")
    expect(paneel).to_be_visible()
    link = paneel.get_by_role("textbox", name="Link voor Persoon met een lange naam 1", exact=False)
    assert "/vragenlijst/" in link.input_value()
    _binnen_beeld(page, link, "the new link")
    axe(page, f"scan page with a new link at {maat['width']} px")
    past(page, "scan page with a new link")

    # Withdrawing a link, with the keyboard as well.
    intrekken = page.get_by_role("button", name="Link intrekken van Persoon met een lange naam 2")
    page.locator("h1").focus()
    _tab_naar(page, intrekken)
    _binnen_beeld(page, intrekken, "Link intrekken")
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_contain_text(
        "De link van Persoon met een lange naam 2 is ingetrokken."
    )
    expect(
        page.get_by_role("button", name="Link intrekken van Persoon met een lange naam 2")
    ).to_have_count(0)
    axe(page, f"scan page after withdrawing a link at {maat['width']} px")
    past(page, "scan page after withdrawing a link")


@pytest.mark.parametrize("maat", [TELEFOON, SMAL], ids=["390", "320"])
def test_afronden_without_the_checkbox_shows_a_linked_error(page, axe, stand, maat):
    """The respondent's side of the scan: forgetting the confirmation is a form error."""
    respondent, token = uitnodiging(stand["scan"], perspectief="inwoner", naam="Sam")
    page.set_viewport_size(maat)
    page.goto(reverse("vragenlijst:overzicht", args=[token]))
    page.get_by_role("button", name="Vragenlijst afronden").click()
    samenvatting = page.locator("[data-vit-foutoverzicht]")
    expect(samenvatting).to_be_focused()
    expect(samenvatting).to_contain_text("Vink aan dat u klaar bent")
    vinkje = page.get_by_role("checkbox", name="Ik ben klaar en wil mijn antwoorden afronden")
    expect(vinkje).to_have_accessible_description(re.compile("^Vink aan dat u klaar bent"))
    expect(vinkje).to_have_attribute("aria-invalid", "true")
    axe(page, f"overview with an error at {maat['width']} px")
    past(page, "overview with an error")

    # The link in the summary leads to the checkbox; ticked, the questionnaire is finished.
    samenvatting.get_by_role("link").click()
    expect(vinkje).to_be_focused()
    page.keyboard.press("Space")
    expect(vinkje).to_be_checked()
    page.get_by_role("button", name="Vragenlijst afronden").click()
    expect(page.get_by_text("U heeft de vragenlijst afgerond op")).to_be_visible()
    respondent.refresh_from_db()
    assert respondent.afgerond_op is not None
