"""A coördinator turns the second step on from Mijn omgeving and off again, at desktop and
phone widths (390 and 320 px); axe-core finds nothing on these pages and nothing is wider than
the screen."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from ..factories import WACHTWOORD, coordinator
from ..otp import huidige_code


def _controleer(page, axe, naam):
    axe(page, naam)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), naam


@pytest.mark.parametrize("breedte", [1280, 390, 320])
def test_a_coordinator_turns_the_second_step_on_and_off(page, axe, kader, breedte):
    page.set_viewport_size({"width": breedte, "height": 900})
    user = coordinator(gebruiker__username=f"cor-{breedte}")
    page.goto(reverse("login"))
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("h1")).to_have_text("Mijn omgeving")
    blok = page.get_by_role("region", name="Inloggen in twee stappen")
    expect(blok).to_contain_text("staat uit")
    _controleer(page, axe, "Mijn omgeving, second step off")

    blok.get_by_role("link", name="Inloggen in twee stappen aanzetten").click()
    expect(page.locator("h1")).to_have_text("Inloggen in twee stappen instellen")
    expect(page.locator("main")).to_contain_text("beter beschermd")
    _controleer(page, axe, "set-up")
    device = TOTPDevice.objects.get(user=user)
    page.get_by_label("Code uit uw app").fill(huidige_code(device))
    page.get_by_role("button", name="App koppelen").click()
    expect(page.locator("h1")).to_have_text("Uw reservecodes")
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    expect(page.locator("h1")).to_have_text("Mijn omgeving")
    expect(blok).to_contain_text("Vanaf nu vraagt VIT bij elke keer inloggen")
    _controleer(page, axe, "Mijn omgeving, second step on")

    blok.get_by_role("link", name="Inloggen in twee stappen: reservecodes en app beheren").click()
    expect(page.locator("h1")).to_have_text("Inloggen in twee stappen")
    _controleer(page, axe, "overview for a coordinator")
    page.get_by_role("link", name="Inloggen in twee stappen uitzetten").click()
    expect(page.locator("h1")).to_have_text("Inloggen in twee stappen uitzetten")
    _controleer(page, axe, "turn off")
    page.get_by_role("button", name="Tweede stap uitzetten").click()
    veld = page.get_by_label("Code uit uw app of een reservecode")
    expect(veld).to_have_attribute("aria-invalid", "true")
    _controleer(page, axe, "turn off with an error")
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # the code may be reused in a test
    veld.fill(huidige_code(device))
    page.get_by_role("button", name="Tweede stap uitzetten").click()
    expect(page.locator("h1")).to_have_text("Mijn omgeving")
    expect(page.locator("main")).to_contain_text("Inloggen in twee stappen staat uit")
    assert not TOTPDevice.objects.filter(user=user).exists()
