"""Asking access by oneself: the page and the mail never tell whether an address has an account
or an earlier request; too many requests are refused politely; the confirmation link works
once, expires, and a GET changes nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from mailer.models import Message

from assessments.models import Aanvraag

from .aanvraag_hulp import FORMULIER, gegevens, link_uit, mails_aan, token_uit, vraag_aan
from .factories import WACHTWOORD, GemeenteFactory, UserFactory, coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente():
    return GemeenteFactory(naam="Aanvraagstad")


def test_the_form_is_public_lists_the_active_gemeenten_and_is_linked_from_login_and_home(client):
    GemeenteFactory(naam="Actiefdorp")
    GemeenteFactory(naam="Opgeheven", actief=False)
    response = client.get(FORMULIER)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Actiefdorp" in html and "Opgeheven" not in html
    assert html.count("<legend") == 3 and 'for="id_gemeente">Gemeente' in html
    for pagina in (reverse("login"), reverse("home")):
        assert f'href="{FORMULIER}">Vraag toegang aan' in client.get(pagina).content.decode()


def test_the_gemeenten_are_sorted_as_people_look_them_up(client):
    for naam in ("Heerlen", "'s-Hertogenbosch", "Groningen", "'s-Gravenhage", "Gouda", "Assen"):
        GemeenteFactory(naam=naam)
    html = client.get(FORMULIER).content.decode()
    opties = [o.split(">", 1)[1].split("<", 1)[0] for o in html.split("<option")[2:]]
    assert opties == [
        "Assen",
        "Gouda",
        "&#x27;s-Gravenhage (Den Haag)",
        "Groningen",
        "Heerlen",
        "&#x27;s-Hertogenbosch",
    ]


def test_the_login_page_says_the_address_is_the_user_name_after_an_invitation(client):
    html = client.get(reverse("login")).content.decode()
    assert "Nog geen account? <a" in html and "Werkt uw gemeente nog niet" not in html
    assert 'aria-describedby="id_username_hulp"' in html
    hulp = html.split('id="id_username_hulp"', 1)[1].split("</", 1)[0]
    assert "Dan is uw e-mailadres uw gebruikersnaam." in hulp
    # Logging in still goes by the user name.
    UserFactory(username="nina", email="nina@example.org")
    assert (
        client.post(reverse("login"), {"username": "nina", "password": WACHTWOORD}).status_code
        == 302
    )


def test_a_request_waits_for_confirmation_and_mails_a_link(client, gemeente):
    response = vraag_aan(client, gemeente)
    html = response.content.decode()
    assert response.status_code == 200
    assert "We hebben een e-mail gestuurd naar <strong>bea.beleid@gemeente.example</strong>" in html
    assert "pas daarna komt uw aanvraag in behandeling" in html
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.status == Aanvraag.Status.BEVESTIGEN and aanvraag.gemeente == gemeente
    assert aanvraag.ip_hash and "192.0.2.1" not in aanvraag.ip_hash
    (bericht,) = mails_aan("bea.beleid@gemeente.example")
    token = token_uit(bericht)
    assert aanvraag.token_hash != token and len(aanvraag.token_hash) == 64
    assert aanvraag.token_verloopt_op - timezone.now() > timedelta(hours=47)
    assert link_uit(bericht) == reverse("aanmelden:bevestigen", kwargs={"token": token})


def _pagina_en_mail(client, gemeente, adres):
    response = vraag_aan(client, gemeente, email=adres)
    (bericht,) = mails_aan(adres)
    tekst = response.content.decode().replace(adres, "ADRES")
    # The token differs per mail, and so does the form's one-time key on the page.
    mail = bericht.email.body.replace(token_uit(bericht), "TOKEN")
    return response.status_code, tekst.split("<main", 1)[1], bericht.subject, mail


def test_page_and_mail_are_the_same_for_a_new_a_known_and_an_earlier_address(client, gemeente):
    UserFactory(username="bestaand", email="bestaand@gemeente.example")
    eerder = "eerder@gemeente.example"
    vraag_aan(client, gemeente, email=eerder)
    Message.objects.all().delete()

    nieuw = _pagina_en_mail(client, gemeente, "nieuw@gemeente.example")
    bekend = _pagina_en_mail(client, gemeente, "bestaand@gemeente.example")
    herhaald = _pagina_en_mail(client, gemeente, eerder)
    assert nieuw == bekend == herhaald
    assert nieuw[0] == 200


def test_bad_input_is_explained_in_dutch_and_stores_nothing(client, gemeente):
    response = client.post(
        FORMULIER, gegevens(gemeente, email="geen-adres", naam="", reden="x" * 1001)
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er ging iets mis" in html and 'href="#id_email"' in html
    assert "Vul uw naam in." in html and "maximaal 1000" in html
    assert 'aria-describedby="id_email_fout"' in html or "id_email_fout" in html
    assert not Aanvraag.objects.exists() and not Message.objects.exists()


def test_free_text_is_escaped_in_the_queue_mail_and_page(client, gemeente):
    vraag_aan(client, gemeente, naam="<script>alert(1)</script>")
    response = client.get(reverse("aanmelden:bevestigen", kwargs={"token": "x"}))
    assert response.status_code == 404
    (bericht,) = Message.objects.all()
    pagina = client.get(link_uit(bericht)).content.decode()
    assert "<script>alert(1)" not in pagina


def test_the_fourth_request_of_an_address_in_a_day_is_refused_and_later_taken_again(
    client, gemeente
):
    for i in range(3):
        assert vraag_aan(client, gemeente, email="Bea@Gemeente.example", ip=f"192.0.2.{i}")
    response = vraag_aan(client, gemeente, email="bea@gemeente.example", ip="192.0.2.99")
    assert response.status_code == 429
    html = response.content.decode()
    melding = html.split('role="alert"', 1)[1].split("</div>", 1)[0]
    assert "veel aanvragen verstuurd" in melding and "account" not in melding
    assert Aanvraag.objects.count() == 3 and Message.objects.count() == 3

    Aanvraag.objects.update(aangemaakt_op=timezone.now() - timedelta(hours=25))
    assert vraag_aan(client, gemeente, email="bea@gemeente.example").status_code == 200
    assert Aanvraag.objects.count() == 4 and Message.objects.count() == 4


def test_the_eleventh_request_from_one_ip_in_an_hour_is_refused(client, gemeente, settings):
    for i in range(10):
        vraag_aan(client, gemeente, email=f"persoon{i}@gemeente.example", ip="198.51.100.7")
    response = vraag_aan(client, gemeente, email="elfde@gemeente.example", ip="198.51.100.7")
    assert response.status_code == 429
    assert Aanvraag.objects.count() == 10 and not mails_aan("elfde@gemeente.example")
    # Another IP is still welcome; after the hour this IP is too.
    assert vraag_aan(client, gemeente, email="ander@gemeente.example", ip="198.51.100.8")
    Aanvraag.objects.update(aangemaakt_op=timezone.now() - timedelta(minutes=61))
    response = vraag_aan(client, gemeente, email="elfde@gemeente.example", ip="198.51.100.7")
    assert response.status_code == 200 and len(mails_aan("elfde@gemeente.example")) == 1


def test_the_limits_come_from_the_settings(client, gemeente, settings):
    settings.VIT_AANMELDEN_PER_ADRES = 1
    vraag_aan(client, gemeente)
    assert vraag_aan(client, gemeente, ip="192.0.2.50").status_code == 429


def _bevestig_link(client, gemeente):
    vraag_aan(client, gemeente)
    return link_uit(mails_aan("bea.beleid@gemeente.example")[0])


def test_opening_the_link_changes_nothing_and_the_button_confirms_once(client, gemeente):
    link = _bevestig_link(client, gemeente)
    for _ in range(2):
        response = client.get(link)
        assert response.status_code == 200
        # The button sits in the form's button row, which keeps room to the text below.
        assert (
            '<div class="vit-form-actions"><button class="utrecht-button '
            'utrecht-button--primary-action" type="submit">Ja, dit is mijn e-mailadres'
        ) in response.content.decode()
    assert Aanvraag.objects.get().status == Aanvraag.Status.BEVESTIGEN

    response = client.post(link, follow=True)
    html = response.content.decode()
    assert "Uw adres is bevestigd" in html
    assert "Aanvraagstad werkt nog niet met VIT. Daarom beoordeelt de VNG uw aanvraag." in html
    assert "hem." not in html and "Wordt uw aanvraag afgewezen" in html
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.status == Aanvraag.Status.WACHT and aanvraag.bevestigd_op
    assert aanvraag.token_hash is None and aanvraag.beoordelaar == Aanvraag.Beoordelaar.VNG

    for opnieuw in (client.get(link), client.post(link)):
        assert opnieuw.status_code == 404
        assert "Deze link werkt niet" in opnieuw.content.decode()
        assert "Dan hoeft u niets te doen; u krijgt bericht." in opnieuw.content.decode()
        assert "opnieuw toegang aanvragen" not in opnieuw.content.decode()
    assert Aanvraag.objects.get().bevestigd_op == aanvraag.bevestigd_op


def test_an_expired_link_is_refused_and_changes_nothing(client, gemeente):
    link = _bevestig_link(client, gemeente)
    Aanvraag.objects.update(token_verloopt_op=timezone.now() - timedelta(minutes=1))
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
        assert "Deze link is verlopen" in response.content.decode()
    assert Aanvraag.objects.get().status == Aanvraag.Status.BEVESTIGEN


def test_confirming_for_a_gemeente_with_coordinatoren_mails_each_of_them(client, gemeente):
    een = coordinator(gemeente, gebruiker=UserFactory(email="een@aanvraagstad.example"))
    coordinator(gemeente, gebruiker=UserFactory(email="twee@aanvraagstad.example"))
    coordinator(gebruiker=UserFactory(email="elders@anderestad.example"))
    client.post(_bevestig_link(client, gemeente))
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.beoordelaar == Aanvraag.Beoordelaar.GEMEENTE
    (bericht,) = mails_aan("een@aanvraagstad.example")
    assert een.get_full_name() in bericht.email.body and "Bea Beleid" in bericht.subject
    assert link_uit(bericht) == reverse("aanvragen:detail", args=[aanvraag.pk])
    assert len(mails_aan("twee@aanvraagstad.example")) == 1
    assert not mails_aan("elders@anderestad.example")


def test_without_a_coordinator_the_beheerders_of_vng_get_the_mail(client, gemeente):
    UserFactory(is_superuser=True, is_staff=True, email="beheer@vng.example")
    UserFactory(is_superuser=True, is_active=False, email="oud@vng.example")
    UserFactory(email="gewoon@vng.example")
    client.post(_bevestig_link(client, gemeente))
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.beoordelaar == Aanvraag.Beoordelaar.VNG
    (bericht,) = mails_aan("beheer@vng.example")
    assert "nog geen coördinator" in bericht.email.body and "Bea Beleid" in bericht.email.body
    assert link_uit(bericht) == reverse("aanvragen:detail", args=[aanvraag.pk])
    assert not mails_aan("oud@vng.example") and not mails_aan("gewoon@vng.example")


def test_with_a_coordinator_the_page_says_who_decides_and_mails_are_signed_by_vit(client, gemeente):
    coordinator(gemeente, gebruiker=UserFactory(email="carla@aanvraagstad.example"))
    link = _bevestig_link(client, gemeente)
    html = client.post(link, follow=True).content.decode()
    assert "De coördinatoren van VIT bij Aanvraagstad hebben bericht gekregen" in html
    for adres in ("bea.beleid@gemeente.example", "carla@aanvraagstad.example"):
        [mail] = mails_aan(adres)
        assert mail.email.body.endswith("Met vriendelijke groet,\nhet team van VIT (VNG)\n")


def test_the_error_summary_puts_no_colon_after_a_question(client, gemeente):
    response = vraag_aan(client, gemeente, reden="")
    html = response.content.decode()
    assert "Waarom wilt u met VIT werken? Schrijf kort waarom u met VIT wilt werken." in html
    assert "werken?:" not in html
    assert "Uw naam: Vul uw naam in." in vraag_aan(client, gemeente, naam="").content.decode()


@pytest.mark.django_db(transaction=True)
def test_requests_sent_at_the_same_instant_do_not_slip_under_the_limit(settings):
    import threading

    from django.db import connection, connections

    from assessments.gemeenten import aanvragen

    if connection.vendor == "sqlite":
        pytest.skip("needs a database server with concurrent connections (PostgreSQL)")
    settings.VIT_AANMELDEN_PER_ADRES = 1
    gemeente = GemeenteFactory(naam="Tegelijkstad")
    start = threading.Barrier(4)
    uitkomsten = []

    def vraag():
        try:
            start.wait()
            aanvragen.vraag_aan(
                gemeente=gemeente,
                naam="Tim Tegelijk",
                email="tim@tegelijkstad.example",
                functie="Beleid",
                reden="Tegelijk",
                ip="192.0.2.9",
                link_van=lambda token: token,
            )
            uitkomsten.append("opgeslagen")
        except aanvragen.TeVeel:
            uitkomsten.append("te veel")
        finally:
            connections.close_all()

    draden = [threading.Thread(target=vraag) for _ in range(4)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert sorted(uitkomsten) == ["opgeslagen", "te veel", "te veel", "te veel"]
    assert Aanvraag.objects.filter(email="tim@tegelijkstad.example").count() == 1
