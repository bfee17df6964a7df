"""The ontwikkelplan: 2–3 focus points and concrete actions; the lezer reads, nobody overwrites."""

import pytest
from django.urls import reverse

from assessments.models import Actie, Ontwikkelplan

from .factories import ScanFactory, coordinator, lezer, vng_analist
from .otp import tweede_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def scan(kader):
    return ScanFactory()


def _actie_data(scan, **extra):
    up = scan.kaderversie.uitgangspunten.get(sleutel="UP6")
    data = {
        "uitgangspunt": up.pk,
        "omschrijving": "Eén telefoonnummer voor alle vragen over zorg en werk",
        "eigenaar": "Teamleider toegang",
        "planning": "eerste helft 2027",
        "succescriterium": "80% van de bellers weet na één gesprek waar ze aan toe zijn",
        "handreiking": up.handreikingen.first().pk,
        "status": "gepland",
        "versie": 0,
    }
    data.update(extra)
    return data


def test_coordinator_picks_two_or_three_focus_points(client, scan):
    client.force_login(coordinator(scan.gemeente))
    ups = list(scan.kaderversie.uitgangspunten.order_by("volgorde"))
    url = reverse("scans:plan", args=[scan.pk])
    te_veel = client.post(url, {"focus": [u.pk for u in ups[:4]], "versie": 1})
    assert te_veel.status_code == 400
    assert "Kies twee of drie focuspunten" in te_veel.content.decode()
    assert not Ontwikkelplan.objects.filter(scan=scan, focus__isnull=False).exists()
    client.post(
        url,
        {"focus": [ups[5].pk, ups[2].pk], "versie": 1, "voorstel_aan_college": "Wij stellen voor"},
    )
    plan = Ontwikkelplan.objects.get(scan=scan)
    assert set(plan.focus.values_list("sleutel", flat=True)) == {"UP3", "UP6"}
    assert plan.voorstel_aan_college == "Wij stellen voor"


def test_a_stale_plan_form_does_not_overwrite(client, scan):
    client.force_login(coordinator(scan.gemeente))
    ups = list(scan.kaderversie.uitgangspunten.order_by("volgorde"))
    url = reverse("scans:plan", args=[scan.pk])
    client.post(
        url, {"focus": [ups[0].pk, ups[1].pk], "versie": 1, "voorstel_aan_college": "Eerste"}
    )
    oud = client.post(
        url, {"focus": [ups[2].pk, ups[3].pk], "versie": 1, "voorstel_aan_college": "Tweede"}
    )
    assert oud.status_code == 400 and "intussen gewijzigd" in oud.content.decode()
    assert Ontwikkelplan.objects.get(scan=scan).voorstel_aan_college == "Eerste"


def test_actions_are_added_edited_and_shown_to_the_lezer(client, scan):
    client.force_login(coordinator(scan.gemeente))
    client.post(reverse("scans:actie-nieuw", args=[scan.pk]), _actie_data(scan))
    actie = Actie.objects.get()
    client.post(
        reverse("scans:actie", args=[scan.pk, actie.pk]),
        _actie_data(scan, status="bezig", versie=1),
    )
    actie.refresh_from_db()
    assert actie.status == "bezig" and actie.versie == 2
    verouderd = client.post(
        reverse("scans:actie", args=[scan.pk, actie.pk]),
        _actie_data(scan, status="klaar", versie=1),
    )
    assert verouderd.status_code == 400
    actie.refresh_from_db()
    assert actie.status == "bezig"
    client.force_login(lezer(scan.gemeente))
    html = client.get(reverse("scans:plan", args=[scan.pk])).content.decode()
    assert "Eén telefoonnummer" in html and "Teamleider toegang" in html
    assert "Actie toevoegen" not in html


def test_a_lezer_cannot_change_the_plan_and_reading_writes_nothing(client, scan):
    client.force_login(lezer(scan.gemeente))
    assert client.get(reverse("scans:plan", args=[scan.pk])).status_code == 200
    assert not Ontwikkelplan.objects.exists()
    assert client.post(reverse("scans:plan", args=[scan.pk]), {"versie": 1}).status_code == 403
    assert (
        client.post(reverse("scans:actie-nieuw", args=[scan.pk]), _actie_data(scan)).status_code
        == 403
    )
    assert not Actie.objects.exists()


@pytest.mark.parametrize("wie", ["andere_gemeente", "analist"])
def test_others_cannot_see_or_change_the_plan(client, scan, wie):
    tweede_factor(client, coordinator() if wie == "andere_gemeente" else vng_analist())
    assert client.get(reverse("scans:plan", args=[scan.pk])).status_code == 404
    assert (
        client.post(reverse("scans:actie-nieuw", args=[scan.pk]), _actie_data(scan)).status_code
        == 404
    )
    assert not Actie.objects.exists()


def test_free_text_in_actions_is_escaped(client, scan):
    client.force_login(coordinator(scan.gemeente))
    client.post(
        reverse("scans:actie-nieuw", args=[scan.pk]),
        _actie_data(scan, eigenaar="<script>x</script>"),
    )
    html = client.get(reverse("scans:plan", args=[scan.pk])).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html


@pytest.mark.django_db(transaction=True)
def test_five_identical_action_forms_at_the_same_moment_make_one_action(kader):
    """Five submissions of the same new-action form arrive at once (five connections, as five
    workers or app instances would have): exactly one action, and every request gets a page."""
    import threading

    from django.db import connection, connections
    from django.test import Client

    if connection.vendor == "sqlite":
        pytest.skip("needs a database server with concurrent connections (PostgreSQL)")
    scan = ScanFactory()
    gebruiker = coordinator(scan.gemeente)
    data = _actie_data(scan, indiening="dubbelklik-op-opslaan-123")
    url = reverse("scans:actie-nieuw", args=[scan.pk])
    start = threading.Barrier(5)
    statussen = []

    def verstuur():
        try:
            client = Client()
            client.force_login(gebruiker)
            start.wait()
            statussen.append(client.post(url, data).status_code)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=verstuur) for _ in range(5)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert statussen == [302] * 5
    assert Actie.objects.filter(plan__scan=scan).count() == 1
