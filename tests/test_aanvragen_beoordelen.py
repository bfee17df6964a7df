"""Deciding on requests for access: only confirmed requests reach a queue; the beheerder (after
the second step) decides every request, a coördinator only those of their own gemeente;
approval invites once as coördinator, refusal mails its reason; a second decision from another
tab is refused and nothing happens twice."""

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from mailer.models import Message

from assessments.gemeenten import uitnodigen
from assessments.models import Aanvraag, Uitnodiging

from .aanvraag_hulp import link_uit, mails_aan
from .factories import GemeenteFactory, UserFactory, coordinator, lezer, vng_analist
from .otp import tweede_factor

pytestmark = pytest.mark.django_db
S = Aanvraag.Status
LIJST = reverse("aanvragen:lijst")


def _aanvraag(gemeente, naam, status=S.WACHT, beoordelaar=Aanvraag.Beoordelaar.VNG):
    return Aanvraag.objects.create(
        gemeente=gemeente,
        naam=naam,
        email=f"{naam.split()[0].lower()}@{gemeente.code.lower()}.example",
        functie="Beleidsmedewerker",
        reden=f"Reden van {naam}",
        status=status,
        beoordelaar=beoordelaar if status != S.BEVESTIGEN else "",
        bevestigd_op=timezone.now() if status != S.BEVESTIGEN else None,
    )


@pytest.fixture
def beheerder(client):
    user = UserFactory(is_staff=True, is_superuser=True, first_name="Bea", last_name="Beheer")
    tweede_factor(client, user)
    return user


@pytest.fixture
def stad():
    return GemeenteFactory(naam="Zonderstad")


def _acties(pk):
    return (
        reverse("aanvragen:detail", args=[pk]),
        reverse("aanvragen:goedkeuren", args=[pk]),
        reverse("aanvragen:afwijzen", args=[pk]),
    )


