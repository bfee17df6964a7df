"""Pages issue the same number of queries whatever the number of questions or respondents."""

import copy
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.vragenlijst.services import sla_antwoord_op
from principles.loader import laad_kader
from principles.models import CheckVraag, KaderVersie

from .conftest import KADER_BESTAND
from .factories import ScanFactory, coordinator, uitnodiging

pytestmark = pytest.mark.django_db


def _kader_met(tmp_path, vragen_per_up: int) -> KaderVersie:
    data = json.loads(KADER_BESTAND.read_text(encoding="utf-8"))
    data["versie"]["nummer"] = 100 + vragen_per_up
    for up in data["uitgangspunten"]:
        voorbeeld = up["checkvragen"][0]
        up["checkvragen"] = []
        for i in range(vragen_per_up):
            vraag = copy.deepcopy(voorbeeld)
            vraag.update(sleutel=f"{up['sleutel']}-{i + 1:02d}", volgorde=i + 1)
            up["checkvragen"].append(vraag)
    pad = tmp_path / f"kader_{vragen_per_up}.json"
    pad.write_text(json.dumps(data), encoding="utf-8")
    versie, _ = laad_kader(pad)
    return versie


def _tel(client, method, url, data=None):
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), (url, response.status_code)
    return len(ctx.captured_queries)


def _meet(client, tmp_path, vragen_per_up, respondenten=3):
    versie = _kader_met(tmp_path, vragen_per_up)
    scan = ScanFactory(kaderversie=versie)
    vragen = list(
        CheckVraag.objects.filter(uitgangspunt__versie=versie, uitgangspunt__sleutel="UP1")
    )
    tokens = []
    for i in range(respondenten):
        respondent, token = uitnodiging(scan, perspectief=["bestuur", "beleid", "inwoner"][i % 3])
        for vraag in CheckVraag.objects.filter(uitgangspunt__versie=versie):
            sla_antwoord_op(respondent, vraag.pk, str(1 + vraag.pk % 4), "toelichting", 0)
        tokens.append(token)
    nieuw, token = uitnodiging(scan)
    pagina = reverse("vragenlijst:pagina", args=[token, "up1"])
    post = {"actie": "blijf"}
    for vraag in vragen:
        post.update(
            {f"v{vraag.pk}-waarde": "3", f"v{vraag.pk}-toelichting": "", f"v{vraag.pk}-versie": 0}
        )
    tellingen = {
        "pagina": _tel(client, "get", pagina),
        "opslaan": _tel(client, "post", pagina, post),
        "autosave": _tel(
            client,
            "post",
            reverse("vragenlijst:antwoord", args=[token]),
            {"vraag": vragen[0].pk, "waarde": "2", "toelichting": "", "versie": 1},
        ),
        "overzicht": _tel(client, "get", reverse("vragenlijst:overzicht", args=[token])),
    }
    client.force_login(coordinator(scan.gemeente))
    tellingen["scan"] = _tel(client, "get", reverse("scans:detail", args=[scan.pk]))
    tellingen["vaststellen"] = _tel(
        client, "get", reverse("scans:vaststellen", args=[scan.pk, "up1"])
    )
    client.logout()
    return tellingen


def test_query_counts_do_not_grow_with_the_number_of_questions(client, tmp_path, kader):
    klein = _meet(client, tmp_path, vragen_per_up=2)
    groot = _meet(client, tmp_path, vragen_per_up=9)
    assert klein == groot
    assert max(groot.values()) <= 25


def test_query_counts_do_not_grow_with_the_number_of_respondents(client, tmp_path, kader):
    weinig = _meet(client, tmp_path, vragen_per_up=4, respondenten=2)
    veel = _meet(client, tmp_path, vragen_per_up=4, respondenten=12)
    assert weinig == veel
