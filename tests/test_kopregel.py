"""The page header: someone answering from a personal link is not offered to log in or led away
by the site menu; everyone else keeps both."""

import pytest
from django.urls import reverse

from .factories import ScanFactory, coordinator, uitnodiging

pytestmark = pytest.mark.django_db


def test_a_respondent_without_account_sees_no_login_link_and_no_site_menu(client, kader):
    scan = ScanFactory()
    _, token = uitnodiging(scan)
    html = client.get(reverse("vragenlijst:start", args=[token]), follow=True).content.decode()
    assert scan.gemeente.naam in html  # the questionnaire itself, not an error page
    assert reverse("login") not in html
    assert 'aria-label="Hoofdmenu"' not in html


def test_the_public_pages_keep_the_login_link_and_the_menu(client, kader):
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("login")}">Inloggen</a>' in html
    assert 'aria-label="Hoofdmenu"' in html


def test_a_logged_in_coordinator_answering_keeps_the_menu(client, kader):
    scan = ScanFactory()
    gebruiker = coordinator(scan.gemeente)
    _, token = uitnodiging(scan)
    client.force_login(gebruiker)
    html = client.get(reverse("vragenlijst:start", args=[token]), follow=True).content.decode()
    assert 'aria-label="Hoofdmenu"' in html
    assert "Uitloggen" in html
