"""The VNG-analist in the browser: logs in with a second factor, opens every breakdown of every
comparison page, downloads the CSV; axe-core finds nothing on any of these pages."""

import csv
import io
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect

from ..factories import WACHTWOORD, vng_analist
from ..otp import apparaat as app_van
from ..otp import huidige_code


def test_analist_logs_in_with_second_factor_and_walks_every_breakdown(page, axe, kader, gemeenten):
    from assessments.demodata import maak_demohistorie
    from assessments.models import Gemeente

    maak_demohistorie(Gemeente.objects.get(code="GM0307"))
    analist = vng_analist(username="analist-e2e")
    apparaat = app_van(analist)

    # Password alone does not open the comparison.
    page.goto(reverse("vergelijken:overzicht"))
    page.get_by_label("Gebruikersnaam").fill("analist-e2e")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("h1")).not_to_contain_text("Vergelijken")
    axe(page, "second step")
    page.get_by_label("Code uit uw app of een reservecode").fill(huidige_code(apparaat))
    page.get_by_role("button", name="Controleren").click()

    expect(page.locator("h1")).to_have_text("Vergelijken: deelname")
    expect(page.locator("main")).to_contain_text("Aantal gemeenten")
    axe(page, "deelname")

    nav = page.get_by_role("navigation", name="Onderdelen van vergelijken")
    stappen = [
        ("Scores", ["Alle gemeenten", "Grootteklasse", "Provincie"]),
        ("Check-vragen", ["Alle gemeenten", "Grootteklasse", "Provincie", "Periode"]),
    ]
    for link, dimensies in stappen:
        nav.get_by_role("link", name=link).click()
        expect(nav.get_by_role("link", name=link)).to_have_attribute("aria-current", "page")
        for dimensie in dimensies:
            page.get_by_label("Uitsplitsen naar").select_option(label=dimensie)
            page.get_by_role("button", name="Tonen").click()
            expect(page.get_by_label("Uitsplitsen naar")).to_have_value(
                {"Alle gemeenten": "alle", "Grootteklasse": "grootteklasse"}.get(
                    dimensie, dimensie.lower()
                )
            )
            expect(page.locator("main table").first).to_contain_text("Mediaan")
            expect(page.locator("main svg[role=img]").first).to_be_visible()
            axe(page, f"{link}: {dimensie}")
    page.get_by_label("Uitgangspunt").select_option(index=4)
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("h1")).to_have_text("Vergelijken: check-vragen van uitgangspunt 5")
    axe(page, "check-vragen UP5")

    nav.get_by_role("link", name="Ontwikkeling").click()
    expect(page.locator("main")).to_contain_text("Verschil mediaan")
    axe(page, "ontwikkeling")

    # The CSV holds the rows of the tables on the page.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download deze tabellen als CSV").click()
    assert download.value.suggested_filename.endswith(".csv")
    tekst = Path(download.value.path()).read_text(encoding="utf-8-sig")
    regels = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    rijen_op_pagina = page.locator("main table tbody tr").count()
    assert regels[0][:3] == ["tabel", "rij", "aantal gemeenten"]
    assert len(regels) - 1 == rijen_op_pagina > 0
