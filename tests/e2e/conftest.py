"""End-to-end tests: Debian's Chromium driven by Playwright, with axe-core on every page."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the database calls the tests
# make around it (creating users and content) are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("VIT_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install it with: apt-get install -y chromium",
            pytrace=False,
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problemen = []
    page.on(
        "console",
        lambda msg: (
            problemen.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda exc: problemen.append(f"JavaScript error: {exc}"))
    yield page
    context.close()
    assert problemen == [], "The browser reported CSP violations or script errors:\n" + "\n".join(
        problemen
    )


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    engine = Axe()

    def controleer(page, naam=""):
        resultaat = engine.run(page, options=WCAG_AA)
        assert resultaat.violations_count == 0, (
            f"axe-core found violations on {naam or page.url}:\n{resultaat.generate_report()}"
        )
        return resultaat

    return controleer


@pytest.fixture
def inloggen(page, live_server):
    """Log a user in by setting the session cookie, as the login form (and, for analisten and
    beheerders, the second step) would."""
    from django.conf import settings
    from django.test import Client

    from ..otp import tweede_factor

    def doe(user):
        client = Client()
        tweede_factor(client, user)  # harmless for users who need no second factor
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )
        return user

    return doe
