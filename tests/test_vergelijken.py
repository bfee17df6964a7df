"""VNG-analisten see anonymised figures, computed in the database; nobody else sees them."""

import pytest
from django.urls import reverse

from assessments.demodata import maak_demohistorie
from assessments.models import Gemeente, Scan
from assessments.vergelijking import deelnames_per_uitgangspunt, deelnemende_scans

from .factories import coordinator, lezer, vng_analist

pytestmark = pytest.mark.django_db


@pytest.fixture
def historie(kader, gemeenten):
    maak_demohistorie(Gemeente.objects.get(code="GM0307"))


def test_only_finalised_consented_scans_count(historie):
    scans = deelnemende_scans()
    assert scans
    assert all(
        s.status == Scan.Status.AFGEROND and s.toestemming_vergelijking for s in scans.values()
    )
    zonder = Scan.objects.filter(status=Scan.Status.AFGEROND, toestemming_vergelijking=False)
    assert zonder.exists() and not set(zonder.values_list("pk", flat=True)) & set(scans)


def test_scores_per_scan_come_from_one_grouped_query(historie, django_assert_max_num_queries):
    scans = deelnemende_scans()
    with django_assert_max_num_queries(1):
        per_up = deelnames_per_uitgangspunt(scans)
    assert set(per_up) == {f"UP{n}" for n in range(1, 8)}
    assert all(1.0 <= d.waarde <= 4.0 for lijst in per_up.values() for d in lijst)


def test_withdrawn_consent_leaves_every_aggregate_from_then_on(historie):
    scan = next(iter(deelnemende_scans().values()))
    Scan.objects.filter(gemeente=scan.gemeente).update(toestemming_vergelijking=False)
    assert not any(s.gemeente_id == scan.gemeente_id for s in deelnemende_scans().values())


def test_the_analist_sees_breakdowns_without_names(client, historie):
    client.force_login(vng_analist())
    for dimensie in ("alle", "grootteklasse", "provincie", "periode"):
        response = client.get(
            reverse("vergelijken:uitgangspunten"), {"dimensie": dimensie, "periode": 2025}
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "mediaan" in html
        for gemeente in Gemeente.objects.filter(scans__isnull=False).distinct():
            assert f">{gemeente.naam}<" not in html and gemeente.code not in html
    html = client.get(
        reverse("vergelijken:uitgangspunten"), {"dimensie": "provincie", "periode": 2025}
    ).content.decode()
    assert "te weinig gemeenten" in html  # 40 gemeenten over 12 provincies: small cells hidden


def test_query_count_does_not_grow_with_the_number_of_gemeenten(
    client, historie, django_assert_max_num_queries
):
    client.force_login(vng_analist())
    with django_assert_max_num_queries(12):
        client.get(reverse("vergelijken:uitgangspunten"), {"dimensie": "grootteklasse"})


@pytest.mark.parametrize("maak", [coordinator, lezer])
def test_gemeente_users_are_refused_the_analist_pages(client, kader, maak):
    client.force_login(maak())
    assert client.get(reverse("vergelijken:uitgangspunten")).status_code == 403


def test_anonymous_visitors_must_log_in(client, kader):
    response = client.get(reverse("vergelijken:uitgangspunten"))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
