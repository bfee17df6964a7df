"""One JSON log line per request for the platform: the fields a hosting party needs, never a
name, an e-mail address, an answer or a link's token."""

import json
import logging

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.models import Scan
from vit.logboek import JsonFormatter, MaskeerPaden

from .factories import ScanFactory, coordinator, uitnodiging

pytestmark = pytest.mark.django_db


@pytest.fixture
def regels():
    """The log lines as the production handler writes them (JSON formatter, path filter)."""
    geschreven = []

    class Verzamel(logging.Handler):
        def emit(self, record):
            geschreven.append(json.loads(self.format(record)))

    handler = Verzamel()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(MaskeerPaden())
    loggers = [logging.getLogger(n) for n in ("vit.verzoek", "vit.werker", "django.request")]
    oud = [(lg, lg.level) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.INFO)
    yield geschreven
    for lg, niveau in oud:
        lg.removeHandler(handler)
        lg.setLevel(niveau)


def test_a_request_gives_one_json_line_with_the_fields_and_a_request_id(client, regels, kader):
    response = client.get(reverse("principles:kader"), {"zoek": "jan@example.org"})
    assert response.status_code == 200
    [regel] = [r for r in regels if r["logger"] == "vit.verzoek"]
    assert set(regel) >= {"tijd", "verzoek_id", "methode", "pad", "status", "duur_ms", "rol"}
    assert (regel["methode"], regel["pad"], regel["status"], regel["rol"]) == (
        "GET",
        reverse("principles:kader"),
        200,
        "anoniem",
    )
    assert regel["duur_ms"] >= 0
    assert response["X-Request-ID"] == regel["verzoek_id"]
    assert "jan@example.org" not in json.dumps(regel)  # no query string


def test_a_proxys_request_id_is_kept_and_a_junk_one_replaced(client, regels, kader):
    client.get("/", headers={"X-Request-ID": "proxy-1234abcd"})
    client.get("/", headers={"X-Request-ID": "<script>alert(1)</script>"})
    ids = [r["verzoek_id"] for r in regels if r["logger"] == "vit.verzoek"]
    assert ids[0] == "proxy-1234abcd"
    assert "<" not in ids[1] and len(ids[1]) == 32


def test_a_respondents_link_never_reaches_the_log_nor_the_name_or_answers(client, regels, kader):
    scan = ScanFactory()
    respondent, token = uitnodiging(scan, naam="Ina de Wit", email="ina@example.org")
    vraag = scan.kaderversie.uitgangspunten.get(sleutel="UP1").checkvragen.first()
    client.get(reverse("vragenlijst:start", args=[token]))
    client.post(
        reverse("vragenlijst:antwoord", args=[token]),
        {"vraag": vraag.pk, "waarde": "3", "toelichting": "Geheime toelichting", "versie": 0},
    )
    client.get(f"/vragenlijst/{token}/bestaat/niet/")  # not resolvable: masked all the same
    tekst = json.dumps(regels)
    assert token not in tekst
    for geheim in ("Ina", "ina@example.org", "Geheime toelichting"):
        assert geheim not in tekst
    verzoeken = [r for r in regels if r["logger"] == "vit.verzoek"]
    assert verzoeken[0]["pad"] == "/vragenlijst/:token/" and verzoeken[0]["rol"] == "respondent"
    assert any(r["logger"] == "django.request" for r in regels)  # the 404 warning, masked too


def test_the_role_is_the_one_of_the_login_and_no_name_is_logged(client, regels, kader):
    scan = ScanFactory()
    gebruiker = coordinator(
        scan.gemeente, gebruiker__first_name="Carla", gebruiker__email="carla@example.org"
    )
    client.force_login(gebruiker)
    client.get(reverse("scans:lijst"))
    regel = [r for r in regels if r["logger"] == "vit.verzoek"][-1]
    assert regel["rol"] == "coordinator"
    assert "Carla" not in json.dumps(regels) and "carla@example.org" not in json.dumps(regels)


def test_the_worker_logs_json_too(regels, kader, settings):
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    scan = ScanFactory()
    uitnodiging(scan, naam="Ina", email="ina@example.org")
    Scan.objects.filter(pk=scan.pk).update(
        status=Scan.Status.AFGEROND, afgerond_op="2020-01-01 00:00Z"
    )
    call_command("verstuur_mail", "--een-keer")
    [regel] = [r for r in regels if r["logger"] == "vit.werker"]
    assert regel["werker"] == "mail" and regel["aantal"] == 1
    assert "ina@example.org" not in json.dumps(regel)
