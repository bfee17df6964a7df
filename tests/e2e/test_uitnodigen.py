"""Inviting a colleague in the browser: the coördinator invites a lezer on the team page, the
lezer opens the link from the mail, makes an account and reads the spiegel of a finished scan;
someone with an account logs in and accepts. axe-core on every page, no sideways scrolling."""

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import Ambitie, Lidmaatschap, Scan, VastgesteldeScore
from principles.models import CheckVraag

from ..factories import WACHTWOORD, GemeenteFactory, ScanFactory, UserFactory, coordinator
from ..uitnodiging_hulp import token_uit_mail
from .telefoon import past

STERK = "een-heel-sterk-wachtwoord"


def _afgeronde_scan(gemeente):
    scan = ScanFactory(gemeente=gemeente, titel="Verkenning Uitnodigstad 2025", periode=2025)
    VastgesteldeScore.objects.bulk_create(
        VastgesteldeScore(scan=scan, checkvraag=v, waarde="3", voorstel="3")
        for v in CheckVraag.objects.filter(uitgangspunt__versie=scan.kaderversie)
    )
    Ambitie.objects.bulk_create(
        Ambitie(scan=scan, uitgangspunt=up, niveau=4)
        for up in scan.kaderversie.uitgangspunten.all()
    )
    Scan.objects.filter(pk=scan.pk).update(status=Scan.Status.AFGEROND, afgerond_op=timezone.now())
    return scan


def test_a_coordinator_invites_a_lezer_who_reads_the_spiegel(
    page, browser, axe, inloggen, kader, live_server
):
    gemeente = GemeenteFactory(naam="Uitnodigstad")
    scan = _afgeronde_scan(gemeente)
    inloggen(coordinator(gemeente, gebruiker=UserFactory(first_name="Carla", last_name="Coord")))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(reverse("team:overzicht", args=[gemeente.code]))
    expect(page.get_by_role("heading", name="Collega uitnodigen")).to_be_visible()
    axe(page, "team page with the invite form")

    # A wrong address first: the error is linked to the field.
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.get_by_role("button", name="Uitnodiging sturen").click()
    expect(page.get_by_label("E-mailadres")).to_have_attribute("aria-invalid", "true")
    axe(page, "team page with an invite error")

    page.get_by_label("E-mailadres").fill("lotte.lezer@uitnodigstad.example")
    page.get_by_label("Naam").fill("Lotte Lezer")
    page.get_by_role("group", name="Rol").get_by_label("Lezer", exact=False).check()
    page.get_by_role("button", name="Uitnodiging sturen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "We hebben een uitnodiging gestuurd naar lotte.lezer@uitnodigstad.example."
    )
    kaart = page.locator("li.vit-card", has_text="lotte.lezer@uitnodigstad.example")
    expect(kaart).to_contain_text("Lezer")
    expect(
        kaart.get_by_role("button", name="Intrekken (lotte.lezer@uitnodigstad.example)")
    ).to_be_visible()
    expect(
        page.get_by_text("Uitnodiging verstuurd aan lotte.lezer@uitnodigstad.example als lezer")
    ).to_be_visible()
    axe(page, "team page with an open invitation")
    past(page, "the team page with an open invitation")
    axe(page, "team page at 390 px")

    # The lezer, in a browser of their own, opens the link from the mail.
    lezer_ctx = browser.new_context(base_url=live_server.url, locale="nl-NL")
    lp = lezer_ctx.new_page()
    lp.goto(
        reverse("uitnodiging:openen", args=[token_uit_mail("lotte.lezer@uitnodigstad.example")])
    )
    expect(lp.locator("h1")).to_have_text("Werken in VIT voor Uitnodigstad")
    expect(
        lp.get_by_text("Uw gebruikersnaam wordt uw e-mailadres: lotte.lezer@uitnodigstad.example")
    ).to_be_visible()
    axe(lp, "activation page")
    past(lp, "the activation page")
    expect(lp.get_by_label("Uw naam")).to_have_value("Lotte Lezer")  # from the invitation
    lp.get_by_label("Kies een wachtwoord").fill(STERK)
    lp.get_by_label("Herhaal het wachtwoord").fill(STERK + "!")
    lp.get_by_role("button", name="Account maken").click()
    expect(lp.get_by_label("Herhaal het wachtwoord")).to_have_attribute("aria-invalid", "true")
    expect(lp.get_by_role("alert")).to_contain_text("De wachtwoorden zijn niet hetzelfde.")
    axe(lp, "activation page with an error")
    past(lp, "the activation page with an error")
    lp.get_by_label("Kies een wachtwoord").fill(STERK)
    lp.get_by_label("Herhaal het wachtwoord").fill(STERK)
    lp.get_by_role("button", name="Account maken").click()
    expect(lp.get_by_role("status")).to_contain_text(
        "U werkt nu in VIT voor Uitnodigstad als lezer."
    )
    expect(lp.locator("h1")).to_have_text("Mijn omgeving")

    lp.get_by_role("link", name="Naar de scans van uw gemeente").click()
    lp.get_by_role("link", name="Verkenning Uitnodigstad 2025").click()
    lp.get_by_role("link", name="Bekijk de spiegel").click()
    expect(lp.locator("h1")).to_have_text("De spiegel")
    assert lp.url.endswith(reverse("scans:spiegel", args=[scan.pk]))

    # The link is used up; the coördinator sees the new member and no open invitation.
    lp.goto(
        reverse("uitnodiging:openen", args=[token_uit_mail("lotte.lezer@uitnodigstad.example")])
    )
    expect(lp.locator("h1")).to_have_text("Deze uitnodiging werkt niet (meer)")
    expect(lp.locator("main")).to_contain_text("U bent al ingelogd.")
    expect(lp.locator("main")).not_to_contain_text("U kunt inloggen")
    axe(lp, "used link")
    lezer_ctx.close()
    page.reload()
    expect(page.get_by_role("region", name="Wie werkt in VIT voor Uitnodigstad")).to_contain_text(
        "Lotte Lezer"
    )
    expect(page.get_by_role("heading", name="Openstaande uitnodigingen (0)")).to_be_visible()


