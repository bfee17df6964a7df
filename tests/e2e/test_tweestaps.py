"""Two-step verification in the browser: setting up the app, backup codes, the second step;
axe-core finds nothing on these pages."""

import re

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from ..factories import WACHTWOORD, inhoudsbeheerder
from ..otp import huidige_code


def _wachtwoord(page, user):
    page.goto(reverse("login"))
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()


def test_set_up_log_out_and_log_in_again_with_the_app(page, axe, kader):
    user = inhoudsbeheerder(username="ivo-e2e")
    _wachtwoord(page, user)
    expect(page.locator("h1")).to_have_text("Inloggen in twee stappen instellen")
    expect(page.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()
    axe(page, "set-up")

    page.get_by_label("Code uit uw app").fill("12")
    page.get_by_role("button", name="App koppelen").click()
    veld = page.get_by_label("Code uit uw app")
    expect(veld).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main")).to_contain_text("6 cijfers")
    axe(page, "set-up with an error")

    device = TOTPDevice.objects.get(user=user)
    page.get_by_label("Code uit uw app").fill(huidige_code(device))
    page.get_by_role("button", name="App koppelen").click()
    expect(page.locator("h1")).to_have_text("Uw reservecodes")
    expect(page.get_by_role("list", name="Reservecodes").get_by_role("listitem")).to_have_count(10)
    axe(page, "backup codes")
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    expect(page.locator("h1")).to_have_text("Mijn omgeving")
    page.get_by_role("link", name="Inloggen in twee stappen: reservecodes en app beheren").click()
    expect(page.locator("h1")).to_have_text("Inloggen in twee stappen")
    axe(page, "overview")

    # New backup codes only after ticking that the old ones stop working.
    page.get_by_role("button", name="Nieuwe reservecodes maken").click()
    vinkje = page.get_by_label("Ik wil nieuwe reservecodes")
    expect(vinkje).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main")).to_contain_text("Vink aan dat u nieuwe reservecodes wilt")
    axe(page, "overview with an error")
    vinkje.check()
    page.get_by_role("button", name="Nieuwe reservecodes maken").click()
    expect(page.get_by_role("list", name="Reservecodes").get_by_role("listitem")).to_have_count(10)
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    expect(page.locator("h1")).to_have_text("Inloggen in twee stappen")

    page.get_by_role("button", name="Uitloggen").first.click()
    _wachtwoord(page, user)
    expect(page.locator("h1")).to_have_text("Tweede stap van het inloggen")
    axe(page, "second step")
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_label("Code uit uw app of een reservecode")).to_have_attribute(
        "aria-invalid", "true"
    )
    axe(page, "second step with an error")
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # the code may be reused in a test
    page.get_by_label("Code uit uw app of een reservecode").fill(huidige_code(device))
    page.get_by_role("button", name="Controleren").click()
    expect(page.locator("h1")).to_have_text("Mijn omgeving")
    page.goto(reverse("admin:index"))
    expect(page.locator("#site-name")).to_contain_text("VIT beheer")
