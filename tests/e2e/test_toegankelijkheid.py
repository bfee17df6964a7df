"""axe-core finds no WCAG 2.1 A/AA violations on any page a person can reach."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

from principles.models import CheckVraag

from ..factories import UserFactory, coordinator, inhoudsbeheerder, lezer, vng_analist

PUBLIEKE_PAGINAS = [
    ("home", "Verkenninginstrument Toegang"),
    ("principles:kader", "Het kader voor de toegang"),
    ("principles:handreikingen", "Handreikingen, tips en voorbeelden"),
    ("principles:begrippen", "Begrippen"),
    ("toegankelijkheid", "Toegankelijkheid"),
    ("privacy", "Privacy"),
    ("login", "Inloggen"),
    ("password_reset", "Wachtwoord vergeten"),
    ("password_reset_done", "Kijk in uw e-mail"),
    ("password_reset_complete", "Uw wachtwoord is ingesteld"),
]


@pytest.mark.parametrize(("naam", "kop"), PUBLIEKE_PAGINAS)
def test_public_page_is_accessible(page, axe, kader, naam, kop):
    page.goto(reverse(naam))
    expect(page.locator("h1")).to_have_text(kop)
    expect(page).to_have_title(re.compile(r".+ – VIT$"))
    axe(page)


def test_every_uitgangspunt_page_is_accessible(page, axe, kader):
    for up in kader.uitgangspunten.order_by("volgorde"):
        page.goto(up.get_absolute_url())
        expect(page.locator("h1")).to_have_text(up.naam)
        axe(page, up.sleutel)


def test_filtered_handreikingen_and_404_pages_are_accessible(page, axe, kader):
    page.goto(reverse("principles:handreikingen") + "?soort=tip")
    axe(page)
    page.goto("/bestaat-niet/")
    expect(page.locator("h1")).to_have_text("Pagina niet gevonden")
    axe(page)


def test_login_with_errors_is_accessible_and_errors_are_linked(page, axe, kader):
    page.goto(reverse("login"))
    page.get_by_role("button", name="Inloggen").click()
    veld = page.get_by_label("Gebruikersnaam")
    expect(veld).to_have_attribute("aria-invalid", "true")
    fout_id = veld.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"#{fout_id}")).to_contain_text("verplicht")
    axe(page, "login with errors")
    page.get_by_label("Gebruikersnaam").fill("iemand")
    page.get_by_label("Wachtwoord").fill("fout-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert").first).to_contain_text("klopt niet")
    axe(page, "login with a wrong password")


def test_password_reset_pages_with_errors_and_links_are_accessible(page, axe, kader):
    page.goto(reverse("password_reset"))
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.get_by_role("button", name="Link versturen").click()
    expect(page.get_by_label("E-mailadres")).to_have_attribute("aria-invalid", "true")
    axe(page, "reset form with error")

    user = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    page.goto(reverse("password_reset_confirm", args=[uid, token]))
    expect(page.locator("h1")).to_have_text("Nieuw wachtwoord instellen")
    axe(page, "set password")
    page.get_by_label("Nieuw wachtwoord", exact=True).fill("kort")
    page.get_by_label("Herhaal het nieuwe wachtwoord").fill("anders")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_label("Herhaal het nieuwe wachtwoord")).to_have_attribute(
        "aria-invalid", "true"
    )
    axe(page, "set password with errors")
    page.goto(reverse("password_reset_confirm", args=[uid, "ongeldig-token"]))
    expect(page.locator("main")).to_contain_text("Deze link werkt niet meer")
    axe(page, "invalid reset link")


def test_lockout_page_is_accessible(page, axe, kader):
    user = UserFactory()
    page.goto(reverse("login"))
    for _ in range(5):
        page.get_by_label("Gebruikersnaam").fill(user.username)
        page.get_by_label("Wachtwoord").fill("fout")
        page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("h1")).to_have_text("Inloggen tijdelijk geblokkeerd")
    axe(page, "lockout")


@pytest.mark.parametrize("maak", [coordinator, lezer, vng_analist, inhoudsbeheerder])
def test_mijn_omgeving_is_accessible_for_every_role(page, axe, inloggen, kader, maak):
    inloggen(maak())
    page.goto(reverse("mijn-omgeving"))
    expect(page.locator("h1")).to_have_text("Mijn omgeving")
    axe(page)


def test_content_admin_pages_are_accessible(page, axe, inloggen, kader):
    inloggen(inhoudsbeheerder())
    kopie = kader.maak_kopie()
    vraag = CheckVraag.objects.filter(uitgangspunt__versie=kader).first()
    concept_vraag = CheckVraag.objects.get(uitgangspunt__versie=kopie, sleutel=vraag.sleutel)
    for url in [
        reverse("admin:index"),
        reverse("admin:principles_kaderversie_changelist"),
        reverse("admin:principles_checkvraag_changelist"),
        reverse("admin:principles_checkvraag_change", args=[vraag.pk]),
        reverse("admin:principles_checkvraag_change", args=[concept_vraag.pk]),
        reverse("admin:principles_uitgangspunt_change", args=[concept_vraag.uitgangspunt_id]),
        reverse("admin:principles_handreiking_changelist"),
    ]:
        page.goto(url)
        expect(page.locator("#site-name")).to_have_text("VIT beheer")
        axe(page, url)


def test_admin_login_page_is_accessible(page, axe, kader):
    page.goto(reverse("admin:login"))
    expect(page.locator("#id_username")).to_be_visible()
    axe(page)


def test_refusal_pages_are_accessible(page, axe, inloggen, kader):
    page.goto(reverse("vragenlijst:start", args=["een-link-die-niet-bestaat-" + "x" * 20]))
    expect(page.locator("h1")).to_have_text("Deze link werkt niet (meer)")
    axe(page, "invalid questionnaire link")

    page.goto(reverse("login"))
    page.context.clear_cookies()
    page.get_by_label("Gebruikersnaam").fill("iemand")
    page.get_by_label("Wachtwoord").fill("iets")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("h1")).to_have_text("Het formulier is niet verwerkt")
    axe(page, "refused form (CSRF)")

    from ..factories import ScanFactory

    scan = ScanFactory()
    inloggen(lezer(scan.gemeente))
    page.goto(reverse("scans:uitnodigen", args=[scan.pk]))
    expect(page.locator("h1")).to_have_text("Geen toegang")
    axe(page, "403")
