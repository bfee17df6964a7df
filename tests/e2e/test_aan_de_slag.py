"""A gemeente gets in by itself, end to end in the browser: a beleidsmedewerker asks access,
confirms the address, the VNG beheerder approves, she makes her account from the mail, invites a
lezer, and the lezer makes an account and reads the spiegel. axe-core on every page; the links
that were used refuse a second use, and a lezer is offered no way to invite anyone."""

from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import Lidmaatschap

from ..aanvraag_hulp import gegevens, link_uit, mails_aan
from ..factories import GemeenteFactory, UserFactory, coordinator
from .test_uitnodigen import STERK, _afgeronde_scan

BEA = "bea.beleid@startdorp.example"
LOTTE = "lotte.lezer@startdorp.example"


def _account_maken(pagina, axe, naam, wat):
    expect(pagina.locator("h1")).to_have_text("Werken in VIT voor Startdorp")
    axe(pagina, f"activation page ({wat})")
    pagina.get_by_label("Uw naam").fill(naam)
    pagina.get_by_label("Kies een wachtwoord").fill(STERK)
    pagina.get_by_label("Herhaal het wachtwoord").fill(STERK)
    pagina.get_by_role("button", name="Account maken").click()
    expect(pagina.locator("h1")).to_have_text("Mijn omgeving")
    axe(pagina, f"Mijn omgeving ({wat})")


def test_from_request_to_a_lezer_reading_the_spiegel(
    page, browser, axe, inloggen, kader, live_server
):
    gemeente = GemeenteFactory(naam="Startdorp")
    scan = _afgeronde_scan(gemeente)
    bea = browser.new_context(base_url=live_server.url, locale="nl-NL")
    bp = bea.new_page()

    # 1. Bea asks access and confirms her address.
    bp.goto(reverse("aanmelden:formulier"))
    axe(bp, "request form")
    bp.get_by_label("Gemeente", exact=True).select_option(label="Startdorp")
    bp.get_by_label("Uw naam").fill("Bea Beleid")
    bp.get_by_label("Uw e-mailadres op het werk").fill(BEA)
    bp.get_by_label("Uw functie bij de gemeente").fill("Beleidsmedewerker Wmo")
    bp.get_by_label("Waarom wilt u met VIT werken?").fill("Wij willen de toegang verbeteren.")
    bp.get_by_role("button", name="Toegang aanvragen").click()
    expect(bp.locator("h1")).to_have_text("Kijk in uw e-mail")
    axe(bp, "request sent")
    bevestiging = link_uit(mails_aan(BEA)[0])
    bp.goto(bevestiging)
    bp.get_by_role("button", name="Ja, dit is mijn e-mailadres").click()
    expect(bp.locator("h1")).to_have_text("Uw adres is bevestigd")
    axe(bp, "address confirmed")
    bp.goto(bevestiging)  # used once: refused
    expect(bp.locator("h1")).to_have_text("Deze link werkt niet")
    axe(bp, "used confirmation link")

    # 2. The beheerder approves (an unconfirmed request would not even be listed).
    inloggen(UserFactory(is_staff=True, is_superuser=True, first_name="Bram", last_name="Beheer"))
    page.goto(reverse("aanvragen:lijst"))
    axe(page, "queue")
    page.get_by_role("link", name="Startdorp (aanvraag van Bea Beleid)").click()
    axe(page, "request detail")
    page.get_by_role("button", name="Goedkeuren en uitnodigen").click()
    expect(page.get_by_role("status")).to_contain_text("goedgekeurd")

    # 3. Bea makes her account from the approval mail and is coördinator; the link is used up.
    uitnodiging = link_uit(mails_aan(BEA)[-1])
    bp.goto(uitnodiging)
    _account_maken(bp, axe, "Bea Beleid", "coördinator")
    assert Lidmaatschap.objects.get(gemeente=gemeente).rol == Lidmaatschap.Rol.COORDINATOR
    bp.goto(uitnodiging)
    expect(bp.locator("h1")).to_have_text("Deze uitnodiging werkt niet (meer)")
    axe(bp, "used invitation link")

    # 4. She invites a lezer from the team page.
    bp.goto(reverse("team:overzicht", args=[gemeente.code]))
    axe(bp, "team page")
    bp.get_by_label("E-mailadres").fill(LOTTE)
    bp.get_by_role("group", name="Rol").get_by_label("Lezer", exact=False).check()
    bp.get_by_role("button", name="Uitnodiging sturen").click()
    expect(bp.get_by_role("status")).to_contain_text(
        f"We hebben een uitnodiging gestuurd naar {LOTTE}"
    )
    axe(bp, "team page with an open invitation")
    bea.close()

    # 5. The lezer makes an account, reads the spiegel, and cannot invite anyone.
    lotte = browser.new_context(base_url=live_server.url, locale="nl-NL")
    lp = lotte.new_page()
    lp.goto(link_uit(mails_aan(LOTTE)[-1]))
    _account_maken(lp, axe, "Lotte Lezer", "lezer")
    lp.goto(reverse("scans:spiegel", args=[scan.pk]))
    expect(lp.locator("h1")).to_have_text("De spiegel")
    axe(lp, "spiegel for the lezer")
    lp.goto(reverse("team:overzicht", args=[gemeente.code]))
    expect(lp.get_by_role("heading", name="Collega uitnodigen")).to_have_count(0)
    expect(lp.get_by_role("button", name="Uitnodiging sturen")).to_have_count(0)
    axe(lp, "team page for a lezer")
    lotte.close()