def test_the_beheerder_needs_the_second_step(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(LIJST)
    # Without an authenticator app yet: first set it up, then come back here.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("tweestaps-instellen"))


@pytest.mark.parametrize("maak", [UserFactory, lezer, vng_analist])
def test_others_are_refused(client, stad, maak):
    aanvraag = _aanvraag(stad, "Vera Vng")
    tweede_factor(client, maak())
    for url in (LIJST, *_acties(aanvraag.pk)):
        verzoek = client.post if url.endswith(("keuren/", "wijzen/")) else client.get
        assert verzoek(url, {"reden": "nee"}).status_code == 403, url
    assert Aanvraag.objects.get().status == S.WACHT and not Message.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(LIJST)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_beheerder_sees_confirmed_requests_only(client, beheerder, stad):
    _aanvraag(stad, "Vera Vng")
    _aanvraag(GemeenteFactory(naam="Metstad"), "Gerrit Gemeente", beoordelaar="gemeente")
    onbevestigd = _aanvraag(stad, "Onno Onbevestigd", status=S.BEVESTIGEN)
    html = client.get(LIJST).content.decode()
    assert "Vera Vng" in html and "Gerrit Gemeente" in html and "Onno" not in html
    assert '<section class="vit-aanvragen" aria-labelledby="tabel-vng">' in html
    assert (
        '<h3 class="utrecht-heading-3" id="tabel-vng">Aanvragen die wachten op de VNG (1)' in html
    )
    assert "<table" not in html.split("<main", 1)[1]
    assert "U kunt ook die aanvragen beoordelen" in html
    detail, goedkeuren, afwijzen = _acties(onbevestigd.pk)
    assert client.get(detail).status_code == 404
    assert client.post(goedkeuren).status_code == 404
    assert client.post(afwijzen, {"reden": "Nee"}).status_code == 404
    assert Aanvraag.objects.get(pk=onbevestigd.pk).status == S.BEVESTIGEN
    assert not Uitnodiging.objects.exists() and not Message.objects.exists()


def test_approval_invites_the_requester_once_as_coordinator(client, beheerder, stad):
    aanvraag = _aanvraag(stad, "Vera Vng")
    assert "Goedkeuren en uitnodigen" in client.get(_acties(aanvraag.pk)[0]).content.decode()
    response = client.post(_acties(aanvraag.pk)[1], {"indiening": "tab1"}, follow=True)
    assert "De aanvraag van Vera Vng is goedgekeurd" in response.content.decode()
    aanvraag.refresh_from_db()
    uitnodiging = Uitnodiging.objects.get()
    assert aanvraag.status == S.GOEDGEKEURD and aanvraag.uitnodiging == uitnodiging
    assert aanvraag.beoordeeld_door == beheerder and aanvraag.beoordeeld_op
    assert (uitnodiging.email, uitnodiging.gemeente, uitnodiging.rol) == (
        aanvraag.email,
        stad,
        "coordinator",
    )
    assert uitnodiging.naam == "Vera Vng" and uitnodiging.uitgenodigd_door == beheerder
    (bericht,) = mails_aan(aanvraag.email)
    assert "Uw aanvraag voor VIT is goedgekeurd." in bericht.email.body
    assert bericht.email.body.endswith("Met vriendelijke groet,\nBea Beheer\n")
    link = link_uit(bericht)
    assert link.startswith("/uitnodiging/")
    assert uitnodigen.hash_token(link.strip("/").rpartition("/")[2]) == uitnodiging.token_hash
    wijziging = LogEntry.objects.get_for_object(aanvraag).filter(actor=beheerder)
    assert wijziging.exists()


def test_a_second_decision_from_another_tab_is_refused(client, beheerder, stad):
    aanvraag = _aanvraag(stad, "Vera Vng")
    goedkeuren, afwijzen = _acties(aanvraag.pk)[1:]
    assert client.post(goedkeuren, {"indiening": "tab-een"}).status_code == 302
    tweede = client.post(goedkeuren, {"indiening": "tab-twee"})
    assert tweede.status_code == 409
    assert "al goedgekeurd door Bea Beheer" in tweede.content.decode()
    derde = client.post(afwijzen, {"indiening": "tab-drie", "reden": "Toch niet"})
    assert derde.status_code == 409
    assert Uitnodiging.objects.count() == 1 and len(mails_aan(aanvraag.email)) == 1
    assert Aanvraag.objects.get().status == S.GOEDGEKEURD
    # The same form sent twice (a double click) is handled once as well.
    assert client.post(goedkeuren, {"indiening": "tab-een"}).status_code == 302
    assert Uitnodiging.objects.count() == 1


def test_refusal_needs_a_reason_and_mails_it(client, beheerder, stad):
    aanvraag = _aanvraag(stad, "Vera Vng")
    afwijzen = _acties(aanvraag.pk)[2]
    response = client.post(afwijzen, {"reden": "   "})
    assert response.status_code == 400
    assert "Schrijf waarom u de aanvraag afwijst." in response.content.decode()
    assert Aanvraag.objects.get().status == S.WACHT and not Message.objects.exists()
    assert client.post(afwijzen, {"reden": "x" * 1001}).status_code == 400

    response = client.post(afwijzen, {"reden": "Uw gemeente doet al mee <via> een collega."})
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.AFGEWEZEN and aanvraag.beoordeeld_door == beheerder
    (bericht,) = mails_aan(aanvraag.email)
    assert "afgewezen" in bericht.subject
    assert "Uw gemeente doet al mee <via> een collega." in bericht.email.body
    assert not Uitnodiging.objects.exists()
    detail = client.get(_acties(aanvraag.pk)[0]).content.decode()
    assert "&lt;via&gt;" in detail and "Goedkeuren en uitnodigen" not in detail


def test_a_coordinator_decides_only_for_the_own_gemeente(client):
    eigen, ander = GemeenteFactory(naam="Eigenstad"), GemeenteFactory(naam="Anderstad")
    coord = coordinator(eigen)
    coordinator(ander)
    hier = _aanvraag(eigen, "Hanna Hier", beoordelaar="gemeente")
    daar = _aanvraag(ander, "Daan Daar", beoordelaar="gemeente")
    vng = _aanvraag(GemeenteFactory(naam="Vngstad"), "Vera Vng")
    client.force_login(coord)
    html = client.get(LIJST).content.decode()
    assert "Hanna Hier" in html and "Daan Daar" not in html and "Vera Vng" not in html
    for aanvraag in (daar, vng):
        detail, goedkeuren, afwijzen = _acties(aanvraag.pk)
        assert client.get(detail).status_code == 404
        assert client.post(goedkeuren).status_code == 404
        assert client.post(afwijzen, {"reden": "Nee"}).status_code == 404
    assert Aanvraag.objects.filter(status=S.WACHT).count() == 3 and not Message.objects.exists()

    assert client.post(_acties(hier.pk)[1]).status_code == 302
    assert Aanvraag.objects.get(pk=hier.pk).status == S.GOEDGEKEURD
    assert Uitnodiging.objects.get().gemeente == eigen


def test_mijn_omgeving_links_the_queue(client, beheerder, stad):
    assert f'href="{LIJST}"' in client.get(reverse("mijn-omgeving")).content.decode()
    coord = coordinator(stad)
    client.force_login(coord)
    assert "aanvraag voor Zonderstad" not in client.get(reverse("mijn-omgeving")).content.decode()
    _aanvraag(stad, "Hanna Hier", beoordelaar="gemeente")
    _aanvraag(stad, "Vera Vng")  # waits for the VNG, not for the coördinator
    html = client.get(reverse("mijn-omgeving")).content.decode()
    assert f'href="{LIJST}">Er wacht 1 aanvraag voor Zonderstad</a>' in html
    _aanvraag(stad, "Henk Hier", beoordelaar="gemeente")
    html = client.get(reverse("mijn-omgeving")).content.decode()
    assert "Er wachten 2 aanvragen voor Zonderstad</a>" in html


def test_the_demo_puts_one_request_in_the_beheerders_queue(gemeenten, capsys):
    for _ in range(2):
        call_command("maak_demo", "--ook-zonder-debug", "--zonder-historie")
    uitvoer = capsys.readouterr().out
    assert "Aanvraag in de wachtrij van de beheerder: Sanne Aanvrager voor" in uitvoer
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.status == S.WACHT and aanvraag.beoordelaar == Aanvraag.Beoordelaar.VNG
    assert not aanvraag.gemeente.leden.exists()


def test_the_team_page_tells_a_coordinator_a_request_waits_and_a_lezer_nothing(client):
    gemeente = GemeenteFactory()
    coord, lees = coordinator(gemeente), lezer(gemeente)
    url = reverse("team:overzicht", args=[gemeente.code])
    client.force_login(coord)
    assert "Aanvragen beoordelen" not in client.get(url).content.decode()
    Aanvraag.objects.create(
        gemeente=gemeente,
        naam="Noor",
        email="noor@example.org",
        functie="beleid",
        reden="Meedoen",
        status=Aanvraag.Status.WACHT,
        beoordelaar=Aanvraag.Beoordelaar.GEMEENTE,
    )
    html = client.get(url).content.decode()
    assert "Er wacht 1 aanvraag" in html and reverse("aanvragen:lijst") in html
    client.force_login(lees)
    assert "Aanvragen beoordelen" not in client.get(url).content.decode()


def test_an_approvers_invitation_without_a_name_is_signed_by_vit(client, stad):
    naamloos = UserFactory(username="beheer", first_name="", last_name="", is_superuser=True)
    tweede_factor(client, naamloos)
    aanvraag = _aanvraag(stad, "Nora Naamloos")
    client.post(_acties(aanvraag.pk)[1], {"indiening": "tab1"})
    (bericht,) = mails_aan(aanvraag.email)
    assert bericht.email.body.endswith("Met vriendelijke groet,\nhet team van VIT (VNG)\n")
    assert "beheer nodigt" not in bericht.email.body
    # Sent again from the team page, it is still signed the same way.
    uitnodigen.stuur_opnieuw(Uitnodiging.objects.get(), link_van=lambda t: f"/uitnodiging/{t}/")
    assert mails_aan(aanvraag.email)[-1].email.body.endswith("het team van VIT (VNG)\n")


def test_decided_requests_are_listed_as_afgehandeld_for_who_may_see_them(client, beheerder):
    eigen, ander = GemeenteFactory(naam="Eigenstad"), GemeenteFactory(naam="Anderstad")
    hier = _aanvraag(eigen, "Hanna Hier", beoordelaar="gemeente")
    daar = _aanvraag(ander, "Daan Daar", beoordelaar="gemeente")
    client.post(_acties(hier.pk)[2], {"reden": "Onbekend bij de <gemeente>."})
    client.post(_acties(daar.pk)[1])
    html = client.get(LIJST).content.decode()
    afgehandeld = html[html.index('id="afgehandeld"') :]
    assert "Hanna Hier" in afgehandeld and "Afgewezen" in afgehandeld
    assert "Onbekend bij de &lt;gemeente&gt;." in afgehandeld
    assert "Daan Daar" in afgehandeld and "Goedgekeurd" in afgehandeld
    assert "door Bea Beheer" in afgehandeld
    # A coördinator sees the decisions about the own gemeente only.
    client.force_login(coordinator(eigen))
    html = client.get(LIJST).content.decode()
    afgehandeld = html[html.index('id="afgehandeld"') :]
    assert "Hanna Hier" in afgehandeld and "Daan Daar" not in afgehandeld
