"""Two-step verification: required for analisten, inhoudsbeheerders and superusers."""

import time
from base64 import b32encode
from datetime import timedelta
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from vit.tweestaps import maak_reservecodes, wacht_melding

from .factories import WACHTWOORD, UserFactory, coordinator, inhoudsbeheerder, lezer, vng_analist
from .otp import apparaat, huidige_code, tweede_factor

pytestmark = pytest.mark.django_db

CONTROLEREN = "/inloggen/tweede-stap/"
INSTELLEN = "/account/tweestapsverificatie/instellen/"


def _log_in_met_wachtwoord(client, user):
    response = client.post(
        reverse("login"), {"username": user.username, "password": WACHTWOORD}, follow=False
    )
    assert response.status_code == 302
    return response


def _superuser():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.mark.parametrize(
    ("maak", "url", "inhoud"),
    [
        (vng_analist, "/vergelijken/", b"Aantal gemeenten"),
        (vng_analist, "/vergelijken/scores/?formaat=csv", b"aantal gemeenten"),
        (inhoudsbeheerder, "/beheer/", b"VIT beheer"),
        (_superuser, "/beheer/assessments/gemeente/", b"gemeente"),
        (vng_analist, "/mijn-omgeving/", b"Mijn omgeving"),
    ],
)
def test_password_alone_is_refused(client, kader, maak, url, inhoud):
    user = maak()
    apparaat(user)
    _log_in_met_wachtwoord(client, user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(CONTROLEREN)
    assert "next=" in response["Location"]
    assert inhoud not in response.content


@pytest.mark.parametrize("maak", [vng_analist, inhoudsbeheerder, _superuser])
@pytest.mark.parametrize("volgende", ["/kader/", "/", "/vergelijken/scores/"])
def test_after_the_password_the_login_goes_to_the_second_step_keeping_next(
    client, kader, maak, volgende
):
    user = maak()
    device = apparaat(user)
    response = client.post(
        reverse("login"),
        {"username": user.username, "password": WACHTWOORD, "next": volgende},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{CONTROLEREN}?{urlencode({'next': volgende})}"
    response = client.post(CONTROLEREN, {"code": huidige_code(device), "next": volgende})
    assert response["Location"] == volgende


@pytest.mark.parametrize("maak", [vng_analist, inhoudsbeheerder, _superuser])
def test_after_the_password_without_an_app_the_login_goes_to_set_up(client, kader, maak):
    user = maak()
    response = _log_in_met_wachtwoord(client, user)
    assert response["Location"].startswith(INSTELLEN)
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("maak", [coordinator, lezer])
def test_gemeente_users_go_straight_on_after_the_password(client, kader, maak):
    response = _log_in_met_wachtwoord(client, maak())
    assert response["Location"] == reverse("mijn-omgeving")


@pytest.mark.parametrize(
    "buiten", ["https://elders.example/", "//elders.example/", "http://testserver.elders.example/"]
)
def test_an_outside_next_is_refused_at_every_step(client, kader, buiten):
    user = inhoudsbeheerder()
    response = client.post(
        reverse("login"), {"username": user.username, "password": WACHTWOORD, "next": buiten}
    )
    assert "elders.example" not in response["Location"]
    assert client.get(INSTELLEN, {"next": buiten}).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(INSTELLEN, {"code": huidige_code(device), "next": buiten})
    assert response["Location"] == reverse("tweestaps-reservecodes")
    html = client.get(reverse("tweestaps-reservecodes")).content.decode()
    assert "elders.example" not in html
    assert f'href="{reverse("mijn-omgeving")}"' in html


@pytest.mark.parametrize("relatief", ["foo", "scans/", "mijn-omgeving", "./"])
def test_a_relative_next_at_set_up_leads_to_mijn_omgeving(client, kader, relatief):
    user = inhoudsbeheerder()
    _log_in_met_wachtwoord(client, user)
    assert client.get(INSTELLEN, {"next": relatief}).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(INSTELLEN, {"code": huidige_code(device), "next": relatief})
    assert response["Location"] == reverse("tweestaps-reservecodes")
    response = client.get(reverse("tweestaps-reservecodes"))
    assert response.status_code == 200
    assert f'href="{reverse("mijn-omgeving")}"' in response.content.decode()


def test_the_comparison_refuses_an_unverified_analist_even_without_the_middleware(
    client, kader, settings
):
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "vit.middleware.TweedeFactorMiddleware"
    ]
    client.force_login(vng_analist())
    for url in ("/vergelijken/", "/vergelijken/scores/?formaat=csv"):
        response = client.get(url)
        assert response.status_code == 403
        assert b"aantal gemeenten" not in response.content.lower()


def test_the_set_up_page_shows_an_svg_qr_code_without_inline_style_and_the_key(client, kader):
    user = vng_analist()
    _log_in_met_wachtwoord(client, user)
    response = client.get(INSTELLEN)
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and 'aria-label="QR-code' in svg
    assert "style" not in svg and "<script" not in svg and "data:" not in svg
    device = TOTPDevice.objects.get(user=user)
    sleutel = b32encode(device.bin_key).decode()
    blokken = [sleutel[i : i + 4] for i in range(0, len(sleutel), 4)]
    assert "".join(f"<span>{b}</span> " for b in blokken) in html
    assert 'inputmode="numeric"' in html and 'autocomplete="one-time-code"' in html
    assert "style-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_codes_with_spaces_are_accepted(client, kader):
    user = vng_analist()
    device = apparaat(user)
    _log_in_met_wachtwoord(client, user)
    code = huidige_code(device)
    response = client.post(CONTROLEREN, {"code": f" {code[:3]} {code[3:]} "})
    assert response.status_code == 302
    assert client.get("/vergelijken/").status_code == 200


def test_without_an_app_the_user_is_sent_to_set_it_up(client, kader):
    user = vng_analist()
    _log_in_met_wachtwoord(client, user)
    response = client.get("/vergelijken/")
    assert response["Location"].startswith(INSTELLEN)


@pytest.mark.parametrize("maak", [coordinator, lezer])
def test_gemeente_users_need_no_second_factor_but_may_set_it_up(client, kader, maak):
    user = maak()
    _log_in_met_wachtwoord(client, user)
    assert client.get("/mijn-omgeving/").status_code == 200
    assert client.get("/scans/").status_code == 200
    assert client.get(INSTELLEN).status_code == 200


def test_the_code_from_the_app_lets_the_analist_in_and_keeps_next(client, kader):
    user = vng_analist()
    device = apparaat(user)
    _log_in_met_wachtwoord(client, user)
    sessie_voor = client.cookies["sessionid"].value
    response = client.post(
        CONTROLEREN, {"code": huidige_code(device), "next": "/vergelijken/check-vragen/"}
    )
    assert response.status_code == 302 and response["Location"] == "/vergelijken/check-vragen/"
    assert client.cookies["sessionid"].value != sessie_voor  # new session key after the step
    assert client.get("/vergelijken/").status_code == 200


def test_a_wrong_code_is_refused_with_a_linked_dutch_message(client, kader):
    user = vng_analist()
    device = apparaat(user)
    _log_in_met_wachtwoord(client, user)
    fout = f"{(int(huidige_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(CONTROLEREN, {"code": fout})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze code klopt niet" in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="' in html
    assert client.get("/vergelijken/").status_code == 302


def test_a_code_of_the_wrong_shape_is_explained(client, kader):
    user = vng_analist()
    apparaat(user)
    _log_in_met_wachtwoord(client, user)
    html = client.post(CONTROLEREN, {"code": "12ab"}).content.decode()
    assert "6 cijfers" in html


def test_repeated_wrong_codes_make_the_user_wait(client, kader):
    user = vng_analist()
    device = apparaat(user)
    _log_in_met_wachtwoord(client, user)
    fout = f"{(int(huidige_code(device)) + 7) % 1_000_000:06d}"
    for _ in range(3):
        client.post(CONTROLEREN, {"code": fout})
    # Now even the right code is refused until the wait is over.
    html = client.post(CONTROLEREN, {"code": huidige_code(device)}).content.decode()
    assert "Wacht nog " in html and "korte pauze" in html
    assert client.get("/vergelijken/").status_code == 302


def _na_onjuiste_codes(device, aantal, moment):
    """The app as django-otp leaves it ``aantal`` wrong codes in a row, the last at ``moment``
    (it then waits 1, 2, 4 ... seconds)."""
    device.throttling_failure_count = aantal
    device.throttling_failure_timestamp = moment
    device.save(update_fields=["throttling_failure_count", "throttling_failure_timestamp"])


def test_one_wrong_code_asks_kindly_for_a_wait_of_1_seconde(client, kader):
    user = vng_analist()
    device = apparaat(user)
    _log_in_met_wachtwoord(client, user)
    nu = timezone.now()
    fout = f"{(int(huidige_code(device)) + 7) % 1_000_000:06d}"
    with mock.patch("django.utils.timezone.now", return_value=nu):
        assert "Deze code klopt niet" in client.post(CONTROLEREN, {"code": fout}).content.decode()
        # The next, correct code comes in within the second: it is asked to wait, kindly.
        html = client.post(CONTROLEREN, {"code": huidige_code(device)}).content.decode()
    assert "Wacht nog 1 seconde en probeer het dan opnieuw" in html
    assert "1 seconden" not in html and "te vaak" not in html
    assert "korte pauze" in html and "niemand uw code kan raden" in html
    assert client.get("/vergelijken/").status_code == 302
    # After the pause the code of that moment is accepted.
    with mock.patch("django.utils.timezone.now", return_value=nu + timedelta(seconds=2)):
        response = client.post(CONTROLEREN, {"code": huidige_code(device)})
    assert response.status_code == 302
    assert client.get("/vergelijken/").status_code == 200


def test_a_longer_wait_is_said_in_seconden(client, kader):
    user = vng_analist()
    device = apparaat(user)
    _log_in_met_wachtwoord(client, user)
    nu = timezone.now()
    _na_onjuiste_codes(device, 3, nu)
    with mock.patch("django.utils.timezone.now", return_value=nu):
        html = client.post(CONTROLEREN, {"code": huidige_code(device)}).content.decode()
    assert "Wacht nog 4 seconden en" in html


@pytest.mark.parametrize(
    ("seconden", "tekst"),
    [
        (1, "Wacht nog 1 seconde en"),
        (2, "Wacht nog 2 seconden en"),
        (59, "Wacht nog 59 seconden en"),
        (60, "Wacht nog 1 minuut en"),
        (130, "Wacht nog 3 minuten en"),
    ],
)
def test_the_wait_is_said_in_singular_or_plural(seconden, tekst):
    assert wacht_melding(seconden).startswith(tekst)


def test_a_backup_code_works_exactly_once(client, kader):
    user = vng_analist()
    apparaat(user)
    codes = maak_reservecodes(user)
    _log_in_met_wachtwoord(client, user)
    response = client.post(CONTROLEREN, {"code": codes[0].upper()}, follow=True)
    assert response.status_code == 200
    assert "nog 9 reservecodes" in response.content.decode()
    client.logout()
    _log_in_met_wachtwoord(client, user)
    html = client.post(CONTROLEREN, {"code": codes[0]}).content.decode()
    assert "Deze code klopt niet" in html
    assert client.get("/vergelijken/").status_code == 302


def test_an_outside_next_is_not_followed(client, kader):
    user = vng_analist()
    device = apparaat(user)
    _log_in_met_wachtwoord(client, user)
    response = client.post(
        CONTROLEREN, {"code": huidige_code(device), "next": "https://elders.example/"}
    )
    assert response["Location"] == reverse("mijn-omgeving")


def test_setting_up_confirms_the_app_only_with_a_correct_code(client, kader):
    user = inhoudsbeheerder()
    _log_in_met_wachtwoord(client, user)
    html = client.get(INSTELLEN).content.decode()
    assert '<svg class="vit-qr" role="img" aria-label="QR-code' in html
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    fout = f"{(int(huidige_code(device)) + 1) % 1_000_000:06d}"
    assert "Deze code klopt niet" in client.post(INSTELLEN, {"code": fout}).content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/beheer/").status_code == 302

    time.sleep(1.1)  # after one wrong code the next try waits a second
    response = client.post(INSTELLEN, {"code": huidige_code(device)})
    assert response["Location"] == reverse("tweestaps-reservecodes")
    device.refresh_from_db()
    assert device.confirmed
    codes_html = client.get(reverse("tweestaps-reservecodes")).content.decode()
    codes = StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True)
    assert len(codes) == 10 and all(code in codes_html for code in codes)
    # Shown once: a second visit shows no codes.
    tweede = client.get(reverse("tweestaps-reservecodes"), follow=True).content.decode()
    assert not any(code in tweede for code in codes)
    assert client.get("/beheer/").status_code == 200


