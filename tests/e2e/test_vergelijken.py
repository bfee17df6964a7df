"""The VNG-analist in the browser: logs in with a second factor, publishes a ronde, opens every
breakdown of every comparison page, downloads the CSV; a coördinator's spiegel shows the ronde's
comparison. axe-core finds nothing on any of these pages."""

import csv
import io
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect

from ..factories import WACHTWOORD, coordinator, rondebeheerder
from ..otp import apparaat as app_van
from ..otp import huidige_code


def _scans_van_2023():
    """Six gemeenten finalised a scan in 2023, a period that has ended and has no ronde."""
    from django.utils import timezone

    from assessments.models import Scan, VastgesteldeScore
    from principles.models import CheckVraag

    from ..factories import GemeenteFactory, ScanFactory

    for i in range(6):
        scan = ScanFactory(gemeente=GemeenteFactory(inwoners=30_000 + i), periode=2023)
        VastgesteldeScore.objects.bulk_create(
            VastgesteldeScore(scan=scan, checkvraag=v, waarde=str(1 + (i + v.volgorde) % 4))
            for v in CheckVraag.objects.filter(uitgangspunt__versie=scan.kaderversie)
        )
        Scan.objects.filter(pk=scan.pk).update(
            status=Scan.Status.AFGEROND, afgerond_op=timezone.now(), toestemming_vergelijking=True
        )


def test_analist_publishes_a_ronde_and_walks_every_breakdown(page, axe, kader, gemeenten, inloggen):
    from assessments.demodata import maak_demohistorie
    from assessments.models import Gemeente, Ronde, Scan

    amersfoort = Gemeente.objects.get(code="GM0307")
    maak_demohistorie(amersfoort)  # with the published rondes of 2024 and 2025
    _scans_van_2023()
    analist = rondebeheerder(username="analist-e2e")
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

    # Publish the ronde of 2023: first the counts, then the confirmation.
    nav = page.get_by_role("navigation", name="Onderdelen van vergelijken")
    nav.get_by_role("link", name="Rondes").click()
    expect(page.locator("h1")).to_have_text("Vergelijken: rondes")
    expect(page.get_by_role("table", name="Tabel: gepubliceerde rondes")).to_contain_text("2025")
    axe(page, "rondes")
    page.get_by_role("link", name="Ronde 2023 voorbereiden").click()
    expect(page.locator("h1")).to_have_text("Ronde 2023 publiceren")
    expect(page.locator("main")).to_contain_text("Afgeronde scans met toestemming in 2023: 6")
    expect(page.locator("main")).not_to_contain_text("Mediaan")
    axe(page, "publiceren")
    page.get_by_role("button", name="Ronde 2023 publiceren").click()
    expect(page.get_by_role("alert")).to_contain_text("Vink aan dat u de ronde wilt publiceren")
    axe(page, "publiceren zonder vinkje")
    assert not Ronde.objects.filter(periode=2023).exists()
    page.get_by_label("Ik begrijp dat de ronde 2023 na het publiceren niet meer verandert").check()
    page.get_by_role("button", name="Ronde 2023 publiceren").click()
    expect(page.locator("main")).to_contain_text("De ronde 2023 is gepubliceerd, met 6 gemeenten")
    axe(page, "rondes na publiceren")
    assert Ronde.objects.get(periode=2023).gepubliceerd_door == analist
    nav.get_by_role("link", name="Deelname").click()
    expect(
        page.get_by_role("table", name="Tabel: Deelnemende gemeenten per periode")
    ).to_contain_text("2023")

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

    # The coördinator of the demo gemeente sees the ronde's comparison in the spiegel.
    scan = Scan.objects.get(gemeente=amersfoort, periode=2025)
    inloggen(coordinator(amersfoort))
    page.goto(reverse("scans:spiegel", args=[scan.pk]))
    expect(page.locator("main")).to_contain_text(
        "komt uit de ronde 2025 van de vergelijking, gepubliceerd op 15 januari 2026"
    )
    expect(page.locator("main")).to_contain_text("(kwartielen")
    axe(page, "spiegel met ronde")
