"""CSV and JSON exports of a scan, for the gemeente's own users only."""

import csv
import io
import json

import pytest
from django.urls import reverse

from assessments.models import Antwoord, VastgesteldeScore
from principles.models import CheckVraag

from .factories import ScanFactory, coordinator, lezer, uitnodiging, vng_analist
from .otp import tweede_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def scan(kader):
    scan = ScanFactory()
    vragen = list(CheckVraag.objects.filter(uitgangspunt__versie=kader))
    for vraag in vragen:
        VastgesteldeScore.objects.create(scan=scan, checkvraag=vraag, waarde="3", voorstel="3")
    respondent, _ = uitnodiging(scan, naam="Geheime Naam", email="geheim@example.org")
    Antwoord.objects.create(
        respondent=respondent, checkvraag=vragen[0], waarde="2", toelichting="=HYPERLINK(1)"
    )
    return scan


def test_csv_opens_in_dutch_excel_with_one_row_per_question(client, scan, kader):
    client.force_login(lezer(scan.gemeente))
    response = client.get(reverse("scans:export-csv", args=[scan.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    tekst = response.content.decode("utf-8")
    assert tekst.startswith("\ufeff")  # BOM: Excel reads UTF-8 (ë, é) correctly
    rijen = list(csv.reader(io.StringIO(tekst.lstrip("\ufeff")), delimiter=";"))
    assert rijen[0][:3] == ["soort", "sleutel", "uitgangspunt"]
    aantal = CheckVraag.objects.filter(uitgangspunt__versie=kader).count()
    assert sum(1 for r in rijen if r[0] == "check-vraag") == aantal
    up1 = next(r for r in rijen if r[:2] == ["uitgangspunt", "UP1"])
    assert up1[5] == "3,0"  # decimal comma


def test_json_holds_the_whole_scan_without_names(client, scan):
    client.force_login(coordinator(scan.gemeente))
    data = json.loads(client.get(reverse("scans:export-json", args=[scan.pk])).content)
    assert data["gemeente"]["code"] == scan.gemeente.code
    assert len(data["uitgangspunten"]) == 7
    assert data["respondenten"][0]["antwoorden"][0]["toelichting"] == "=HYPERLINK(1)"
    tekst = json.dumps(data)
    assert "Geheime Naam" not in tekst and "geheim@example.org" not in tekst


def test_formulas_in_free_text_are_not_run_by_excel(client, scan):
    from assessments.excel import als_excel as _cel

    assert _cel("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cel("-1+1") == "'-1+1"
    assert _cel("gewone tekst") == "gewone tekst"


@pytest.mark.parametrize("wie", ["andere_gemeente", "analist", "anoniem"])
@pytest.mark.parametrize("naam", ["scans:export-csv", "scans:export-json"])
def test_others_get_no_export(client, scan, wie, naam):
    if wie == "andere_gemeente":
        client.force_login(coordinator())
    elif wie == "analist":
        tweede_factor(client, vng_analist())
    response = client.get(reverse(naam, args=[scan.pk]))
    assert response.status_code in (302, 404)
    assert scan.gemeente.code.encode() not in response.content
