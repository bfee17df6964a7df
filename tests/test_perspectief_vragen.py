"""The coördinator's pages, the spiegel and the PDF on framework version 2: a question is only
asked of some perspectives, and "not asked" is never shown as missing or 0."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Antwoord, Perspectief
from assessments.spiegel.inhoud import maak_spiegel
from assessments.spiegel.rapport import rapport_html
from assessments.vragenlijst.services import sla_antwoord_op
from principles.models import CheckVraag

from .factories import ScanFactory, coordinator, uitnodiging
from .kader_v2 import laad_kader_v2, niveau_tekst

pytestmark = pytest.mark.django_db


@pytest.fixture
def v2(kader, tmp_path):
    return laad_kader_v2(tmp_path)


def _vraag(versie, sleutel):
    return CheckVraag.objects.get(uitgangspunt__versie=versie, sleutel=sleutel)


def _tekst(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def scan(v2):
    """A v2 scan with an inwoner and a beleid respondent who answered what they were asked."""
    scan = ScanFactory(kaderversie=v2)
    for perspectief, waarde in (("inwoner", "1"), ("beleid", "4")):
        respondent, _ = uitnodiging(scan, perspectief=perspectief)
        for vraag in CheckVraag.objects.filter(uitgangspunt__versie=v2).prefetch_related(
            "voor_perspectieven__perspectief"
        ):
            if vraag.gesteld_aan(perspectief):
                sla_antwoord_op(respondent, vraag.pk, waarde, "", 0)
    return scan


def _vaststellen(client, scan, up="up1"):
    client.force_login(coordinator(scan.gemeente))
    response = client.get(reverse("scans:vaststellen", args=[scan.pk, up]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_proposal_counts_only_respondents_who_were_asked(client, scan, v2):
    vraag = _vraag(v2, "UP1-02")  # asked of beleid and uitvoering
    inwoner = scan.respondenten.get(perspectief__sleutel="inwoner")
    # An answer the questionnaire would refuse, written past it: it must not count.
    Antwoord.objects.create(respondent=inwoner, checkvraag=vraag, waarde="1", toelichting="Nee")
    html = _vaststellen(client, scan)
    blok = html[html.index(f'id="vraag-{vraag.pk}"') :]
    blok = blok[: blok.index("</section>")]
    tekst = _tekst(blok)
    assert "Gesteld aan: Beleid, Uitvoering / toegang." in tekst
    assert "het voorstel is niveau 4" in tekst and "het enige antwoord" in tekst
    assert "Inwoner" not in tekst and "Nee" not in tekst


def test_the_levels_of_the_question_are_beside_the_proposal(client, scan, v2):
    html = _vaststellen(client, scan)
    vraag = _vraag(v2, "UP1-01")
    blok = html[html.index(f'id="vraag-{vraag.pk}"') :]
    blok = blok[: blok.index("</section>")]
    assert "Zo zien de niveaus eruit bij deze vraag" in blok
    assert blok.index("<details") < blok.index("vit-vaststel-status")
    for niveau in range(1, 5):
        assert niveau_tekst("UP1-01", niveau) in blok
    assert "1. Nog niet" in _tekst(blok)
    assert "Gesteld aan: Bestuur, Beleid, Uitvoering / toegang, Inwoner" in _tekst(blok)


def test_a_version_1_vaststellen_page_names_no_perspectives_or_levels(client, kader):
    html = _vaststellen(client, ScanFactory(kaderversie=kader))
    assert "Gesteld aan" not in html and "Zo zien de niveaus eruit" not in html


def test_the_scan_page_counts_for_each_respondent_only_their_questions(client, scan, v2):
    client.force_login(coordinator(scan.gemeente))
    html = _tekst(client.get(reverse("scans:detail", args=[scan.pk])).content.decode())
    vragen = CheckVraag.objects.filter(uitgangspunt__versie=v2).prefetch_related(
        "voor_perspectieven__perspectief"
    )
    for sleutel in ("inwoner", "beleid"):
        n = sum(1 for v in vragen if v.gesteld_aan(sleutel))
        assert f"{n} van {n}" in html, sleutel
    assert f"van {vragen.count()}" not in html


def test_the_spiegel_shows_not_asked_as_not_asked(client, scan, v2):
    # An answer the questionnaire would refuse, written past it: it must not count.
    Antwoord.objects.create(
        respondent=scan.respondenten.get(perspectief__sleutel="inwoner"),
        checkvraag=_vraag(v2, "UP7-01"),
        waarde="4",
    )
    spiegel = maak_spiegel(scan)
    inwoner = Perspectief.objects.get(sleutel="inwoner")
    beleid = Perspectief.objects.get(sleutel="beleid")
    per_up = {u.up.sleutel: u for u in spiegel.uitgangspunten}
    assert inwoner.pk in per_up["UP7"].niet_gevraagd
    assert per_up["UP7"].per_perspectief[inwoner.pk] is None
    assert per_up["UP7"].spreiding is None  # one perspective left, no difference
    assert per_up["UP1"].per_perspectief == {
        **{p.pk: None for p in spiegel.perspectieven},
        inwoner.pk: 1.0,
        beleid.pk: 4.0,
    }
    assert per_up["UP1"].niet_gevraagd == frozenset()
    client.force_login(coordinator(scan.gemeente))
    html = client.get(reverse("scans:spiegel", args=[scan.pk])).content.decode()
    tabel = html[html.index('id="tabel-perspectieven"') : html.index('id="agenda-kop"')]
    rij = re.search(r"<th[^>]*>7\.[^<]*</th>(.*?)</tr>", tabel, re.S).group(1)
    assert "—" in rij and "niet aan dit perspectief gevraagd" in rij
    assert re.search(r">4[,.]0<", rij)  # beleid was asked and answered
    assert "0,0" not in rij
    assert "— niet aan dit perspectief gevraagd" in _tekst(tabel)
    # In the chart the inwoner's lane of UP7 says so too, with its legend.
    grafiek = html[html.index('id="perspectieven-titel"') : html.index('id="tabel-perspectieven"')]
    assert grafiek.count("— niet gevraagd</text>") == 1
    assert "— niet gevraagd: niet aan dit perspectief gevraagd" in grafiek


def test_the_pdf_shows_not_asked_as_a_dash_with_its_legend(scan):
    html = rapport_html(scan, maak_spiegel(scan))
    deel = html[html.index('id="perspectieven"') :]
    rij = re.search(r"<th[^>]*>7\.[^<]*</th>(.*?)</tr>", deel, re.S).group(1)
    assert "<td>—</td>" in rij
    assert "— niet aan dit perspectief gevraagd." in deel


def test_a_version_1_spiegel_has_no_not_asked(client, kader):
    scan = ScanFactory(kaderversie=kader)
    respondent, _ = uitnodiging(scan, perspectief="inwoner")
    sla_antwoord_op(respondent, _vraag(kader, "UP1-01").pk, "2", "", 0)
    spiegel = maak_spiegel(scan)
    assert not spiegel.niet_gevraagd
    client.force_login(coordinator(scan.gemeente))
    html = client.get(reverse("scans:spiegel", args=[scan.pk])).content.decode()
    assert "niet gevraagd" not in html and "—" not in html[html.index('id="perspectieven-kop"') :]


def _tel(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_coordinator_pages_take_the_same_queries_for_few_and_many_questions(
    client, kader, tmp_path
):
    tellingen = []
    for nummer, per_up in ((2, 3), (3, 9)):
        versie = laad_kader_v2(tmp_path, nummer=nummer, vragen_per_up=per_up)
        scan = ScanFactory(kaderversie=versie)
        for perspectief in ("inwoner", "beleid", "bestuur"):
            respondent, _ = uitnodiging(scan, perspectief=perspectief)
            for vraag in CheckVraag.objects.filter(uitgangspunt__versie=versie).prefetch_related(
                "voor_perspectieven__perspectief"
            ):
                if vraag.gesteld_aan(perspectief):
                    sla_antwoord_op(respondent, vraag.pk, "3", "", 0)
        client.force_login(coordinator(scan.gemeente))
        tellingen.append(
            [
                _tel(client, reverse("scans:vaststellen", args=[scan.pk, "up1"])),
                _tel(client, reverse("scans:detail", args=[scan.pk])),
                _tel(client, reverse("scans:spiegel", args=[scan.pk])),
            ]
        )
        client.logout()
    assert tellingen[0] == tellingen[1]


def test_the_csv_says_niet_gevraagd_where_a_perspective_was_not_asked(client, scan, v2):
    client.force_login(coordinator(scan.gemeente))
    regels = client.get(reverse("scans:export-csv", args=[scan.pk])).content.decode().splitlines()
    kop = regels[0].split(";")
    inwoner = next(i for i, k in enumerate(kop) if k.startswith("gemiddelde Inwoner"))
    up7 = next(r.split(";") for r in regels if r.startswith("uitgangspunt;UP7;"))
    up1 = next(r.split(";") for r in regels if r.startswith("uitgangspunt;UP1;"))
    assert up7[inwoner] == "niet gevraagd"
    assert up1[inwoner] == "1,0"
