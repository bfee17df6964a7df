"""Asking access in the browser: a beleidsmedewerker fills in the form, confirms the address
with the link from the mail, and the beheerder approves the request. Every page passes axe-core
and does not scroll sideways at 390 px (nor at 320 px)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import Aanvraag, Uitnodiging

from ..aanvraag_hulp import link_uit, mails_aan
from ..factories import GemeenteFactory, UserFactory
from .telefoon import TELEFOON, past

ADRES = "bea.beleid@zonderstad.example"


@pytest.mark.parametrize("breedte", [1280, 390])
def test_request_confirm_and_approve(page, axe, inloggen, breedte):
    maat = {"width": breedte, "height": 900} if breedte > 390 else TELEFOON
    page.set_viewport_size(maat)
    GemeenteFactory(naam="Andersdorp")
    gemeente = GemeenteFactory(naam="Zonderstad")

    page.goto(reverse("login"))
    page.get_by_role("link", name="Vraag toegang aan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegang tot VIT aanvragen")
    page.get_by_role("button", name="Toegang aanvragen").click()  # empty: the errors first
    expect(page.get_by_role("alert")).to_contain_text("Vul uw naam in.")
    axe(page, "the form with errors")
    past(page, "the form with errors")
    page.set_viewport_size(maat)

    groep = page.get_by_role("group", name="Voor welke gemeente werkt u?")
    groep.get_by_label("Gemeente").select_option(label="Zonderstad")
    over = page.get_by_role("group", name="Over uzelf")
    over.get_by_label("Uw naam").fill("Bea Beleid")
    over.get_by_label("Uw e-mailadres op het werk").fill(ADRES)
    over.get_by_label("Uw functie bij de gemeente").fill("Beleidsmedewerker Wmo")
    page.get_by_label("Waarom wilt u met VIT werken?").fill("Wij willen de toegang verbeteren.")
    page.get_by_role("button", name="Toegang aanvragen").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"We hebben een e-mail gestuurd naar {ADRES}"
    )
    axe(page, "sent")
    past(page, "the sent page")

    page.goto(link_uit(mails_aan(ADRES)[0]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw e-mailadres bevestigen")
    axe(page, "confirm")
    past(page, "the confirm page")
    page.set_viewport_size(maat)
    page.get_by_role("button", name="Ja, dit is mijn e-mailadres").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw adres is bevestigd")
    expect(page.locator("main")).to_contain_text("Daarom beoordeelt de VNG uw aanvraag.")
    axe(page, "confirmed")
    past(page, "the confirmed page")
    assert Aanvraag.objects.get().status == Aanvraag.Status.WACHT

    page.set_viewport_size(maat)
    inloggen(UserFactory(is_staff=True, is_superuser=True, first_name="Bea", last_name="Beheer"))
    page.goto(reverse("mijn-omgeving"))
    page.get_by_role("link", name="Aanvragen voor toegang beoordelen").click()
    regio = page.get_by_role("region", name="Aanvragen die wachten op de VNG")
    expect(regio).to_contain_text(ADRES)
    axe(page, "queue")
    past(page, "the queue")
    # At 390 px a request is a card no taller than a phone's screen, its link on screen.
    kaart = regio.locator("li.vit-card")
    vak = kaart.bounding_box()
    assert vak["height"] < 500, f"a request card is {vak['height']} px tall"
    kop = regio.get_by_role("link", name="Zonderstad (aanvraag van Bea Beleid)").bounding_box()
    assert kop["x"] >= 0 and kop["x"] + kop["width"] <= page.evaluate("window.innerWidth")
    page.set_viewport_size(maat)

    regio.get_by_role("link", name="Zonderstad (aanvraag van Bea Beleid)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanvraag van Bea Beleid")
    axe(page, "detail")
    past(page, "the detail page")
    page.set_viewport_size(maat)
    page.get_by_role("button", name="Goedkeuren en uitnodigen").click()
    expect(page.get_by_role("status")).to_contain_text("De aanvraag van Bea Beleid is goedgekeurd")
    expect(page.get_by_text("Er wachten geen aanvragen op de VNG.")).to_be_visible()
    axe(page, "queue after approval")
    past(page, "the queue after approval")
    uitnodiging = Uitnodiging.objects.get()
    assert (uitnodiging.email, uitnodiging.gemeente, uitnodiging.rol) == (
        ADRES,
        gemeente,
        "coordinator",
    )
    assert link_uit(mails_aan(ADRES)[-1]).startswith("/uitnodiging/")
