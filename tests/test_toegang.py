"""Pages for staff are refused to others; private pages need a login."""

import pytest
from django.urls import reverse

from .factories import UserFactory, coordinator, inhoudsbeheerder, lezer, vng_analist
from .otp import tweede_factor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("maak", [coordinator, lezer, vng_analist, UserFactory])
def test_admin_is_refused_to_gemeente_users_and_analists(client, maak):
    tweede_factor(client, maak())
    for url in (
        reverse("admin:index"),
        reverse("admin:principles_checkvraag_changelist"),
        reverse("admin:assessments_gemeente_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_admin_is_refused_to_anonymous_visitors(client):
    response = client.get(reverse("admin:principles_kaderversie_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_inhoudsbeheerder_edits_content_but_not_users_or_gemeenten(client, kader):
    tweede_factor(client, inhoudsbeheerder())
    assert client.get(reverse("admin:principles_checkvraag_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:assessments_gemeente_changelist")).status_code == 403
    assert client.get(reverse("admin:assessments_lidmaatschap_changelist")).status_code == 403


def test_mijn_omgeving_needs_a_login(client):
    response = client.get(reverse("mijn-omgeving"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_mijn_omgeving_shows_only_the_own_gemeenten(client):
    eigen = coordinator()
    ander = coordinator()
    client.force_login(eigen)
    html = client.get(reverse("mijn-omgeving")).content.decode()
    assert eigen.lidmaatschappen.get().gemeente.naam in html
    assert ander.lidmaatschappen.get().gemeente.naam not in html


def test_beheer_link_only_for_content_staff(client, kader):
    client.force_login(coordinator())
    assert reverse("admin:index") not in client.get(reverse("home")).content.decode()
    tweede_factor(client, inhoudsbeheerder())
    assert reverse("admin:index") in client.get(reverse("home")).content.decode()
