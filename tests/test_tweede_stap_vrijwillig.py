"""The second step for everyone who wants it: a coördinator or lezer turns it on (and off again)
from Mijn omgeving; ``VIT_TWEEDE_STAP_COORDINATOREN`` makes it required for coördinatoren."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .factories import WACHTWOORD, coordinator, lezer, vng_analist
from .otp import apparaat, huidige_code, tweede_factor

pytestmark = pytest.mark.django_db

CONTROLEREN = "/inloggen/tweede-stap/"
INSTELLEN = "/account/tweestapsverificatie/instellen/"
UITZETTEN = "/account/tweestapsverificatie/uitzetten/"


def _inloggen(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": WACHTWOORD})


def _verkeerd(device):
    """A code of the right shape that the app does not show now."""
    return "000000" if huidige_code(device) != "000000" else "111111"


def _zet_aan(client, user):
    """Turn the second step on as the set-up page does; returns the confirmed app."""
    client.get(INSTELLEN)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(INSTELLEN, {"code": huidige_code(device), "next": "/mijn-omgeving/"})
    assert response["Location"] == reverse("tweestaps-reservecodes")
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_a_coordinator_turns_it_on_and_the_next_login_asks_for_the_code(client, kader):
    user = coordinator()
    _inloggen(client, user)
    html = client.get(reverse("mijn-omgeving")).content.decode()
    assert "Inloggen in twee stappen staat uit" in html
    device = _zet_aan(client, user)
    assert "Uw reservecodes" in client.get(reverse("tweestaps-reservecodes")).content.decode()
    html = client.get(reverse("mijn-omgeving")).content.decode()
    assert "Inloggen in twee stappen staat aan" in html
    assert f'href="{reverse("tweestaps")}"' in html

    client.logout()
    response = _inloggen(client, user)
    assert response["Location"].startswith(CONTROLEREN)
    # Password alone no longer opens the scans.
    assert client.get("/scans/")["Location"].startswith(CONTROLEREN)
    fout = client.post(CONTROLEREN, {"code": _verkeerd(device)})
    assert fout.status_code == 200
    assert "Deze code klopt niet" in fout.content.decode()
    assert client.get("/scans/").status_code == 302
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    goed = client.post(CONTROLEREN, {"code": huidige_code(device), "next": "/scans/"})
    assert goed["Location"] == "/scans/"
    assert client.get("/scans/").status_code == 200


def test_a_lezer_can_set_it_up_too(client, kader):
    user = lezer()
    _inloggen(client, user)
    _zet_aan(client, user)
    client.logout()
    assert _inloggen(client, user)["Location"].startswith(CONTROLEREN)


def test_turning_it_off_needs_a_valid_code(client, kader):
    user = coordinator()
    device = tweede_factor(client, user)
    StaticDevice.objects.create(user=user, name="Reservecodes", confirmed=True)
    html = client.get(reverse("tweestaps")).content.decode()
    assert f'href="{UITZETTEN}"' in html

    assert client.post(UITZETTEN, {}).status_code == 200
    fout = client.post(UITZETTEN, {"code": "12345"})
    assert "6 cijfers" in fout.content.decode()
    fout = client.post(UITZETTEN, {"code": _verkeerd(device)})
    assert "Deze code klopt niet" in fout.content.decode()
    assert 'aria-invalid="true"' in fout.content.decode()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    response = client.post(UITZETTEN, {"code": huidige_code(device)})
    assert response["Location"] == reverse("mijn-omgeving")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert "staat uit" in client.get(reverse("mijn-omgeving")).content.decode()
    client.logout()
    assert _inloggen(client, user)["Location"] == reverse("mijn-omgeving")


def test_a_backup_code_also_turns_it_off(client, kader):
    from vit.tweestaps import maak_reservecodes

    user = lezer()
    tweede_factor(client, user)
    code = maak_reservecodes(user)[0]
    assert client.post(UITZETTEN, {"code": code})["Location"] == reverse("mijn-omgeving")
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_turning_it_off_needs_the_second_step_of_this_login(client, kader):
    user = coordinator()
    device = apparaat(user)
    _inloggen(client, user)
    response = client.post(UITZETTEN, {"code": huidige_code(device)})
    assert response["Location"].startswith(CONTROLEREN)
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_a_vng_analist_cannot_turn_it_off(client, kader):
    user = vng_analist()
    device = tweede_factor(client, user)
    assert "U kunt hem niet uitzetten" in client.get(reverse("tweestaps")).content.decode()
    assert f'href="{UITZETTEN}"' not in client.get(reverse("tweestaps")).content.decode()
    assert client.get(UITZETTEN).status_code == 404
    assert client.post(UITZETTEN, {"code": huidige_code(device)}).status_code == 404
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_the_setting_forces_a_coordinator_to_set_it_up(client, kader, settings):
    settings.VIT_TWEEDE_STAP_COORDINATOREN = True
    user = coordinator()
    assert _inloggen(client, user)["Location"].startswith(INSTELLEN)
    assert client.get("/scans/")["Location"].startswith(INSTELLEN)
    assert "verplicht" in client.get(INSTELLEN).content.decode()
    device = _zet_aan(client, user)
    html = client.get(reverse("mijn-omgeving")).content.decode()
    assert "namen en e-mailadressen van respondenten" in html
    assert f'href="{UITZETTEN}"' not in client.get(reverse("tweestaps")).content.decode()
    assert client.post(UITZETTEN, {"code": huidige_code(device)}).status_code == 404


def test_the_setting_leaves_a_lezer_free(client, kader, settings):
    settings.VIT_TWEEDE_STAP_COORDINATOREN = True
    user = lezer()
    assert _inloggen(client, user)["Location"] == reverse("mijn-omgeving")
    assert client.get("/scans/").status_code == 200


def test_without_the_setting_a_coordinator_goes_straight_on(client, kader, settings):
    settings.VIT_TWEEDE_STAP_COORDINATOREN = False
    user = coordinator()
    assert _inloggen(client, user)["Location"] == reverse("mijn-omgeving")
    assert client.get("/scans/").status_code == 200
    html = client.get(reverse("mijn-omgeving")).content.decode()
    assert "voor alle coördinatoren verplicht maken" in html


# Queries per page for a coördinator before the second step was open to everyone.
# Mijn omgeving: one more since it tells a coördinator whether requests for access wait.
VOORHEEN = {"/mijn-omgeving/": 6, "/scans/": 6}


@pytest.mark.parametrize("met_app", [False, True])
def test_the_check_costs_one_query_per_request(client, kader, met_app):
    """Groups, the app and the coördinator membership come in a single query per request, so
    a page costs no more queries than before (plus, with an app, django-otp loading the device
    of the session, as for every VNG role)."""
    user = coordinator()
    if met_app:
        tweede_factor(client, user)
    else:
        client.force_login(user)
    for url in (reverse("mijn-omgeving"), "/scans/"):
        with CaptureQueriesContext(connection) as vastgelegd:
            assert client.get(url).status_code == 200
        sql = [q["sql"] for q in vastgelegd.captured_queries]
        assert sum("auth_user_groups" in q for q in sql) == 1, url
        assert sum("otp_totp_totpdevice" in q and "UNION" in q.upper() for q in sql) == 1
        assert len(sql) <= VOORHEEN[url] + met_app, sql
