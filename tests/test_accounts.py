"""Logging in, the lock-out after failed attempts, password reset and logging out."""

import pytest
from django.core import mail
from django.urls import reverse

from .factories import WACHTWOORD, UserFactory, coordinator

pytestmark = pytest.mark.django_db


def test_login_with_the_right_password_leads_to_mijn_omgeving(client):
    user = coordinator()
    response = client.post(
        reverse("login"), {"username": user.username, "password": WACHTWOORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("mijn-omgeving")
    html = response.content.decode()
    assert user.lidmaatschappen.get().gemeente.naam in html
    assert "Coördinator" in html


def test_wrong_password_shows_a_dutch_message_and_keeps_the_user_out(client):
    user = UserFactory()
    response = client.post(reverse("login"), {"username": user.username, "password": "fout"})
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_account_is_locked_after_five_failed_attempts_even_with_the_right_password(client):
    user = UserFactory()
    for _ in range(5):
        client.post(reverse("login"), {"username": user.username, "password": "fout"})
    response = client.post(reverse("login"), {"username": user.username, "password": WACHTWOORD})
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lock_out_of_one_account_does_not_block_another(client):
    slachtoffer, ander = UserFactory(), UserFactory()
    for _ in range(5):
        client.post(reverse("login"), {"username": slachtoffer.username, "password": "fout"})
    response = client.post(reverse("login"), {"username": ander.username, "password": WACHTWOORD})
    assert response.status_code == 302


def test_password_reset_sends_a_dutch_mail_with_a_working_link(client):
    user = UserFactory(email="medewerker@example.org")
    response = client.post(reverse("password_reset"), {"email": user.email}, follow=True)
    assert "Kijk in uw e-mail" in response.content.decode()
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.subject == "Nieuw wachtwoord voor VIT"
    assert "nieuw wachtwoord" in bericht.body
    link = next(r for r in bericht.body.split() if "/wachtwoord-herstellen/" in r)
    pad = link.split("testserver", 1)[1]
    formulier = client.get(pad, follow=True)
    assert formulier.status_code == 200
    nieuw = "een-nieuw-sterk-wachtwoord-2026"
    client.post(formulier.redirect_chain[-1][0], {"new_password1": nieuw, "new_password2": nieuw})
    user.refresh_from_db()
    assert user.check_password(nieuw)


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post(
        reverse("password_reset"), {"email": "onbekend@example.org"}, follow=True
    )
    assert "Kijk in uw e-mail" in response.content.decode()
    assert mail.outbox == []


def test_logout_needs_a_post_and_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("mijn-omgeving")).status_code == 302


PROXY = "10.0.0.2"  # the hosting party's reverse proxy: every request comes from here


def _inloggen(client, user, wachtwoord, van, doorgestuurd=""):
    kop = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": doorgestuurd or van}
    return client.post(reverse("login"), {"username": user.username, "password": wachtwoord}, **kop)


def test_behind_a_proxy_one_persons_wrong_passwords_do_not_lock_out_the_others(client, settings):
    settings.VIT_PROXY_COUNT = 1
    user = UserFactory()
    for _ in range(5):
        _inloggen(client, user, "fout", van="203.0.113.7")
    # The person who typed wrong is locked out, also with the right password...
    assert _inloggen(client, user, WACHTWOORD, van="203.0.113.7").status_code == 429
    # ...but the same account from another address behind the same proxy is not.
    assert _inloggen(client, user, WACHTWOORD, van="198.51.100.4").status_code == 302


def test_behind_a_proxy_an_address_the_client_made_up_does_not_count(client, settings):
    settings.VIT_PROXY_COUNT = 1
    user = UserFactory()
    # The client sends its own X-Forwarded-For; the proxy appends the real address.
    for i in range(5):
        _inloggen(client, user, "fout", van="", doorgestuurd=f"192.0.2.{i}, 203.0.113.7")
    assert _inloggen(client, user, WACHTWOORD, van="203.0.113.7").status_code == 429


def test_without_proxies_the_forwarded_header_is_ignored(client, settings):
    settings.VIT_PROXY_COUNT = 0
    user = UserFactory()
    for i in range(5):
        _inloggen(client, user, "fout", van=f"192.0.2.{i}")
    # Every attempt came from the proxy's (the connection's) address: it is locked.
    assert _inloggen(client, user, WACHTWOORD, van="198.51.100.4").status_code == 429


def test_a_weak_new_password_after_a_reset_gets_a_dutch_reason_and_changes_nothing(client):
    user = UserFactory(email="zwak@example.org")
    client.post(reverse("password_reset"), {"email": user.email})
    link = next(r for r in mail.outbox[0].body.split() if "/wachtwoord-herstellen/" in r)
    formulier = client.get(link.split("testserver", 1)[1], follow=True)
    response = client.post(
        formulier.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    )
    html = response.content.decode()
    assert "Dit wachtwoord is te kort. Kies minstens 12 tekens." in html
    assert "Dit wachtwoord bestaat alleen uit cijfers." in html
    assert "This password" not in html
    user.refresh_from_db()
    assert user.check_password(WACHTWOORD)