def test_someone_with_only_the_password_cannot_add_a_new_app(client, kader):
    user = vng_analist()
    apparaat(user)
    _log_in_met_wachtwoord(client, user)
    response = client.get(INSTELLEN)
    assert response.status_code == 302 and response["Location"].startswith(CONTROLEREN)
    assert client.post(INSTELLEN, {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_new_backup_codes_need_a_tick_first(client, kader):
    user = vng_analist()
    oud = maak_reservecodes(user)
    tweede_factor(client, user)
    response = client.post(reverse("tweestaps"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vink aan dat u nieuwe reservecodes wilt" in html
    assert 'href="#id_bevestig"' in html and 'aria-invalid="true"' in html
    huidig = set(StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True))
    assert huidig == set(oud)


def test_new_backup_codes_replace_the_old_ones(client, kader):
    user = vng_analist()
    oud = maak_reservecodes(user)
    tweede_factor(client, user)
    response = client.post(reverse("tweestaps"), {"bevestig": "on"})
    assert response["Location"] == reverse("tweestaps-reservecodes")
    nieuw = set(StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True))
    assert len(nieuw) == 10 and not nieuw & set(oud)


def test_demo_accounts_print_a_key_and_backup_codes_that_work(client, kader, gemeenten):
    from io import StringIO

    from django.core.management import call_command

    uit = StringIO()
    call_command("maak_demo", "--ook-zonder-debug", "--zonder-historie", stdout=uit)
    tekst = uit.getvalue()
    regel = next(r for r in tekst.splitlines() if "reservecodes" in r and r.strip())
    code = regel.split("reservecodes", 1)[1].split()[0]
    response = client.post(reverse("login"), {"username": "analist", "password": "demo-vit-2026"})
    assert response.status_code == 302
    assert client.post(CONTROLEREN, {"code": code}).status_code == 302
    assert client.get("/vergelijken/").status_code == 200


def test_mijn_omgeving_links_to_the_settings_only_for_who_needs_them(client, kader):
    tweede_factor(client, vng_analist())
    html = client.get(reverse("mijn-omgeving")).content.decode()
    assert reverse("tweestaps") in html and reverse("vergelijken:overzicht") in html
    assert client.get(reverse("tweestaps")).status_code == 200
    client.logout()
    client.force_login(coordinator())
    html = client.get(reverse("mijn-omgeving")).content.decode()
    assert f'href="{reverse("tweestaps")}"' not in html
    assert f'href="{INSTELLEN}?next=/mijn-omgeving/"' in html


def test_the_menu_offers_nothing_behind_the_second_step_before_it_is_done(client, kader):
    user = vng_analist()
    device = apparaat(user)
    _log_in_met_wachtwoord(client, user)
    html = client.get(CONTROLEREN).content.decode()
    assert reverse("vergelijken:overzicht") not in html and reverse("mijn-omgeving") not in html
    client.post(CONTROLEREN, {"code": huidige_code(device)})
    html = client.get(reverse("mijn-omgeving")).content.decode()
    assert reverse("vergelijken:overzicht") in html
