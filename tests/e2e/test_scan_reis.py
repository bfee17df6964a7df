"""The whole journey of a scan in a real browser, with axe-core on every page of it."""

from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import Antwoord, Respondent, Scan, VastgesteldeScore
from principles.models import CheckVraag

from ..factories import GemeenteFactory, coordinator


def _beantwoord_pagina(page, waarde="3", toelichting=None):
    blokken = page.locator(".vit-question-block")
    for i in range(blokken.count()):
        blok = blokken.nth(i)
        blok.locator(f"input[type=radio][value='{waarde}']").check()
        if toelichting and i == 0:
            blok.locator("textarea").fill(toelichting)


def _nodig_uit(page, perspectief, naam):
    page.get_by_role("link", name="Iemand uitnodigen").click()
    page.get_by_label(perspectief).check()
    page.get_by_label("Naam").fill(naam)
    page.get_by_role("button", name="Uitnodiging maken").click()
    expect(page.locator(".vit-link-input")).to_have_count(1)
    return page.locator(".vit-link-input").input_value()


def test_a_scan_from_start_to_afronden(page, browser, axe, inloggen, kader, live_server):
    gemeente = GemeenteFactory(naam="Reisdorp")
    inloggen(coordinator(gemeente))

    # Start the scan; first show the form with an error.
    page.goto(reverse("scans:nieuw"))
    axe(page, "new scan")
    page.get_by_label("Titel").fill("")
    page.get_by_role("button", name="Scan starten").click()
    expect(page.get_by_label("Titel")).to_have_attribute("aria-invalid", "true")
    axe(page, "new scan with errors")
    page.get_by_label("Titel").fill("Verkenning toegang Reisdorp")
    page.get_by_role("button", name="Scan starten").click()
    expect(page.locator("h1")).to_have_text("Verkenning toegang Reisdorp")
    axe(page, "scan detail, empty")
    scan = Scan.objects.get()

    # Invite three people of different perspectives; once with a wrong e-mail address.
    page.get_by_role("link", name="Iemand uitnodigen").click()
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.get_by_role("button", name="Uitnodiging maken").click()
    expect(page.get_by_label("E-mailadres")).to_have_attribute("aria-invalid", "true")
    axe(page, "invite with errors")
    page.goto(reverse("scans:detail", args=[scan.pk]))
    links = {
        "bestuur": _nodig_uit(page, "Bestuur", "Wethouder Wit"),
        "uitvoering": _nodig_uit(page, "Uitvoering / toegang", "Toegang Tineke"),
        "inwoner": _nodig_uit(page, "Inwoner / cliëntvertegenwoordiging", "Adviesraad Ali"),
    }
    axe(page, "scan detail with a new link")
    assert Respondent.objects.filter(scan=scan).count() == 3

    uitgangspunten = list(kader.uitgangspunten.order_by("volgorde"))
    totaal = CheckVraag.objects.filter(uitgangspunt__versie=kader).count()

    # The uitvoering respondent answers half, in another browser, then stops.
    respondent_ctx = browser.new_context(locale="nl-NL")
    rp = respondent_ctx.new_page()
    rp.goto(links["uitvoering"])
    expect(rp.locator("h1")).to_have_text("Welkom bij de vragenlijst over de toegang")
    axe(rp, "respondent start")
    rp.get_by_role("link", name="Beginnen").click()
    for index, up in enumerate(uitgangspunten[:3]):
        expect(rp.locator("h1")).to_have_text(up.naam)
        if index == 0:
            axe(rp, "questionnaire page")
            # A too long explanation is refused with a message (bypassing the browser limit).
            rp.locator("textarea").first.evaluate("el => el.removeAttribute('maxlength')")
            rp.locator("textarea").first.fill("x" * 1001)
            rp.get_by_role("button", name="Opslaan en verder").click()
            expect(rp.get_by_role("alert").first).to_contain_text("Er is niets opgeslagen")
            axe(rp, "questionnaire page with errors")
            rp.locator("textarea").first.fill("")
        _beantwoord_pagina(rp, "2", toelichting="Lange wachttijden <script>alert(1)</script>")
        expect(rp.locator("#autosave-status")).to_contain_text("opgeslagen")
        rp.get_by_role("button", name="Opslaan en verder").click()
    respondent_ctx.close()
    uitvoering = Respondent.objects.get(naam="Toegang Tineke")
    beantwoord = Antwoord.objects.filter(respondent=uitvoering).exclude(waarde="").count()
    assert 0 < beantwoord < totaal

    # The coördinator sees progress (status, not answers).
    page.goto(reverse("scans:detail", args=[scan.pk]))
    expect(page.locator("main")).to_contain_text(f"{beantwoord} van {totaal}")
    expect(page.locator("main")).not_to_contain_text("Lange wachttijden")

    # Later, the same link resumes where she stopped, and she finishes.
    respondent_ctx = browser.new_context(locale="nl-NL")
    rp = respondent_ctx.new_page()
    rp.goto(links["uitvoering"])
    rp.get_by_role("link", name=f"Verder waar u was: {uitgangspunten[3].naam}").click()
    expect(rp.locator("h1")).to_have_text(uitgangspunten[3].naam)
    for _ in uitgangspunten[3:]:
        _beantwoord_pagina(rp, "2")
        rp.locator("button[name=actie]").first.click()
    expect(rp.locator("h1")).to_have_text("Overzicht van uw antwoorden")
    axe(rp, "respondent overview")
    rp.get_by_label("Ik ben klaar en wil mijn antwoorden afronden").check()
    rp.get_by_role("button", name="Vragenlijst afronden").click()
    expect(rp.get_by_role("status").first).to_contain_text("afgerond")
    axe(rp, "respondent overview, finished")
    respondent_ctx.close()

    # The two others answer everything in one go (one of them without JavaScript).
    for perspectief, waarde, js in (("bestuur", "4", True), ("inwoner", "2", False)):
        ctx = browser.new_context(locale="nl-NL", java_script_enabled=js)
        p = ctx.new_page()
        p.goto(links[perspectief])
        p.get_by_role("link", name="Beginnen").click()
        for _ in uitgangspunten:
            _beantwoord_pagina(p, waarde)
            p.locator("button[name=actie]").first.click()
        p.get_by_label("Ik ben klaar en wil mijn antwoorden afronden").check()
        p.get_by_role("button", name="Vragenlijst afronden").click()
        ctx.close()
    assert Respondent.objects.filter(scan=scan, afgerond_op__isnull=False).count() == 3
    assert Antwoord.objects.filter(respondent__scan=scan).exclude(waarde="").count() == 3 * totaal

    # Vaststellen: the proposal is the median (2); departing without a reason is refused.
    page.goto(reverse("scans:detail", args=[scan.pk]))
    axe(page, "scan detail, all answered")
    page.get_by_role("link", name="Naar het vaststellen per uitgangspunt").click()
    axe(page, "vaststellen overview")
    page.get_by_role("link", name=f"1. {uitgangspunten[0].korte_titel}").click()
    expect(page.locator("main")).to_contain_text("Lange wachttijden <script>alert(1)</script>")
    axe(page, "vaststellen page")
    eerste = page.locator("section.vit-vaststel").first
    eerste.get_by_label("4. ").check()
    page.get_by_label("3. ", exact=False).last.check()  # the ambition
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_role("alert").first).to_contain_text("Schrijf kort op waarom")
    axe(page, "vaststellen page with errors")
    page.locator("section.vit-vaststel").first.locator("textarea").fill("Bestuur ziet meer")
    page.locator("#ambitie-blok input[value='3']").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    for up in uitgangspunten[1:]:
        expect(page.locator("h1")).to_have_text(up.naam)
        page.locator("#ambitie-blok input[value='3']").check()
        page.locator("button[name=actie]").first.click()
    expect(page.locator("h1")).to_have_text("Gesprek en vaststellen")
    assert VastgesteldeScore.objects.filter(scan=scan).exclude(waarde="").count() == totaal

    # Afronden, with consent off by default.
    page.goto(reverse("scans:detail", args=[scan.pk]))
    page.get_by_label("Ik wil de scan afronden").check()
    page.get_by_role("button", name="Scan afronden").click()
    expect(page.get_by_role("status").first).to_contain_text("afgerond")
    axe(page, "finalised scan")
    scan.refresh_from_db()
    assert scan.status == Scan.Status.AFGEROND and not scan.toestemming_vergelijking
    page.get_by_role("button", name="Toestemming geven").click()
    scan.refresh_from_db()
    assert scan.toestemming_vergelijking
    page.goto(reverse("scans:lijst"))
    axe(page, "scan list")

    # The spiegel shows the fixed scores with charts and tables.
    page.goto(reverse("scans:spiegel", args=[scan.pk]))
    expect(page.locator("h1")).to_have_text("De spiegel")
    # Bars, radar and the perspectives side by side.
    expect(page.locator("svg[role=img]")).to_have_count(3)
    expect(page.locator("main")).to_contain_text("Lange wachttijden <script>alert(1)</script>")
    axe(page, "spiegel")

    # The ontwikkelplan: focus points and an action.
    page.get_by_role("link", name="Naar het ontwikkelplan").click()
    expect(page.locator("h1")).to_have_text("Ontwikkelplan")
    axe(page, "plan")
    for vakje in page.get_by_role("group", name="Focuspunten").get_by_role("checkbox").all():
        vakje.uncheck()
    page.get_by_label("1. Afstemming op alle leefgebieden").check()
    page.get_by_role("button", name="Focuspunten opslaan").click()
    expect(page.get_by_role("alert").first).to_contain_text("Kies twee of drie focuspunten")
    axe(page, "plan with errors")
    page.get_by_label("1. Afstemming op alle leefgebieden").check()
    page.get_by_label("6. ", exact=False).first.check()
    page.get_by_role("button", name="Focuspunten opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("opgeslagen")
    page.get_by_role("link", name="Actie toevoegen bij 1. Afstemming op alle leefgebieden").click()
    page.get_by_role("button", name="Opslaan").click()
    axe(page, "action with errors")
    page.get_by_label("Wat gaan we doen").fill("Vaste overlegtafel met huisartsen")
    page.get_by_label("Wie is eigenaar").fill("Teamleider toegang")
    page.get_by_label("Wanneer").fill("vóór 1 juni 2027")
    page.get_by_label("Waaraan zien we dat het gelukt is").fill(
        "Elke huisarts kent een vast contact"
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("Vaste overlegtafel met huisartsen")
    axe(page, "plan with an action")

    # The PDF for the college van B&W downloads from the spiegel.
    page.goto(reverse("scans:spiegel", args=[scan.pk]))
    with page.expect_download() as download:
        page.get_by_role("link", name="rapport voor het college (PDF)").click()
    inhoud = Path(download.value.path()).read_bytes()
    assert inhoud.startswith(b"%PDF") and len(inhoud) > 20_000