def test_someone_with_an_account_logs_in_and_accepts(page, axe, inloggen, live_server):
    from assessments.gemeenten import uitnodigen

    gemeente = GemeenteFactory(naam="Tweedestad")
    bea = UserFactory(username="bea", email="bea@elders.example", first_name="Bea", last_name="B")
    token = []
    uitnodigen.nodig_uit(
        gemeente,
        "bea@elders.example",
        Lidmaatschap.Rol.COORDINATOR,
        door=coordinator(gemeente),
        link_van=lambda t: token.append(t) or t,
    )
    url = reverse("uitnodiging:openen", args=[token[0]])
    page.set_viewport_size({"width": 390, "height": 844})
    # Someone else is still logged in on this computer: refused, and logging out comes back.
    inloggen(UserFactory(first_name="Otto", last_name="Ander"))
    page.goto(url)
    expect(
        page.get_by_role("heading", name="U bent ingelogd met een ander account")
    ).to_be_visible()
    axe(page, "invitation while logged in with another account")
    past(page, "the page for another account")
    page.get_by_role("button", name="Uitloggen en de uitnodiging opnieuw openen").click()
    expect(
        page.get_by_role("heading", name="Log in om de uitnodiging aan te nemen")
    ).to_be_visible()
    axe(page, "invitation for an existing account")
    past(page, "the page for an existing account")
    page.get_by_role("link", name="Inloggen").last.click()
    page.get_by_label("Gebruikersnaam").fill("bea")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    knop = page.get_by_role("button", name="Uitnodiging aannemen voor Tweedestad")
    expect(knop).to_be_visible()
    axe(page, "accept page")
    past(page, "the accept page")
    knop.click()
    expect(page.get_by_role("status")).to_contain_text(
        "U werkt nu in VIT voor Tweedestad als coördinator."
    )
    assert Lidmaatschap.objects.get(gebruiker=bea).rol == Lidmaatschap.Rol.COORDINATOR


def test_after_sending_again_or_withdrawing_the_message_is_on_screen(page, axe, inloggen):
    """The answer to each button shows where the coördinator looks, also at 390 px, and a
    withdrawn invitation leaves the list with a message."""
    gemeente = GemeenteFactory(naam="Meldstad")
    carla = coordinator(gemeente, gebruiker=UserFactory(first_name="Carla", last_name="Coord"))
    inloggen(carla)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("team:overzicht", args=[gemeente.code]))
    page.get_by_label("E-mailadres").fill("mila.meld@meldstad.example")
    page.get_by_role("button", name="Uitnodiging sturen").click()
    melding = page.get_by_role("status")
    expect(melding).to_contain_text("We hebben een uitnodiging gestuurd naar mila.meld@")
    expect(melding).to_be_in_viewport()

    page.get_by_role("button", name="Opnieuw sturen (mila.meld@meldstad.example)").click()
    expect(melding).to_contain_text("We hebben de uitnodiging opnieuw gestuurd")
    expect(melding).to_be_in_viewport()

    page.get_by_role("button", name="Intrekken (mila.meld@meldstad.example)").click()
    expect(melding).to_contain_text("De uitnodiging aan mila.meld@meldstad.example is ingetrokken")
    expect(melding).to_be_in_viewport()
    expect(page.locator("li.vit-card", has_text="mila.meld@meldstad.example")).to_have_count(0)
    axe(page, "team page after withdrawing")

    # A team member's address: the answer is at the field and nothing is sent.
    page.get_by_label("E-mailadres").fill(carla.email)
    page.get_by_role("button", name="Uitnodiging sturen").click()
    fout = page.get_by_role("alert")
    expect(fout).to_contain_text("Carla Coord")
    expect(fout).to_contain_text("staat al in uw team als coördinator")
    expect(fout).to_be_in_viewport()
    axe(page, "team page with a member's address")
