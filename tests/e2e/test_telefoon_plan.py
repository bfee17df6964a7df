"""The ontwikkelplan and its action pages on a phone: nothing sticks out sideways and axe-core
finds no WCAG 2.1 A/AA violations, for the coördinator and for the lezer."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import Actie, Ambitie, Ontwikkelplan, VastgesteldeScore
from principles.models import CheckVraag

from ..factories import ScanFactory, coordinator, lezer

LANG = "Eén telefoonnummer voor alle vragen over zorg, werk, geld en wonen " * 4


@pytest.fixture
def scan(kader):
    scan = ScanFactory()
    for vraag in CheckVraag.objects.filter(uitgangspunt__versie=kader):
        laag = vraag.uitgangspunt.sleutel in ("UP1", "UP6")
        VastgesteldeScore.objects.create(scan=scan, checkvraag=vraag, waarde="1" if laag else "3")
    for up in kader.uitgangspunten.all():
        Ambitie.objects.create(scan=scan, uitgangspunt=up, niveau=4)
    ups = {up.sleutel: up for up in kader.uitgangspunten.all()}
    plan = Ontwikkelplan.objects.create(scan=scan, voorstel_aan_college="Het college besluit.")
    plan.focus.set([ups["UP1"], ups["UP6"]])
    for sleutel, tekst in [("UP6", LANG), ("UP1", "Keukentafel"), ("UP4", "Scholing")]:
        Actie.objects.create(
            plan=plan,
            uitgangspunt=ups[sleutel],
            omschrijving=tekst,
            eigenaar="Teamleider toegang en schuldhulpverlening",
            planning="eerste helft 2027",
            succescriterium="https://www.voorbeeld.nl/een-heel-lang-adres-zonder-spaties-erin",
            handreiking=ups[sleutel].handreikingen.order_by("titel").first(),
        )
    return scan


def _past(page, naam):
    breedte = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert breedte[0] <= breedte[1], f"{naam}: page is {breedte[0]} px wide in {breedte[1]} px"


@pytest.mark.parametrize("breedte", [390, 320])
def test_plan_and_action_pages_fit_a_phone_and_pass_axe(page, axe, inloggen, scan, breedte):
    page.set_viewport_size({"width": breedte, "height": 844})
    inloggen(coordinator(scan.gemeente))
    page.goto(reverse("scans:plan", args=[scan.pk]))
    expect(page.locator("h1")).to_have_text("Ontwikkelplan")
    koppen = page.locator("main h2").all_inner_texts()
    assert koppen[:3] == [
        "Stap 1: Focuspunten",
        "Stap 2: Acties per focuspunt",
        "Stap 3: Voorstel aan het college",
    ]
    expect(page.locator("#overige-acties")).to_contain_text("Scholing")
    _past(page, "plan")
    axe(page, f"plan at {breedte} px")

    # The focus form, opened from its summary, with an error.
    page.get_by_text("Focuspunten wijzigen").click()
    page.get_by_label("6. ", exact=False).first.uncheck()
    page.get_by_role("button", name="Focuspunten opslaan").click()
    expect(page.get_by_role("alert").first).to_contain_text("Kies twee of drie focuspunten")
    _past(page, "plan with an error")
    axe(page, f"plan with an error at {breedte} px")

    # Adding an action from within a focuspunt: that focuspunt is chosen, errors first.
    page.goto(reverse("scans:plan", args=[scan.pk]))
    page.get_by_role("link", name="Actie toevoegen bij 6. Transparantie en eenvoud").click()
    expect(page.locator("h1")).to_have_text("Actie toevoegen")
    expect(page.get_by_label("6. Transparantie en eenvoud")).to_be_checked()
    _past(page, "new action")
    axe(page, f"new action at {breedte} px")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    _past(page, "new action with errors")
    axe(page, f"new action with errors at {breedte} px")
    page.get_by_label("Wat gaan we doen").fill("Brieven in eenvoudige taal")
    page.get_by_label("Wie is eigenaar").fill("Beleidsadviseur Wmo")
    page.get_by_label("Wanneer").fill("tweede helft 2027")
    page.get_by_label("Waaraan zien we dat het gelukt is").fill("De adviesraad keurt ze goed")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("De actie is toegevoegd")
    up6 = scan.kaderversie.uitgangspunten.get(sleutel="UP6")
    expect(page.locator(f"#up-{up6.pk}")).to_contain_text("Brieven in eenvoudige taal")

    # Editing the action whose uitgangspunt is no longer a focuspunt.
    page.goto(reverse("scans:plan", args=[scan.pk]))
    page.locator("#overige-acties").get_by_role("link", name="Wijzigen").click()
    expect(page.locator("h1")).to_have_text("Actie wijzigen")
    expect(page.get_by_label("geen focuspunt meer", exact=False)).to_be_checked()
    _past(page, "edit action")
    axe(page, f"edit action at {breedte} px")


def test_the_lezer_reads_the_plan_on_a_phone(page, axe, inloggen, scan):
    page.set_viewport_size({"width": 390, "height": 844})
    inloggen(lezer(scan.gemeente))
    page.goto(reverse("scans:plan", args=[scan.pk]))
    expect(page.locator("main")).to_contain_text("Het college besluit.")
    expect(page.get_by_role("link", name="Actie toevoegen", exact=False)).to_have_count(0)
    expect(page.get_by_role("button", name="Focuspunten opslaan")).to_have_count(0)
    _past(page, "plan for the lezer")
    axe(page, "plan for the lezer at 390 px")
