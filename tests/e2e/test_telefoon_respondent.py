"""The respondent's questionnaire on a phone (390 px, and 320 px for overflow): nothing sticks
out sideways, axe finds nothing, the level explanations open with one tap or Enter, the save
state appears beside the question, and after a page change the focus is on the heading."""

import re

from playwright.sync_api import expect

from ..factories import ScanFactory, uitnodiging
from .telefoon import TELEFOON, past


def _focus(page):
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName, id: e.id, tekst: e.textContent.trim()}; }"
    )


def test_start_page_fits_a_phone_and_beginnen_puts_the_focus_on_the_first_heading(page, axe, kader):
    scan = ScanFactory()
    _, token = uitnodiging(scan, naam="Sam de Vries")
    page.set_viewport_size(TELEFOON)
    page.goto(f"/vragenlijst/{token}/")
    past(page, "start page")
    axe(page, "start page on a phone")
    # Opened from the e-mail: the browser starts at the top (the skip link), not at the h1.
    assert _focus(page)["tag"] == "BODY"

    page.get_by_role("link", name="Beginnen").click()
    expect(page).to_have_url(re.compile(r"/up1/$"))
    up1 = kader.uitgangspunten.get(sleutel="UP1")
    assert _focus(page) == {"tag": "H1", "id": "kop", "tekst": up1.naam}


def test_a_question_page_on_a_phone(page, axe, kader):
    from assessments.models import Antwoord

    scan = ScanFactory()
    respondent, token = uitnodiging(scan)
    niveau = kader.antwoordniveaus.get(waarde=3)
    page.set_viewport_size(TELEFOON)
    page.goto(f"/vragenlijst/{token}/up1/")
    past(page, "question page")
    axe(page, "question page on a phone")

    vraag = page.locator("[data-vraag]").first
    # The option shows the short label; what the level means waits behind one tap.
    expect(vraag.get_by_label(f"3. {niveau.label}", exact=True)).to_be_visible()
    uitleg = vraag.locator("details.vit-scale-help")
    expect(uitleg.get_by_text(niveau.omschrijving)).to_be_hidden()
    uitleg.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(uitleg.get_by_text(niveau.omschrijving)).to_be_visible()
    axe(page, "question page with the levels opened")
    uitleg.locator("summary").click()  # one tap closes it again
    expect(uitleg.get_by_text(niveau.omschrijving)).to_be_hidden()
    tweede = page.locator("[data-vraag]").nth(1).locator("details.vit-scale-help")
    tweede.locator("summary").click()  # one tap opens the levels of another question
    expect(tweede.get_by_text(niveau.omschrijving)).to_be_visible()

    # Choosing an answer: the state appears in the live region of that question itself.
    vraag.get_by_label(f"3. {niveau.label}", exact=True).check()
    status = vraag.get_by_role("status")
    expect(status).to_have_text(re.compile(r"^Opgeslagen om \d\d:\d\d$"))
    expect(page.locator("[data-vraag]").nth(1).get_by_role("status")).to_have_text("")
    assert (
        Antwoord.objects.get(
            respondent=respondent, checkvraag_id=vraag.get_attribute("data-vraag")
        ).waarde
        == "3"
    )
    past(page, "question page after saving")
    axe(page, "question page after an autosave")

    # "Opslaan en verder": the next page starts at its heading, with the saved message.
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page).to_have_url(re.compile(r"/up2/$"))
    up1, up2 = kader.uitgangspunten.get(sleutel="UP1"), kader.uitgangspunten.get(sleutel="UP2")
    assert _focus(page) == {"tag": "H1", "id": "kop", "tekst": up2.naam}
    beschrijving = page.locator("#kop").get_attribute("aria-describedby")
    expect(page.locator(f"#{beschrijving}")).to_contain_text(f"Uw antwoorden bij '{up1.naam}'")
    # A reload is no page change: the browser's own start again.
    page.reload()
    assert _focus(page)["tag"] == "BODY"


