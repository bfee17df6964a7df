"""The content editor's path in the browser: log in with the second step, make a new version as a
copy, change a question, preview it, see what changed and publish; axe-core finds nothing on
any page on the way, and the preview fits a phone."""

from django.urls import reverse
from playwright.sync_api import expect

from principles.models import CheckVraag, KaderVersie

from ..factories import WACHTWOORD, inhoudsbeheerder
from ..otp import apparaat, huidige_code

NIEUWE_TEKST = "Onze visie op de toegang gaat over het hele huishouden en alle leefgebieden."


def _inloggen_met_tweede_stap(page, user):
    device = apparaat(user)
    page.goto(reverse("login"))
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("h1")).to_have_text("Tweede stap van het inloggen")
    page.get_by_label("Code uit uw app of een reservecode").fill(huidige_code(device))
    page.get_by_role("button", name="Controleren").click()
    expect(page.locator("h1")).to_have_text("Mijn omgeving")


def _past_op_het_scherm(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_editor_copies_edits_previews_compares_and_publishes(page, axe, kader):
    _inloggen_met_tweede_stap(page, inhoudsbeheerder(username="ineke-e2e"))
    kop = page.locator("#content h1")

    page.goto(reverse("admin:index"))
    expect(page.get_by_role("region", name="Het kader bewerken")).to_be_visible()
    axe(page, "admin start page")
    page.get_by_role("link", name="de kaderversies").click()
    expect(kop).to_have_text("Kies een kaderversie (concepten eerst)")
    axe(page, "version list")
    page.get_by_role("link", name="Versie 1 (gepubliceerd)").click()
    expect(kop).to_contain_text("Versie 1 (gepubliceerd)")
    expect(page.get_by_role("note", name="Status van deze versie")).to_contain_text(
        "Deze versie is gepubliceerd en kan niet meer worden gewijzigd"
    )
    axe(page, "published version")

    page.get_by_role("button", name="Nieuwe versie maken als kopie van deze versie").click()
    expect(kop).to_contain_text("Versie 2 (concept)")
    expect(page.locator(".messagelist")).to_contain_text("Versie 2 is gemaakt als concept")
    axe(page, "new concept version")

    page.get_by_role("link", name="Check-vragen bewerken").click()
    expect(kop).to_have_text("Check-vragen van versie 2 (concept)")
    axe(page, "questions of the concept")
    page.get_by_role("link", name="UP1-01", exact=True).click()
    expect(kop).to_have_text("Versie 2 (concept): check-vraag wijzigen")
    axe(page, "question of the concept")
    page.get_by_label("Tekst:", exact=True).fill(NIEUWE_TEKST)
    page.get_by_role("button", name="Opslaan en opnieuw bewerken").click()
    expect(page.locator(".messagelist")).to_contain_text("gewijzigd")
    kopie = KaderVersie.objects.get(nummer=2)
    assert CheckVraag.objects.get(uitgangspunt__versie=kopie, sleutel="UP1-01").tekst == (
        NIEUWE_TEKST
    )

    page.get_by_role("link", name="Voorbeeld voor respondenten").click()
    expect(kop).to_have_text("Versie 2 (concept): voorbeeld van check-vraag UP1-01")
    voorbeeld = page.locator(".vit-admin-voorbeeld")
    expect(voorbeeld.locator("legend")).to_contain_text(NIEUWE_TEKST)
    expect(voorbeeld.get_by_role("radio")).to_have_count(6)
    expect(voorbeeld).to_contain_text("1. Nog niet")
    axe(page, "preview")
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    assert _past_op_het_scherm(page), "the preview is wider than a phone"
    axe(page, "preview at 390 px")
    page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(reverse("admin:principles_kaderversie_change", args=[kopie.pk]))
    page.get_by_role("link", name="Wat is er veranderd ten opzichte van de vorige versie").click()
    expect(kop).to_have_text("Versie 2 (concept): wat is er veranderd")
    expect(page.locator("#content-main")).to_contain_text(
        "Check-vragen: 0 toegevoegd, 0 verwijderd, 1 gewijzigd"
    )
    expect(page.get_by_role("region", name="Wijzigingen in UP1-01")).to_contain_text(NIEUWE_TEKST)
    axe(page, "differences")

    page.get_by_role("link", name="Terug naar versie 2").click()
    page.get_by_role("link", name="Deze versie publiceren…").click()
    expect(kop).to_have_text("Versie 2 (concept) publiceren")
    expect(page.locator("#content-main")).to_contain_text("Nieuwe scans gebruiken vanaf dan")
    expect(page.locator("#content-main")).to_contain_text(NIEUWE_TEKST)
    axe(page, "publish confirmation")
    kopie.refresh_from_db()
    assert kopie.status == KaderVersie.Status.CONCEPT
    page.get_by_role("button", name="Ja, versie 2 publiceren").click()
    expect(page.locator(".messagelist")).to_contain_text("Versie 2 is gepubliceerd")
    expect(kop).to_contain_text("Versie 2 (gepubliceerd)")
    axe(page, "published new version")
    kopie.refresh_from_db()
    assert kopie.status == KaderVersie.Status.GEPUBLICEERD

    # The question is now frozen, and its page says so and why.
    vraag = CheckVraag.objects.get(uitgangspunt__versie=kopie, sleutel="UP1-01")
    page.goto(reverse("admin:principles_checkvraag_change", args=[vraag.pk]))
    expect(kop).to_have_text("Versie 2 (gepubliceerd): check-vraag bekijken")
    expect(page.get_by_role("note", name="Versie en status")).to_contain_text(
        "Deze versie is gepubliceerd en kan niet meer worden gewijzigd; "
        "maak een nieuwe versie als kopie."
    )
    expect(page.locator('textarea[name="tekst"]')).to_have_count(0)
    axe(page, "frozen question")


def test_the_editor_reads_the_history_follows_a_difference_and_adds_a_question(
    page, axe, inloggen, kader
):
    inloggen(inhoudsbeheerder(username="ineke-e2e-2", first_name="Ineke", last_name="Inhoud"))
    kopie = kader.maak_kopie()
    kop = page.locator("#content h1")
    vraag = CheckVraag.objects.get(uitgangspunt__versie=kopie, sleutel="UP1-01")
    page.goto(reverse("admin:principles_checkvraag_change", args=[vraag.pk]))
    page.get_by_label("Tekst:", exact=True).fill(NIEUWE_TEKST)
    page.get_by_role("button", name="Opslaan en opnieuw bewerken").click()

    page.get_by_role("link", name="Geschiedenis").click()
    expect(kop).to_have_text("Versie 2 (concept): geschiedenis van check-vraag UP1-01")
    wijziging = page.get_by_role("region", name="Ineke Inhoud · Gewijzigd: tekst")
    expect(wijziging).to_contain_text(NIEUWE_TEKST)
    expect(wijziging.get_by_role("columnheader")).to_have_text(["Veld", "Was", "Wordt"])
    axe(page, "history of a question")
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    assert _past_op_het_scherm(page), "the history is wider than a phone"
    axe(page, "history at 390 px")
    page.set_viewport_size({"width": 1280, "height": 800})

    # A change in the differences leads to the item's own page in the new version.
    page.goto(reverse("admin:principles_kaderversie_verschillen", args=[kopie.pk]))
    page.get_by_role("link", name="UP1-01: Onze visie").click()
    expect(kop).to_have_text("Versie 2 (concept): check-vraag wijzigen")
    assert page.url.endswith(reverse("admin:principles_checkvraag_change", args=[vraag.pk]))

    # Adding from the list of version 2 says so, and the new question lands in version 2.
    page.goto(reverse("admin:principles_checkvraag_changelist") + f"?versie={kopie.pk}")
    page.locator("#content-main").get_by_role("link", name="Check-vraag toevoegen").click()
    expect(kop).to_have_text("Versie 2 (concept): check-vraag toevoegen")
    expect(page.get_by_role("note", name="Versie en status")).to_contain_text(
        "Wat u hier toevoegt, hoort bij versie 2."
    )
    axe(page, "add a question")
    page.get_by_label("Uitgangspunt:").select_option(index=1)
    page.get_by_label("Vaste sleutel:").fill("UP1-09")
    page.locator("input[name=volgorde]").fill("9")
    page.locator("select[name=fase]").select_option(index=1)
    page.get_by_label("Tekst:", exact=True).fill("Een nieuwe vraag.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("toegevoegd")
    assert CheckVraag.objects.get(sleutel="UP1-09").uitgangspunt.versie == kopie

    # Adding to the published version is refused in plain words.
    page.goto(reverse("admin:principles_checkvraag_add") + f"?versie={kader.pk}")
    expect(page.locator(".messagelist")).to_contain_text(
        "Versie 1 is gepubliceerd en ligt vast: u kunt er geen check-vraag meer aan toevoegen."
    )
    axe(page, "adding refused")
