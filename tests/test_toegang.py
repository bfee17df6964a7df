"""Pages for staff are refused to others; private pages need a login."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse, reverse_lazy

from assessments.models import Lidmaatschap
from vit.roles import INHOUDSBEHEERDER, RONDEBEHEERDER

from .factories import (
    LidmaatschapFactory,
    UserFactory,
    coordinator,
    inhoudsbeheerder,
    lezer,
    rondebeheerder,
    vng_analist,
)
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


def _mijn_omgeving(client) -> str:
    html = client.get(reverse("mijn-omgeving")).content.decode()
    return html.split("<main", 1)[1].split("</main>", 1)[0]


VRAAG_DE_BEHEERDER = "Vraag de beheerder van VIT"


@pytest.mark.parametrize(
    ("maak", "kop", "link", "afwezig"),
    [
        (
            vng_analist,
            "VNG-analist: vergelijken",
            reverse_lazy("vergelijken:overzicht"),
            ["Rondebeheer", "Inhoudsbeheer", "Functioneel beheer", "Mijn gemeente"],
        ),
        (
            inhoudsbeheerder,
            "Inhoudsbeheer: het kader beheren",
            reverse_lazy("admin:principles_kaderversie_changelist"),
            ["VNG-analist", "Rondebeheer", "Functioneel beheer", "Mijn gemeente"],
        ),
        (
            lambda: UserFactory(is_staff=True, is_superuser=True),
            "Functioneel beheer",
            reverse_lazy("admin:assessments_lidmaatschap_changelist"),
            ["VNG-analist", "Inhoudsbeheer", "Mijn gemeente"],
        ),
    ],
)
def test_mijn_omgeving_gives_each_vng_role_its_own_start(client, kader, maak, kop, link, afwezig):
    tweede_factor(client, maak())
    main = _mijn_omgeving(client)
    assert kop in main
    assert f'href="{link}"' in main
    assert VRAAG_DE_BEHEERDER not in main and "nog niet voor een gemeente" not in main
    for andere in afwezig:
        assert andere not in main, andere


def test_mijn_omgeving_of_a_rondebeheerder_links_to_publishing_rondes(client, kader):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=RONDEBEHEERDER))
    tweede_factor(client, user)
    main = _mijn_omgeving(client)
    assert "Rondebeheer: rondes publiceren" in main
    assert f'href="{reverse("vergelijken:rondes")}"' in main
    assert "VNG-analist" not in main and VRAAG_DE_BEHEERDER not in main


def _hoofdmenu(client, url) -> str:
    html = client.get(url).content.decode()
    return html.split('aria-label="Hoofdmenu"', 1)[1].split("</nav>", 1)[0]


def test_the_main_menu_of_a_rondebeheerder_leads_to_the_rondes(client, kader):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=RONDEBEHEERDER))
    tweede_factor(client, user)
    rondes = reverse("vergelijken:rondes")
    menu = _hoofdmenu(client, reverse("home"))
    assert f'href="{rondes}">Rondes</a>' in menu
    assert reverse("vergelijken:overzicht") + '"' not in menu
    # On the rondes page itself, the item is marked as the current one.
    assert client.get(rondes).status_code == 200
    assert f'href="{rondes}" aria-current="page">Rondes</a>' in _hoofdmenu(client, rondes)


@pytest.mark.parametrize("maak", [rondebeheerder, vng_analist])
def test_analisten_reach_the_rondes_through_vergelijken(client, kader, maak):
    tweede_factor(client, maak())
    menu = _hoofdmenu(client, reverse("home"))
    assert f'href="{reverse("vergelijken:overzicht")}">Vergelijken</a>' in menu
    assert ">Rondes</a>" not in menu


def test_a_coordinator_gets_no_rondes_in_the_menu(client):
    client.force_login(coordinator())
    menu = _hoofdmenu(client, reverse("home"))
    assert ">Rondes</a>" not in menu and ">Vergelijken</a>" not in menu


def test_someone_with_several_roles_sees_each_of_them(client, kader):
    user = rondebeheerder()  # a VNG-analist who also publishes
    user.groups.add(Group.objects.get(name=INHOUDSBEHEERDER))
    user.is_staff = True
    user.save()
    LidmaatschapFactory(gebruiker=user, rol=Lidmaatschap.Rol.LEZER)
    tweede_factor(client, user)
    main = _mijn_omgeving(client)
    for kop in (
        "Mijn gemeente",
        "VNG-analist: vergelijken",
        "Rondebeheer: rondes publiceren",
        "Inhoudsbeheer: het kader beheren",
    ):
        assert kop in main, kop
    assert f'href="{reverse("scans:lijst")}"' in main
    assert VRAAG_DE_BEHEERDER not in main


def test_mijn_omgeving_says_what_a_coordinator_and_a_lezer_can_do(client):
    client.force_login(coordinator())
    main = _mijn_omgeving(client)
    assert "<strong>Coördinator</strong>" in main and "scores en de ambities vaststellen" in main
    assert f'href="{reverse("scans:lijst")}"' in main
    client.force_login(lezer())
    main = _mijn_omgeving(client)
    assert "<strong>Lezer</strong> (alleen lezen)" in main
    assert "u wijzigt niets" in main
    assert "geen namen of e-mailadressen" in main
    assert "de spiegel, het ontwikkelplan en het rapport" in main
    assert f'href="{reverse("scans:lijst")}"' in main
    assert VRAAG_DE_BEHEERDER not in main


def test_only_someone_without_any_role_is_sent_to_the_beheerder(client):
    client.force_login(UserFactory())
    main = _mijn_omgeving(client)
    assert VRAAG_DE_BEHEERDER in main
    assert "Mijn gemeente" not in main and "Functioneel beheer" not in main
    assert reverse("scans:lijst") not in main
