"""The team page of a gemeente: who works for it, changing roles, taking people out of the team,
never without a coördinator, only for one's own gemeente, and every change in the audit log."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.gemeenten import team
from assessments.models import Lidmaatschap

from .factories import GemeenteFactory, LidmaatschapFactory, UserFactory, coordinator, lezer

pytestmark = pytest.mark.django_db

ROL = Lidmaatschap.Rol


@pytest.fixture
def stand():
    gemeente = GemeenteFactory(naam="Teamstad")
    coord = coordinator(gemeente, gebruiker=UserFactory(first_name="Carla", last_name="Coord"))
    lez = lezer(gemeente, gebruiker=UserFactory(first_name="Lars", last_name="Lezer"))
    coord.last_login = timezone.now() - timedelta(days=2)
    coord.save()
    return {
        "gemeente": gemeente,
        "coord": coord,
        "lezer": lez,
        "lid_coord": Lidmaatschap.objects.get(gebruiker=coord, gemeente=gemeente),
        "lid_lezer": Lidmaatschap.objects.get(gebruiker=lez, gemeente=gemeente),
    }


def _url(naam, gemeente, *args):
    return reverse(f"team:{naam}", args=[gemeente.code, *args])


def _rol(client, stand, lid, gezien, nieuw):
    return client.post(
        _url("rol", stand["gemeente"], lid.pk), {"gezien": gezien, "rol": nieuw}, follow=True
    )


def test_the_coordinator_sees_names_addresses_roles_and_last_login(client, stand):
    client.force_login(stand["coord"])  # sets the coördinator's own last login to now
    inhoud = client.get(_url("overzicht", stand["gemeente"])).content.decode()
    assert "Carla Coord (uzelf)" in inhoud
    assert "Lars Lezer" in inhoud
    assert stand["lezer"].email in inhoud
    assert "<dt>Rol</dt><dd>Lezer</dd>" in inhoud and "<dt>Rol</dt><dd>Coördinator</dd>" in inhoud
    assert "nog nooit" in inhoud  # the lezer never logged in
    assert timezone.localtime().strftime("%Y") in inhoud
    # One card per member (no wide table at 390 px), in a region named by its heading.
    assert '<section class="vit-team" aria-labelledby="team-lijst">' in inhoud
    assert (
        '<h2 class="utrecht-heading-2" id="team-lijst">Wie werkt in VIT voor Teamstad (2)' in inhoud
    )
    assert inhoud.count('<li class="vit-card vit-team__lid">') == 2
    assert "<table" not in inhoud.split("<main", 1)[1]


def test_mijn_omgeving_links_to_the_team(client, stand):
    client.force_login(stand["lezer"])
    inhoud = client.get(reverse("mijn-omgeving")).content.decode()
    assert f'href="{_url("overzicht", stand["gemeente"])}">Team Teamstad</a>' in inhoud
    response = client.get(reverse("team:kiezen"))
    assert response.status_code == 302
    assert response.url == _url("overzicht", stand["gemeente"])


def test_someone_of_two_gemeenten_chooses(client, stand):
    tweede = GemeenteFactory(naam="Tweedestad")
    LidmaatschapFactory(gebruiker=stand["coord"], gemeente=tweede, rol=ROL.LEZER)
    client.force_login(stand["coord"])
    inhoud = client.get(reverse("team:kiezen")).content.decode()
    assert _url("overzicht", stand["gemeente"]) in inhoud
    assert _url("overzicht", tweede) in inhoud
    # Mijn omgeving links each team by its name.
    inhoud = client.get(reverse("mijn-omgeving")).content.decode()
    assert f'href="{_url("overzicht", tweede)}">Team Tweedestad</a>' in inhoud
    assert f'href="{_url("overzicht", stand["gemeente"])}">Team Teamstad</a>' in inhoud
    # On the team page of one, the other is offered as well.
    assert (
        _url("overzicht", tweede)
        in client.get(_url("overzicht", stand["gemeente"])).content.decode()
    )


def test_the_lezer_sees_names_and_roles_only(client, stand):
    client.force_login(stand["lezer"])
    inhoud = client.get(_url("overzicht", stand["gemeente"])).content.decode()
    assert "Carla Coord" in inhoud and "Coördinator" in inhoud
    assert stand["coord"].email not in inhoud
    assert "<form" not in inhoud.split("<main", 1)[1]
    assert "Laatste wijzigingen" not in inhoud


def test_the_coordinator_changes_a_role_both_ways(client, stand):
    client.force_login(stand["coord"])
    lid = stand["lid_lezer"]
    response = _rol(client, stand, lid, "lezer", "coordinator")
    assert "Lars Lezer is nu coördinator." in response.content.decode()
    lid.refresh_from_db()
    assert lid.rol == ROL.COORDINATOR
    _rol(client, stand, lid, "coordinator", "lezer")
    lid.refresh_from_db()
    assert lid.rol == ROL.LEZER


def test_removal_goes_through_a_confirmation_page(client, stand):
    client.force_login(stand["coord"])
    lid = stand["lid_lezer"]
    url = _url("verwijderen", stand["gemeente"], lid.pk)
    inhoud = client.get(url).content.decode()
    assert "Lars Lezer uit het team halen?" in inhoud
    assert Lidmaatschap.objects.filter(pk=lid.pk).exists()  # looking changes nothing
    response = client.post(url, {"gezien": "lezer"}, follow=True)
    assert "staat niet meer in het team van Teamstad" in response.content.decode()
    assert not Lidmaatschap.objects.filter(pk=lid.pk).exists()
    stand["lezer"].refresh_from_db()  # the account stays
    assert (
        "Lars Lezer"
        not in client.get(_url("overzicht", stand["gemeente"]))
        .content.decode()
        .split('id="team-lijst"')[1]
        .split("</section>")[0]
    )


def test_the_last_coordinator_cannot_be_demoted_or_removed(client, stand):
    client.force_login(stand["coord"])
    lid = stand["lid_coord"]
    response = _rol(client, stand, lid, "coordinator", "lezer")
    assert "de enige coördinator van deze gemeente" in response.content.decode()
    response = client.post(
        _url("verwijderen", stand["gemeente"], lid.pk), {"gezien": "coordinator"}, follow=True
    )
    assert "de enige coördinator van deze gemeente" in response.content.decode()
    lid.refresh_from_db()
    assert lid.rol == ROL.COORDINATOR
    assert not LogEntry.objects.filter(action=LogEntry.Action.DELETE).exists()


def test_oneself_only_with_another_coordinator(client, stand):
    tweede = coordinator(stand["gemeente"])
    client.force_login(stand["coord"])
    _rol(client, stand, stand["lid_coord"], "coordinator", "lezer")
    stand["lid_coord"].refresh_from_db()
    assert stand["lid_coord"].rol == ROL.LEZER
    # Now a lezer: no more changes, and the other coördinator is the last one.
    lid_tweede = Lidmaatschap.objects.get(gebruiker=tweede)
    assert _rol(client, stand, lid_tweede, "coordinator", "lezer").status_code == 403
    client.force_login(tweede)
    response = client.post(
        _url("verwijderen", stand["gemeente"], lid_tweede.pk),
        {"gezien": "coordinator"},
        follow=True,
    )
    assert "de enige coördinator" in response.content.decode()
    assert Lidmaatschap.objects.filter(pk=lid_tweede.pk).exists()


def test_two_coordinators_demoting_each_other_leave_one(client, stand):
    """Both pages showed two coördinatoren; the second request finds the situation changed."""
    tweede = coordinator(stand["gemeente"])
    lid_tweede = Lidmaatschap.objects.get(gebruiker=tweede)
    eerste = team.wijzig_rol(stand["lid_coord"], lid_tweede.pk, "coordinator", "lezer")
    assert eerste.rol == ROL.LEZER
    door_tweede = Lidmaatschap.objects.get(gebruiker=tweede)  # a lezer now, but the old page
    door_tweede.rol = ROL.COORDINATOR  # the check at the door was passed before
    with pytest.raises(team.TeamFout, match="geen coördinator meer"):
        team.wijzig_rol(door_tweede, stand["lid_coord"].pk, "coordinator", "lezer")
    # And the last coördinator cannot demote themselves either.
    with pytest.raises(team.TeamFout, match="enige coördinator"):
        team.wijzig_rol(stand["lid_coord"], stand["lid_coord"].pk, "coordinator", "lezer")
    assert Lidmaatschap.objects.filter(gemeente=stand["gemeente"], rol=ROL.COORDINATOR).count() == 1


def test_a_coordinator_demoted_meanwhile_changes_nothing(stand):
    """The check at the door passed, then someone else made this coördinator a lezer."""
    tweede = coordinator(stand["gemeente"])
    door_tweede = Lidmaatschap.objects.get(gebruiker=tweede)
    team.wijzig_rol(stand["lid_coord"], door_tweede.pk, "coordinator", "lezer")
    with pytest.raises(team.TeamFout, match="geen coördinator meer"):
        team.wijzig_rol(door_tweede, stand["lid_lezer"].pk, "lezer", "coordinator")
    with pytest.raises(team.TeamFout, match="geen coördinator meer"):
        team.verwijder_lid(door_tweede, stand["lid_lezer"].pk, "lezer")
    stand["lid_lezer"].refresh_from_db()
    assert stand["lid_lezer"].rol == ROL.LEZER


def test_a_change_based_on_an_old_page_is_refused(client, stand):
    client.force_login(stand["coord"])
    lid = stand["lid_lezer"]
    Lidmaatschap.objects.filter(pk=lid.pk).update(rol=ROL.COORDINATOR)  # someone else was first
    response = _rol(client, stand, lid, "lezer", "coordinator")
    assert "intussen al gewijzigd" in response.content.decode()
    response = client.post(
        _url("verwijderen", stand["gemeente"], lid.pk), {"gezien": "lezer"}, follow=True
    )
    assert "intussen al gewijzigd" in response.content.decode()
    assert Lidmaatschap.objects.filter(pk=lid.pk, rol=ROL.COORDINATOR).exists()


def test_a_lezer_cannot_post_anything(client, stand):
    client.force_login(stand["lezer"])
    gemeente, lid = stand["gemeente"], stand["lid_coord"]
    assert (
        client.post(
            _url("rol", gemeente, lid.pk), {"gezien": "coordinator", "rol": "lezer"}
        ).status_code
        == 403
    )
    assert (
        client.post(_url("verwijderen", gemeente, lid.pk), {"gezien": "coordinator"}).status_code
        == 403
    )
    assert client.get(_url("verwijderen", gemeente, lid.pk)).status_code == 403
    lid.refresh_from_db()
    assert lid.rol == ROL.COORDINATOR
    assert Lidmaatschap.objects.filter(gemeente=gemeente).count() == 2


def test_a_coordinator_of_a_never_sees_or_changes_b(client, stand):
    andere = GemeenteFactory(naam="Anderstad")
    lid_b = LidmaatschapFactory(gemeente=andere, rol=ROL.LEZER)
    client.force_login(stand["coord"])
    assert client.get(_url("overzicht", andere)).status_code == 404
    assert client.get(_url("verwijderen", andere, lid_b.pk)).status_code == 404
    assert (
        client.post(
            _url("rol", andere, lid_b.pk), {"gezien": "lezer", "rol": "coordinator"}
        ).status_code
        == 404
    )
    assert (
        client.post(_url("verwijderen", andere, lid_b.pk), {"gezien": "lezer"}).status_code == 404
    )
    # Nor through the own gemeente's address with the other gemeente's member.
    eigen = stand["gemeente"]
    assert client.get(_url("verwijderen", eigen, lid_b.pk)).status_code == 404
    response = client.post(
        _url("rol", eigen, lid_b.pk), {"gezien": "lezer", "rol": "coordinator"}, follow=True
    )
    assert "niet meer in het team" in response.content.decode()
    client.post(_url("verwijderen", eigen, lid_b.pk), {"gezien": "lezer"})
    lid_b.refresh_from_db()
    assert lid_b.rol == ROL.LEZER
    # Someone without any gemeente.
    client.force_login(UserFactory())
    assert client.get(reverse("team:kiezen")).status_code == 403
    assert client.get(_url("overzicht", eigen)).status_code == 404


def test_changes_are_logged_with_who_did_it_and_shown(client, stand):
    client.force_login(stand["coord"])
    lid = stand["lid_lezer"]
    _rol(client, stand, lid, "lezer", "coordinator")
    client.post(_url("verwijderen", stand["gemeente"], lid.pk), {"gezien": "coordinator"})
    entries = LogEntry.objects.filter(
        additional_data__gemeente_id=stand["gemeente"].pk, actor=stand["coord"]
    )
    assert {e.action for e in entries} == {LogEntry.Action.UPDATE, LogEntry.Action.DELETE}
    inhoud = client.get(_url("overzicht", stand["gemeente"])).content.decode()
    assert "Lars Lezer uit het team gehaald, door Carla Coord." in inhoud
    assert "Rol van Lars Lezer gewijzigd van lezer in coördinator, door Carla Coord." in inhoud
    # Another gemeente's history is not shown here.
    andere = GemeenteFactory()
    LidmaatschapFactory(
        gemeente=andere, gebruiker=UserFactory(first_name="Xander", last_name="Elders")
    )
    assert "Xander" not in client.get(_url("overzicht", stand["gemeente"])).content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_query_count_does_not_grow_with_the_team(client, stand):
    client.force_login(stand["coord"])
    url = _url("overzicht", stand["gemeente"])
    for _ in range(2):
        LidmaatschapFactory(gemeente=stand["gemeente"], rol=ROL.LEZER)
    _queries(client, url)
    klein = _queries(client, url)
    for lid in [LidmaatschapFactory(gemeente=stand["gemeente"], rol=ROL.LEZER) for _ in range(8)]:
        team.wijzig_rol(stand["lid_coord"], lid.pk, "lezer", "coordinator")
    assert _queries(client, url) == klein
