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
