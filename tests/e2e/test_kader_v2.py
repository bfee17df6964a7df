"""Framework version 2 in a real browser: an inwoner answers only their questions, with each
level described at its option; the coördinator sees who was asked; the spiegel compares with a
version 1 scan on the shared keys. axe-core at 1280 and 390 px."""

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import Scan, VastgesteldeScore
from principles.models import CheckVraag

from ..factories import GemeenteFactory, ScanFactory, coordinator, uitnodiging
from ..kader_v2 import inwoner_tekst, laad_kader_v2, niveau_tekst
from .telefoon import TELEFOON, past


def test_questionnaire_vaststellen_and_spiegel_on_version_2(
    page, axe, inloggen, kader, live_server, tmp_path
):
    v2 = laad_kader_v2(tmp_path)
    gemeente = GemeenteFactory()
    vorige = ScanFactory(gemeente=gemeente, periode=2025, kaderversie=kader)
    VastgesteldeScore.objects.bulk_create(
        VastgesteldeScore(scan=vorige, checkvraag=v, waarde="2", voorstel="2")
        for v in CheckVraag.objects.filter(uitgangspunt__versie=kader)
    )
    Scan.objects.filter(pk=vorige.pk).update(
        status=Scan.Status.AFGEROND, afgerond_op=timezone.now()
    )
    scan = ScanFactory(gemeente=gemeente, periode=2026, kaderversie=v2)
    _, token = uitnodiging(scan, perspectief="inwoner")

    page.goto(live_server.url + reverse("vragenlijst:pagina", args=[token, "up1"]))
    expect(page.locator(".vit-question-block")).to_have_count(2)
    expect(page.get_by_text(inwoner_tekst("UP1-01"))).to_be_visible()
    optie = page.get_by_role("radio", name="3. Grotendeels").first
    beschrijving = optie.get_attribute("aria-describedby")
    expect(page.locator(f"#{beschrijving}")).to_have_text(niveau_tekst("UP1-01", 3))
    axe(page, "v2 questionnaire page")
    optie.check()
    expect(page.locator("[data-vit-opslagstatus]").first).to_contain_text("Opgeslagen")
    past(page, "v2 questionnaire page")
    axe(page, "v2 questionnaire page at 390 px")

    page.set_viewport_size({"width": 1280, "height": 900})
    inloggen(coordinator(gemeente))
    page.goto(live_server.url + reverse("scans:vaststellen", args=[scan.pk, "up1"]))
    expect(page.get_by_text("Gesteld aan: Beleid, Uitvoering / toegang.")).to_be_visible()
    page.get_by_text("Zo zien de niveaus eruit bij deze vraag").first.click()
    expect(page.get_by_text(niveau_tekst("UP1-01", 4))).to_be_visible()
    axe(page, "v2 vaststellen page")
    page.set_viewport_size(TELEFOON)
    past(page, "v2 vaststellen page")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("scans:spiegel", args=[scan.pk]))
    kaart = page.locator("#up-up1")
    expect(kaart).to_contain_text("in beide kaderversies hetzelfde zijn")
    expect(page.locator("#niet-gevraagd-legenda")).to_be_visible()
    axe(page, "v2 spiegel")
    page.set_viewport_size(TELEFOON)
    past(page, "v2 spiegel")
