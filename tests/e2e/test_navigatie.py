"""Keyboard use and the login journey in a real browser."""

from django.urls import reverse
from playwright.sync_api import expect

from ..factories import WACHTWOORD, coordinator


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page, kader):
    page.goto(reverse("principles:kader"))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()


def test_coordinator_logs_in_with_the_keyboard_and_sees_the_own_gemeente(page, kader):
    user = coordinator()
    page.goto(reverse("login"))
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Mijn omgeving")
    expect(page.locator("main")).to_contain_text(user.lidmaatschappen.get().gemeente.naam)
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("link", name="Inloggen").first).to_be_visible()


def test_main_navigation_marks_the_current_page(page, kader):
    page.goto(reverse("principles:kader"))
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(nav.get_by_role("link", name="Het kader")).to_have_attribute("aria-current", "page")
    nav.get_by_role("link", name="Over VIT").click()
    expect(nav.get_by_role("link", name="Over VIT")).to_have_attribute("aria-current", "page")
