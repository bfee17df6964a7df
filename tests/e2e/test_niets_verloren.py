"""Nothing lost in the browser: a failed autosave stays on screen as "nog niet opgeslagen" and
is sent again until stored; a mail that could not be sent is shown as such and can be sent
again."""

import re

from playwright.sync_api import expect

from ..factories import ScanFactory, uitnodiging


def test_a_failed_autosave_is_retried_until_stored(page, axe, kader, live_server):
    from assessments.models import Antwoord

    scan = ScanFactory()
    respondent, token = uitnodiging(scan)
    mislukt = []

    def eerste_keer_kapot(route):
        # The first two autosaves meet a server that fails (as a locked or restarting
        # database would); later ones get through.
        if len(mislukt) < 2:
            mislukt.append(route.request.url)
            route.fulfill(status=500, content_type="text/html", body="<h1>Serverfout</h1>")
        else:
            route.continue_()

    page.route("**/antwoord/", eerste_keer_kapot)
    page.goto(f"/vragenlijst/{token}/up1/")
    vraag = page.locator("[data-vraag]").first
    vraag.locator("input[type=radio][value='3']").check()

    expect(vraag.locator("[data-vit-niet-opgeslagen]")).to_have_text("Nog niet opgeslagen")
    # Beside the question, in its own live region, with a way to try again at once.
    expect(vraag.get_by_role("status")).to_contain_text("Nog niet opgeslagen: het lukte nu niet")
    expect(vraag.get_by_role("button", name="Nu opnieuw proberen")).to_be_visible()
    expect(page.locator("#autosave-status")).to_contain_text("is nog niet opgeslagen")
    axe(page, "autosave not yet stored")
    assert not Antwoord.objects.filter(respondent=respondent).exclude(waarde="").exists()

    # After 1 s and then 2 s the browser tries again; the third attempt is stored.
    expect(vraag.locator("[data-vit-niet-opgeslagen]")).to_have_count(0, timeout=10_000)
    expect(page.locator("#autosave-status")).to_contain_text("opgeslagen om")
    expect(vraag.get_by_role("status")).to_have_text(re.compile(r"^Opgeslagen om \d\d:\d\d$"))
    expect(vraag.get_by_role("button", name="Nu opnieuw proberen")).to_have_count(0)
    assert len(mislukt) == 2
    opgeslagen = Antwoord.objects.get(
        respondent=respondent, checkvraag_id=vraag.get_attribute("data-vraag")
    )
    assert opgeslagen.waarde == "3"


def test_the_coordinator_sees_a_failed_mail_and_sends_it_again(page, axe, kader, inloggen):
    from django.urls import reverse
    from mailer.models import PRIORITY_DEFERRED, Message

    from assessments.scans import mail

    from ..factories import coordinator

    scan = ScanFactory()
    respondent, _ = uitnodiging(scan, naam="Wijkagent Willems", email="w@example.org")
    mail.zet_klaar(respondent, "Uitnodiging", "Uw link")
    Message.objects.filter(pk=respondent.mail_bericht).update(
        priority=PRIORITY_DEFERRED, retry_count=99
    )
    inloggen(coordinator(scan.gemeente))
    page.goto(reverse("scans:detail", args=[scan.pk]))
    rij = page.get_by_role("row").filter(has_text="Wijkagent Willems")
    expect(rij).to_contain_text("Niet verzonden")
    axe(page, "scan detail with a failed mail")
    rij.get_by_role("button", name="Mail opnieuw versturen").click()
    expect(page.get_by_role("status").first).to_contain_text("wordt opnieuw verstuurd")
    expect(page.get_by_role("row").filter(has_text="Wijkagent Willems")).to_contain_text(
        "Wacht op verzending"
    )
    axe(page, "scan detail after sending again")


def test_the_retry_button_sends_a_failed_answer_at_once(page, axe, kader, live_server):
    from assessments.models import Antwoord

    scan = ScanFactory()
    respondent, token = uitnodiging(scan)
    kapot = [True]
    pogingen = []

    def wisselend(route):
        pogingen.append(route.request.url)
        if kapot[0]:
            route.abort()  # no answer at all, as when the connection drops
        else:
            route.continue_()

    page.route("**/antwoord/", wisselend)
    page.goto(f"/vragenlijst/{token}/up1/")
    vraag = page.locator("[data-vraag]").nth(1)
    vraag.locator("input[type=radio][value='2']").check()
    opnieuw = vraag.get_by_role("button", name="Nu opnieuw proberen")
    expect(opnieuw).to_be_visible()
    axe(page, "autosave failed, with the retry button")
    kapot[0] = False
    voor = len(pogingen)
    opnieuw.click()
    # Stored at once, not at the next automatic retry (which is at least a second away).
    expect(vraag.get_by_role("status")).to_have_text(re.compile(r"^Opgeslagen om "), timeout=800)
    expect(opnieuw).to_have_count(0)
    # The keyboard is not left on a button that is gone.
    expect(vraag.locator("input[type=radio][value='2']")).to_be_focused()
    assert len(pogingen) == voor + 1
    assert (
        Antwoord.objects.get(
            respondent=respondent, checkvraag_id=vraag.get_attribute("data-vraag")
        ).waarde
        == "2"
    )