def test_an_error_keeps_the_focus_on_the_error_summary(page, axe, kader):
    scan = ScanFactory()
    _, token = uitnodiging(scan)
    page.set_viewport_size(TELEFOON)
    page.goto(f"/vragenlijst/{token}/up1/")
    vraag = page.locator("[data-vraag]").first
    # The browser stops typing at the limit; a pasted text from an old browser does not.
    vraag.locator("textarea").evaluate("e => e.removeAttribute('maxlength')")
    vraag.locator("textarea").fill("x" * 1001)
    # The autosave refuses it too, beside the question.
    expect(vraag.get_by_role("status")).to_contain_text("Niet opgeslagen: De toelichting is 1001")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.locator("[data-vit-foutoverzicht]")).to_be_focused()
    expect(page.locator("[data-vit-foutoverzicht]")).to_contain_text("Vraag 1:")
    past(page, "question page with an error")
    axe(page, "question page with an error on a phone")


def test_overview_afronden_and_the_finished_pages_fit_a_phone(page, axe, kader):
    scan = ScanFactory()
    respondent, token = uitnodiging(scan)
    page.set_viewport_size(TELEFOON)
    page.goto(f"/vragenlijst/{token}/up1/")
    page.get_by_role("button", name="Opslaan en naar het overzicht").last.click()
    expect(page).to_have_url(re.compile(r"/overzicht/$"))
    assert _focus(page) == {"tag": "H1", "id": "kop", "tekst": "Overzicht van uw antwoorden"}
    past(page, "overview")
    axe(page, "overview on a phone")

    page.get_by_label("Ik ben klaar en wil mijn antwoorden afronden").check()
    page.get_by_role("button", name="Vragenlijst afronden").click()
    expect(page.get_by_text("U heeft de vragenlijst afgerond op")).to_be_visible()
    assert _focus(page)["id"] == "kop"
    beschrijving = page.locator("#kop").get_attribute("aria-describedby")
    expect(page.locator(f"#{beschrijving}")).to_contain_text("Uw antwoorden zijn afgerond")
    past(page, "finished overview")
    axe(page, "finished overview on a phone")

    up2 = kader.uitgangspunten.get(sleutel="UP2")
    page.get_by_role("link", name=up2.naam).click()
    assert _focus(page) == {"tag": "H1", "id": "kop", "tekst": up2.naam}
    expect(page.get_by_text("Deze vragenlijst is afgerond")).to_be_visible()
    # The answers are shown as text: no options that can no longer be chosen.
    expect(page.locator("main input, main textarea")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Uw antwoord: Niet beantwoord")
    page.locator("details.vit-scale-help summary").first.click()
    expect(page.locator("details.vit-scale-help").first).to_have_attribute("open", "")
    past(page, "finished question page")
    axe(page, "finished question page on a phone")

    page.goto(f"/vragenlijst/{token}/")
    past(page, "finished start page")
    axe(page, "finished start page on a phone")
    respondent.refresh_from_db()
    assert respondent.afgerond_op is not None


def test_the_invalid_link_page_fits_a_phone(page, axe, kader):
    page.set_viewport_size(TELEFOON)
    page.goto("/vragenlijst/geen-geldige-link/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet (meer)")
    past(page, "invalid link page")
    axe(page, "invalid link page on a phone")


def test_a_slow_save_says_so_beside_the_question_until_it_is_stored(page, kader):
    from assessments.models import Antwoord

    scan = ScanFactory()
    respondent, token = uitnodiging(scan)
    wachtend = []

    def vasthouden(route):
        wachtend.append(route)  # held until the test lets it through

    page.route("**/antwoord/", vasthouden)
    page.set_viewport_size(TELEFOON)
    page.goto(f"/vragenlijst/{token}/up1/")
    vraag = page.locator("[data-vraag]").nth(2)
    vraag.locator("input[type=radio][value='nvt']").check()
    expect(vraag.get_by_role("status")).to_have_text("Bezig met opslaan…")
    # Typing meanwhile changes nothing in the live region; it is saved after the first save.
    vraag.locator("textarea").press_sequentially("Past niet bij ons")
    page.wait_for_timeout(1_600)
    expect(vraag.get_by_role("status")).to_have_text("Bezig met opslaan…")
    assert len(wachtend) == 1
    wachtend[0].continue_()
    page.unroute("**/antwoord/")
    expect(vraag.get_by_role("status")).to_have_text(re.compile(r"^Opgeslagen om "))
    for _ in range(50):
        antwoord = Antwoord.objects.filter(
            respondent=respondent, checkvraag_id=vraag.get_attribute("data-vraag")
        ).first()
        if antwoord and antwoord.toelichting:
            break
        page.wait_for_timeout(200)
    assert (antwoord.waarde, antwoord.toelichting) == ("nvt", "Past niet bij ons")
