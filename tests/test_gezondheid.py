"""Health checks for the hosting party: liveness without the database, readiness with the
database, migrations and the mail worker's heartbeat; details only for a functioneel beheerder."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from vit.models import Hartslag

from .factories import UserFactory, coordinator
from .otp import tweede_factor


def test_liveness_answers_without_the_database(client):
    # No database mark: any database access here would fail the test.
    response = client.get("/health/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_ready_when_the_mail_worker_has_just_run(client):
    call_command("verstuur_mail", "--een-keer")
    response = client.get("/health/klaar/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_not_ready_without_a_living_mail_worker_and_anonymous_callers_learn_only_that(client):
    assert client.get("/health/klaar/").status_code == 503  # never seen
    Hartslag.objects.create(werker="mail", laatst=timezone.now() - timedelta(minutes=10))
    response = client.get("/health/klaar/")
    assert response.status_code == 503 and response.json() == {"status": "niet ok"}
    client.force_login(coordinator())
    assert client.get("/health/klaar/").json() == {"status": "niet ok"}
    beheerder = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(beheerder)  # password only: still no details
    assert client.get("/health/klaar/").json() == {"status": "niet ok"}
    tweede_factor(client, beheerder)
    controles = client.get("/health/klaar/").json()["controles"]
    assert controles["database"] == "ok" and controles["migraties"] == "ok"
    assert controles["mailwerker"].startswith("stil sinds")


@pytest.mark.django_db
def test_not_ready_with_migrations_still_to_run(client):
    call_command("verstuur_mail", "--een-keer")
    with mock.patch("vit.gezondheid._open_migraties", return_value=["assessments.0099_nieuw"]):
        response = client.get("/health/klaar/")
    assert response.status_code == 503


@pytest.mark.django_db
def test_not_ready_when_the_database_fails(client):
    from django.db import DatabaseError

    with mock.patch("vit.gezondheid.connection.cursor", side_effect=DatabaseError("weg")):
        response = client.get("/health/klaar/")
    assert response.status_code == 503 and response.json() == {"status": "niet ok"}


@pytest.mark.django_db
def test_a_probe_by_the_pods_own_address_gets_an_answer_and_other_pages_stay_closed(
    client, settings
):
    settings.ALLOWED_HOSTS = ["vit.example.nl"]
    call_command("verstuur_mail", "--een-keer")
    pod = {"HTTP_HOST": "10.42.0.17:8000"}
    assert client.get("/health/", **pod).json() == {"status": "ok"}
    klaar = client.get("/health/klaar/", **pod)
    assert klaar.status_code == 200 and klaar.json() == {"status": "ok"}
    assert client.get("/", **pod).status_code == 400  # the host check still holds elsewhere
    assert client.get("/health/klaar/extra/", **pod).status_code == 400
    assert client.get("/health/", HTTP_HOST="vit.example.nl").status_code == 200
