# ruff: noqa: F811  (the fixtures imported from the sibling module are parameters here)
"""What a scan refuses: outsiders see nothing and change nothing, a lezer only reads."""

import pytest
from django.urls import reverse

from assessments.models import Ambitie, Respondent, Scan, VastgesteldeScore

from .factories import ScanFactory, coordinator, lezer, uitnodiging, vng_analist
from .otp import tweede_factor
from .test_scans import _vaststel_data, coord, gemeente, scan  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def _alle_urls(scan, respondent):
    return {
        "get": [
            reverse("scans:detail", args=[scan.pk]),
            reverse("scans:uitnodigen", args=[scan.pk]),
            reverse("scans:vaststellen-overzicht", args=[scan.pk]),
            reverse("scans:vaststellen", args=[scan.pk, "up1"]),
        ],
        "post": [
            reverse("scans:uitnodigen", args=[scan.pk]),
            reverse("scans:zelf-invullen", args=[scan.pk]),
            reverse("scans:respondent-actie", args=[scan.pk, respondent.pk, "intrekken"]),
            reverse("scans:respondent-actie", args=[scan.pk, respondent.pk, "nieuwe-link"]),
            reverse("scans:vaststellen", args=[scan.pk, "up1"]),
            reverse("scans:afronden", args=[scan.pk]),
            reverse("scans:toestemming", args=[scan.pk]),
        ],
    }


def _staat(scan):
    return (
        list(Respondent.objects.values_list("token_hash", "ingetrokken_op")),
        Scan.objects.filter(pk=scan.pk)
        .values_list("status", "toestemming_vergelijking", "versie")
        .get(),
        VastgesteldeScore.objects.count(),
        Ambitie.objects.count(),
    )


@pytest.mark.parametrize("wie", ["andere_coordinator", "analist", "anoniem"])
def test_outsiders_cannot_see_or_change_a_scan(client, scan, wie):
    respondent, _ = uitnodiging(scan)
    if wie == "andere_coordinator":
        client.force_login(coordinator())
    elif wie == "analist":
        tweede_factor(client, vng_analist())
    urls = _alle_urls(scan, respondent)
    voor = _staat(scan)
    for url in urls["get"]:
        response = client.get(url)
        assert response.status_code in (302, 404), url
        assert scan.titel not in response.content.decode()
    for url in urls["post"]:
        response = client.post(
            url, {"perspectief": 1, "versie": 1, "bevestig": "ja", "toestemming": "ja"}
        )
        assert response.status_code in (302, 404), url
        if response.status_code == 302:
            assert "/inloggen/" in response["Location"]
    assert _staat(scan) == voor


def test_a_lezer_sees_the_scan_but_cannot_change_anything(client, scan, gemeente):
    respondent, _ = uitnodiging(scan)
    client.force_login(lezer(gemeente))
    urls = _alle_urls(scan, respondent)
    assert client.get(urls["get"][0]).status_code == 200
    assert client.get(urls["get"][2]).status_code == 200
    assert client.get(urls["get"][1]).status_code == 403
    voor = _staat(scan)
    for url in urls["post"]:
        assert (
            client.post(url, {"perspectief": 1, "versie": 1, "bevestig": "ja"}).status_code == 403
        ), url
    assert _staat(scan) == voor
    html = client.get(urls["get"][0]).content.decode()
    assert "Iemand uitnodigen" not in html and "Scan afronden" not in html


def test_an_invitation_of_another_scan_cannot_be_touched_through_own_scan(client, scan, coord):
    vreemd, _ = uitnodiging(ScanFactory())
    client.force_login(coord)
    response = client.post(
        reverse("scans:respondent-actie", args=[scan.pk, vreemd.pk, "intrekken"])
    )
    assert response.status_code == 404
    vreemd.refresh_from_db()
    assert vreemd.ingetrokken_op is None


def test_scan_list_shows_only_own_gemeente(client, scan, coord):
    ander = ScanFactory(titel="Scan van een ander")
    client.force_login(coord)
    html = client.get(reverse("scans:lijst")).content.decode()
    assert scan.titel in html and ander.titel not in html
    tweede_factor(client, vng_analist())
    assert client.get(reverse("scans:lijst")).status_code == 403


def test_a_lezer_is_refused_every_write_even_with_a_complete_form(client, kader, scan, gemeente):
    """The lezer's pages have no forms; a form sent anyway (a crafted or an old page) changes
    nothing: every write of a scan answers 403."""
    respondent, _ = uitnodiging(scan, email="iemand@example.org")
    up = kader.uitgangspunten.get(sleutel="UP1")
    n = up.checkvragen.count()
    client.force_login(lezer(gemeente))
    voor = _staat(scan)
    vaststellen = _vaststel_data(scan, up, ["2"] * n, dict.fromkeys(range(n), "reden"))
    pogingen = [
        (reverse("scans:vaststellen", args=[scan.pk, "up1"]), vaststellen),
        (reverse("scans:vaststellen", args=[scan.pk, "up2"]), {"actie": "volgende"}),
        (reverse("scans:nieuw"), {"gemeente": gemeente.pk, "titel": "Eigen", "periode": 2026}),
        (reverse("scans:uitnodigen", args=[scan.pk]), {"perspectief": 1, "naam": "X"}),
        (reverse("scans:zelf-invullen", args=[scan.pk]), {"perspectief": 1}),
        (reverse("scans:afronden", args=[scan.pk]), {"versie": 1, "bevestig": "ja"}),
        (reverse("scans:toestemming", args=[scan.pk]), {"versie": 1, "toestemming": "ja"}),
    ] + [
        (reverse("scans:respondent-actie", args=[scan.pk, respondent.pk, actie]), {"versie": 1})
        for actie in ("intrekken", "nieuwe-link", "herinneren", "heropenen", "opnieuw-mailen")
    ]
    for url, data in pogingen:
        assert client.post(url, data).status_code == 403, url
    assert _staat(scan) == voor
    assert Scan.objects.count() == 1


def test_a_lezer_sees_no_form_to_send_on_the_scan_and_vaststellen_pages(client, scan, gemeente):
    client.force_login(lezer(gemeente))
    for url in (
        reverse("scans:detail", args=[scan.pk]),
        reverse("scans:vaststellen-overzicht", args=[scan.pk]),
        reverse("scans:vaststellen", args=[scan.pk, "up1"]),
    ):
        main = client.get(url).content.decode().split("<main", 1)[1].split("</main>", 1)[0]
        assert "<form" not in main, url