def test_the_refusals_on_the_way_in(page, axe, inloggen, live_server):
    """An unconfirmed request is in no queue; a coördinator cannot open another gemeente's team
    and cannot leave the gemeente without a coördinator."""
    hier, elders = GemeenteFactory(naam="Hierdorp"), GemeenteFactory(naam="Eldersstad")
    coordinator(elders)
    page.goto(reverse("aanmelden:formulier"))
    page.get_by_label("Gemeente", exact=True).select_option(label="Hierdorp")
    velden = gegevens(hier, email="niet.bevestigd@hierdorp.example")
    page.get_by_label("Uw naam").fill(velden["naam"])
    page.get_by_label("Uw e-mailadres op het werk").fill(velden["email"])
    page.get_by_label("Uw functie bij de gemeente").fill(velden["functie"])
    page.get_by_label("Waarom wilt u met VIT werken?").fill(velden["reden"])
    page.get_by_role("button", name="Toegang aanvragen").click()
    expect(page.locator("h1")).to_have_text("Kijk in uw e-mail")

    inloggen(UserFactory(is_staff=True, is_superuser=True))
    page.goto(reverse("aanvragen:lijst"))
    expect(page.get_by_text("Er wachten geen aanvragen op de VNG.")).to_be_visible()
    expect(page.get_by_text("niet.bevestigd@hierdorp.example")).to_have_count(0)

    enige = coordinator(hier, gebruiker=UserFactory(first_name="Enige", last_name="Coord"))
    inloggen(enige)
    antwoord = page.goto(reverse("team:overzicht", args=[elders.code]))
    assert antwoord.status == 404
    expect(page.locator("h1")).to_have_text("Pagina niet gevonden")
    axe(page, "another gemeente's team")

    page.goto(reverse("team:overzicht", args=[hier.code]))
    page.get_by_role("link", name="Uit het team halen (Enige Coord)").click()
    page.get_by_role("button", name="Ja, mijzelf uit het team halen").click()
    expect(page.get_by_text("is de enige coördinator van deze gemeente")).to_be_visible()
    axe(page, "last coördinator refused")
    assert Lidmaatschap.objects.filter(gemeente=hier, gebruiker=enige).exists()
