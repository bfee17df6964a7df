"""A NUL character in any free text is refused with a Dutch message and changes nothing (no
database stores it; PostgreSQL would fail with an error page)."""

import pytest
from django.urls import reverse

from assessments.models import (
    Actie,
    Antwoord,
    Ontwikkelplan,
    Perspectief,
    Respondent,
    Scan,
    VastgesteldeScore,
)
from principles.models import CheckVraag

from .factories import ScanFactory, coordinator, uitnodiging

pytestmark = pytest.mark.django_db

NUL = "wacht\x00tijd"
MELDING = "nul-teken"


@pytest.fixture
def scan(kader):
    return ScanFactory()


def _vragen(scan, sleutel="UP1"):
    return list(
        CheckVraag.objects.filter(
            uitgangspunt__versie=scan.kaderversie, uitgangspunt__sleutel=sleutel
        ).order_by("volgorde")
    )


def test_a_toelichting_with_nul_on_a_page_save(client, scan):
    respondent, token = uitnodiging(scan)
    vragen = _vragen(scan)
    data = {"actie": "volgende"}
    for i, vraag in enumerate(vragen):
        data[f"v{vraag.pk}-waarde"] = "3"
        data[f"v{vraag.pk}-toelichting"] = NUL if i == 1 else ""
        data[f"v{vraag.pk}-versie"] = 0
    response = client.post(reverse("vragenlijst:pagina", args=[token, "up1"]), data)
    assert response.status_code == 400
    assert MELDING in response.content.decode()
    assert not Antwoord.objects.filter(respondent=respondent).exists()


def test_a_toelichting_with_nul_in_the_autosave(client, scan):
    respondent, token = uitnodiging(scan)
    vraag = _vragen(scan)[0]
    response = client.post(
        reverse("vragenlijst:antwoord", args=[token]),
        {"vraag": vraag.pk, "versie": 0, "waarde": "2", "toelichting": NUL},
    )
    assert response.status_code == 400
    assert MELDING in response.json()["fout"]
    assert not Antwoord.objects.filter(respondent=respondent).exists()


def test_a_reason_with_nul_when_fixing_scores(client, scan):
    client.force_login(coordinator(scan.gemeente))
    up = scan.kaderversie.uitgangspunten.get(sleutel="UP1")
    data = {"actie": "overzicht", "ambitie": "3", "ambitie-versie": 0}
    for vraag in up.checkvragen.all():
        data.update(
            {f"v{vraag.pk}-waarde": "3", f"v{vraag.pk}-reden": NUL, f"v{vraag.pk}-versie": 0}
        )
    response = client.post(reverse("scans:vaststellen", args=[scan.pk, "up1"]), data)
    assert response.status_code == 400
    assert MELDING in response.content.decode()
    assert not VastgesteldeScore.objects.filter(scan=scan).exists()


def test_a_scan_title_with_nul(client, scan):
    client.force_login(coordinator(scan.gemeente))
    response = client.post(
        reverse("scans:nieuw"), {"gemeente": scan.gemeente.pk, "titel": NUL, "periode": 2026}
    )
    assert response.status_code == 400
    assert "Null-tekens zijn niet toegestaan" in response.content.decode()
    assert Scan.objects.count() == 1


def test_an_invited_name_with_nul(client, scan):
    client.force_login(coordinator(scan.gemeente))
    response = client.post(
        reverse("scans:uitnodigen", args=[scan.pk]),
        {"perspectief": Perspectief.objects.first().pk, "naam": NUL, "email": ""},
    )
    assert response.status_code == 400
    assert "Null-tekens zijn niet toegestaan" in response.content.decode()
    assert not Respondent.objects.exists()


def test_plan_and_action_texts_with_nul(client, scan):
    client.force_login(coordinator(scan.gemeente))
    ups = list(scan.kaderversie.uitgangspunten.order_by("volgorde"))
    response = client.post(
        reverse("scans:plan", args=[scan.pk]),
        {"focus": [ups[0].pk, ups[1].pk], "versie": 1, "voorstel_aan_college": NUL},
    )
    assert response.status_code == 400
    assert "Null-tekens zijn niet toegestaan" in response.content.decode()
    assert not Ontwikkelplan.objects.filter(scan=scan, focus__isnull=False).exists()
    response = client.post(
        reverse("scans:actie-nieuw", args=[scan.pk]),
        {
            "uitgangspunt": ups[0].pk,
            "omschrijving": NUL,
            "eigenaar": "Teamleider",
            "planning": "2027",
            "succescriterium": "Klaar",
            "status": "gepland",
            "versie": 0,
        },
    )
    assert response.status_code == 400
    assert "Null-tekens zijn niet toegestaan" in response.content.decode()
    assert not Actie.objects.exists()
