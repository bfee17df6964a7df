import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessments.management.commands.maak_demo import DEMO_WACHTWOORD
from assessments.models import Lidmaatschap
from vit.roles import is_inhoudsbeheerder, is_vng_analist

pytestmark = pytest.mark.django_db


def test_demo_accounts_can_log_in_with_their_roles(client, gemeenten, capsys):
    call_command("maak_demo", "--ook-zonder-debug", "--zonder-historie")
    uitvoer = capsys.readouterr().out
    assert DEMO_WACHTWOORD in uitvoer
    for naam in ("coordinator", "lezer", "analist", "inhoud"):
        assert naam in uitvoer
        response = client.post(reverse("login"), {"username": naam, "password": DEMO_WACHTWOORD})
        assert response.status_code == 302, naam
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.all()}
    assert Lidmaatschap.objects.get(gebruiker=users["coordinator"]).rol == "coordinator"
    assert Lidmaatschap.objects.get(gebruiker=users["lezer"]).rol == "lezer"
    assert is_vng_analist(users["analist"])
    assert is_inhoudsbeheerder(users["inhoud"]) and users["inhoud"].is_staff


def test_demo_command_twice_keeps_one_set_of_accounts(gemeenten):
    call_command("maak_demo", "--ook-zonder-debug", "--zonder-historie")
    call_command("maak_demo", "--ook-zonder-debug", "--zonder-historie")
    assert Lidmaatschap.objects.count() == 3  # the demo team: two coördinatoren and a lezer


def test_demo_command_refuses_in_production(gemeenten, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="niet in productie"):
        call_command("maak_demo")


def test_the_demo_gemeente_has_a_team_of_three_with_two_coordinatoren(client, gemeenten):
    call_command("maak_demo", "--ook-zonder-debug", "--zonder-historie")
    from assessments.models import Gemeente

    gemeente = Gemeente.objects.get(code="GM0307")
    rollen = sorted(gemeente.leden.values_list("gebruiker__username", "rol"))
    assert rollen == [
        ("collega", "coordinator"),
        ("coordinator", "coordinator"),
        ("lezer", "lezer"),
    ]
    client.post(reverse("login"), {"username": "coordinator", "password": DEMO_WACHTWOORD})
    html = client.get(reverse("team:overzicht", args=["GM0307"])).content.decode()
    assert "Cem Collega" in html and "Lars Lezer" in html
