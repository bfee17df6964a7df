"""The page behind an invitation link: a new account (user name = the address) or, for an
address with an account, logging in and accepting; the link works once, only with POST, and
refuses a used, withdrawn, expired or unknown link without changing anything."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from assessments.gemeenten import uitnodigen
from assessments.models import Lidmaatschap, Scan, Uitnodiging

from .factories import WACHTWOORD, GemeenteFactory, ScanFactory, UserFactory, coordinator
from .uitnodiging_hulp import link

pytestmark = pytest.mark.django_db

ROL = Lidmaatschap.Rol
User = get_user_model()
STERK = "een-heel-sterk-wachtwoord"


@pytest.fixture
def gemeente():
    return GemeenteFactory(naam="Linkstad")


@pytest.fixture
def coord(gemeente):
    return coordinator(gemeente, gebruiker=UserFactory(first_name="Carla", last_name="Coord"))


def _nodig_uit(gemeente, coord, email="nieuw@linkstad.example", rol=ROL.LEZER):
    tokens = []
    uitnodigen.nodig_uit(
        gemeente, email, rol, door=coord, link_van=lambda t: tokens.append(t) or f"/x/{t}/"
    )
    return tokens[0]


def _account(naam="Nina Nieuw", wachtwoord=STERK, herhaal=None):
    return {"naam": naam, "new_password1": wachtwoord, "new_password2": herhaal or wachtwoord}


def _stand():
    return (
        User.objects.count(),
        Lidmaatschap.objects.count(),
        list(Uitnodiging.objects.values_list("gebruikt_op", "ingetrokken_op")),
    )


def test_a_new_account_with_the_address_as_user_name(client, gemeente, coord):
    token = _nodig_uit(gemeente, coord, "Nina.Nieuw@Linkstad.example")
    inhoud = client.get(link(token)).content.decode()
    assert "Werken in VIT voor Linkstad" in inhoud and "<strong>lezer</strong>" in inhoud
    assert "Account maken" in inhoud
    assert "Uw gebruikersnaam wordt uw e-mailadres: <strong>Nina.Nieuw@Linkstad.example" in inhoud
    response = client.post(link(token), _account(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("mijn-omgeving")
    assert "U werkt nu in VIT voor Linkstad als lezer." in response.content.decode()
    gebruiker = User.objects.get(username="nina.nieuw@linkstad.example")
    assert gebruiker.first_name == "Nina Nieuw" and response.context["user"] == gebruiker
    assert Lidmaatschap.objects.get(gebruiker=gebruiker).rol == ROL.LEZER
    # The chosen password works at the login page.
    client.logout()
    response = client.post(
        reverse("login"), {"username": "nina.nieuw@linkstad.example", "password": STERK}
    )
    assert response.status_code == 302 and response.url == reverse("mijn-omgeving")


def test_the_new_lezer_sees_the_scans_of_the_gemeente(client, gemeente, coord, kader):
    ScanFactory(gemeente=gemeente, titel="Verkenning Linkstad")
    ScanFactory(titel="Scan van een ander")
    token = _nodig_uit(gemeente, coord)
    client.post(link(token), _account())
    inhoud = client.get(reverse("scans:lijst")).content.decode()
    assert "Verkenning Linkstad" in inhoud and "Scan van een ander" not in inhoud
    scan = Scan.objects.get(titel="Verkenning Linkstad")
    assert client.get(reverse("scans:detail", args=[scan.pk])).status_code == 200


def test_nothing_is_usable_before_the_link_is_used(client, gemeente, coord):
    token = _nodig_uit(gemeente, coord)
    client.get(link(token))
    client.get(link(token))  # a mail scanner opens the link: nothing happens
    assert not User.objects.filter(username="nieuw@linkstad.example").exists()
    assert Uitnodiging.objects.get().gebruikt_op is None
    assert client.get(link(token)).status_code == 200


def test_the_link_works_once(client, gemeente, coord):
    token = _nodig_uit(gemeente, coord)
    client.post(link(token), _account())
    client.logout()
    voor = _stand()
    response = client.post(link(token), _account(naam="Tweede Keer"))
    assert response.status_code == 410
    assert "Deze link is al gebruikt" in response.content.decode()
    assert "U kunt inloggen" in response.content.decode()
    assert _stand() == voor and not User.objects.filter(first_name="Tweede Keer").exists()


def test_a_used_link_opened_while_logged_in_points_to_mijn_omgeving(client, gemeente, coord):
    token = _nodig_uit(gemeente, coord)
    client.post(link(token), _account())  # logs the new account in
    response = client.get(link(token))
    inhoud = response.content.decode()
    assert response.status_code == 410
    assert "U bent al ingelogd. Ga naar" in inhoud and reverse("mijn-omgeving") in inhoud
    assert "U kunt inloggen" not in inhoud and "gewoon <a" not in inhoud


def test_the_name_is_filled_in_and_a_mismatch_is_said_plainly(client, gemeente, coord):
    tokens = []
    uitnodigen.nodig_uit(
        gemeente, "nina@linkstad.example", ROL.LEZER, coord, tokens.append, naam="Nina <Nieuw>"
    )
    inhoud = client.get(link(tokens[0])).content.decode()
    assert 'name="naam" value="Nina &lt;Nieuw&gt;"' in inhoud
    response = client.post(link(tokens[0]), _account(herhaal=STERK + "!"))
    inhoud = response.content.decode()
    assert "De wachtwoorden zijn niet hetzelfde." in inhoud
    assert "wachtwoordvelden" not in inhoud
    assert not User.objects.filter(username="nina@linkstad.example").exists()


@pytest.mark.parametrize(
    ("wat", "status", "reden"),
    [
        ("verlopen", 410, "Deze link is verlopen."),
        ("ingetrokken", 410, "Deze uitnodiging is ingetrokken."),
        ("onbekend", 404, "Deze link is niet (meer) geldig."),
    ],
)
def test_expired_withdrawn_and_unknown_links_are_refused(
    client, gemeente, coord, wat, status, reden
):
    token = _nodig_uit(gemeente, coord)
    uitnodiging = Uitnodiging.objects.get()
    if wat == "verlopen":
        Uitnodiging.objects.update(verloopt_op=timezone.now() - timedelta(minutes=1))
    elif wat == "ingetrokken":
        uitnodigen.trek_in(uitnodiging)
    else:
        token = token[:-2] + "xx"
    voor = _stand()
    for response in (client.get(link(token)), client.post(link(token), _account())):
        assert response.status_code == status
        inhoud = response.content.decode()
        assert "Deze uitnodiging werkt niet (meer)" in inhoud and reden in inhoud
    assert _stand() == voor


def test_a_weak_or_different_password_is_refused_in_dutch(client, gemeente, coord):
    token = _nodig_uit(gemeente, coord)
    inhoud = client.post(link(token), _account(wachtwoord="kort")).content.decode()
    assert "Dit wachtwoord is te kort. Kies minstens 12 tekens." in inhoud
    assert "Kies een wachtwoord: Dit wachtwoord is te kort" in inhoud
    assert "Er ging iets mis. Controleer de volgende velden" in inhoud
    inhoud = client.post(link(token), _account(wachtwoord="123456789012345")).content.decode()
    assert "Dit wachtwoord bestaat alleen uit cijfers." in inhoud
    inhoud = client.post(link(token), _account(wachtwoord="nieuw@linkstad.example")).content
    assert "lijkt te veel op uw naam of e-mailadres" in inhoud.decode()
    inhoud = client.post(link(token), _account(herhaal=STERK + "x")).content.decode()
    assert "De wachtwoorden zijn niet hetzelfde." in inhoud
    inhoud = client.post(link(token), _account(naam="")).content.decode()
    assert "Vul uw naam in." in inhoud
    assert not User.objects.filter(username="nieuw@linkstad.example").exists()
    assert Uitnodiging.objects.get().gebruikt_op is None


def test_an_existing_account_logs_in_first_then_accepts(client, gemeente, coord):
    bestaand = UserFactory(username="bea", email="bea@elders.example", first_name="Bea")
    token = _nodig_uit(gemeente, coord, "Bea@Elders.example", rol=ROL.COORDINATOR)
    inhoud = client.get(link(token)).content.decode()
    assert "Log in om de uitnodiging aan te nemen" in inhoud
    assert f"{reverse('login')}?next=%2Fuitnodiging%2F{token}%2F" in inhoud
    assert "Account maken" not in inhoud
    voor = _stand()
    client.post(link(token), _account())  # no second account for the address
    assert _stand() == voor
    # Log in with the form, back to the page, then accept.
    response = client.post(
        f"{reverse('login')}?next={link(token)}",
        {"username": "bea", "password": WACHTWOORD, "next": link(token)},
    )
    assert response.url == link(token)
    inhoud = client.get(link(token)).content.decode()
    assert "Uitnodiging aannemen voor Linkstad" in inhoud
    assert _stand() == voor
    response = client.post(link(token), follow=True)
    assert "U werkt nu in VIT voor Linkstad als coördinator." in response.content.decode()
    assert Lidmaatschap.objects.get(gebruiker=bestaand, gemeente=gemeente).rol == ROL.COORDINATOR
    assert client.post(link(token)).status_code == 410  # a second tab finds it used


def test_someone_logged_in_with_another_account_is_refused(client, gemeente, coord):
    token = _nodig_uit(gemeente, coord, "bedoeld@linkstad.example")
    anders = UserFactory(first_name="Otto", last_name="Ander")
    client.force_login(anders)
    inhoud = client.get(link(token)).content.decode()
    assert "U bent ingelogd met een ander account" in inhoud
    assert "Uitloggen en de uitnodiging opnieuw openen" in inhoud
    voor = _stand()
    response = client.post(link(token))
    assert response.status_code == 403
    assert _stand() == voor and not Lidmaatschap.objects.filter(gebruiker=anders).exists()
    with pytest.raises(uitnodigen.AnderAccount):
        uitnodigen.neem_aan(token, anders)
    assert _stand() == voor


def test_a_lezer_invited_as_coordinator_becomes_one_never_the_reverse(client, gemeente, coord):
    lez = UserFactory(username="lies@linkstad.example", email="lies@linkstad.example")
    Lidmaatschap.objects.create(gebruiker=lez, gemeente=gemeente, rol=ROL.LEZER)
    client.force_login(lez)
    response = client.post(
        link(_nodig_uit(gemeente, coord, lez.email, ROL.COORDINATOR)), follow=True
    )
    assert "U bent nu coördinator voor Linkstad." in response.content.decode()
    client.force_login(coord)
    response = client.post(link(_nodig_uit(gemeente, coord, coord.email, ROL.LEZER)), follow=True)
    assert "U werkte al in VIT voor Linkstad als coördinator" in response.content.decode()
    assert Lidmaatschap.objects.get(gebruiker=coord).rol == ROL.COORDINATOR


def test_a_new_coordinator_sets_up_the_second_step_when_required(client, gemeente, coord, settings):
    settings.VIT_TWEEDE_STAP_COORDINATOREN = True
    token = _nodig_uit(gemeente, coord, "nieuwe.coord@linkstad.example", ROL.COORDINATOR)
    response = client.post(link(token), _account())
    assert response.url == reverse("mijn-omgeving")
    response = client.get(response.url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("tweestaps-instellen"))
    assert Lidmaatschap.objects.get(gebruiker__username="nieuwe.coord@linkstad.example").rol == (
        ROL.COORDINATOR
    )


def test_free_text_is_escaped_and_the_token_stays_out_of_the_log(client, gemeente, coord, caplog):
    tokens = []
    uitnodigen.nodig_uit(
        gemeente,
        "x@linkstad.example",
        ROL.LEZER,
        door=coord,
        link_van=lambda t: tokens.append(t) or t,
        naam="<script>alert(1)</script>",
    )
    client.force_login(coord)
    inhoud = client.get(reverse("team:overzicht", args=[gemeente.code])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in inhoud and "<script>alert" not in inhoud
    client.logout()
    with caplog.at_level("INFO", logger="vit.verzoek"):
        client.get(link(tokens[0]))
    assert caplog.records and tokens[0] not in caplog.text


def test_an_account_made_meanwhile_gives_a_message_not_an_error(gemeente, coord, monkeypatch):
    """Two invitations of one new address, used at the same moment: the second finds the
    user name taken although it looked free a moment before."""
    token = _nodig_uit(gemeente, coord, "tegelijk@linkstad.example")
    UserFactory(username="tegelijk@linkstad.example")
    monkeypatch.setattr(uitnodigen, "account_voor", lambda email: None)
    voor = _stand()
    with pytest.raises(uitnodigen.LinkOngeldig, match="hoort al een account"):
        uitnodigen.maak_account(token, "Tim Tegelijk", STERK)
    assert _stand() == voor
