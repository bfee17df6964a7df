# ruff: noqa: F811  (the fixtures imported from the sibling module are parameters here)
"""What the vaststellen pages say: which question an error is about, whether anything was
stored, what is only a proposal and what is fixed; and the lezer's read-only view of them."""

import re

import pytest
from django.urls import reverse

from assessments.models import Ambitie, VastgesteldeScore
from assessments.vragenlijst.services import sla_antwoord_op

from .factories import coordinator, lezer, uitnodiging
from .test_scans import _vaststel_data, coord, gemeente, scan  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    html = response.content.decode()
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def _antwoorden(scan, vraag, waarden):
    for i, waarde in enumerate(waarden):
        r, _ = uitnodiging(scan, perspectief="uitvoering", naam=f"Persoon {i}")
        sla_antwoord_op(r, vraag.pk, waarde, "", 0)


@pytest.fixture
def up1(kader):
    return kader.uitgangspunten.get(sleutel="UP1")


def test_an_error_names_the_question_by_its_number_and_text_not_its_code(client, scan, coord, up1):
    vragen = list(up1.checkvragen.order_by("volgorde"))
    _antwoorden(scan, vragen[1], ["2", "2", "4"])
    client.force_login(coord)
    waarden = [""] * len(vragen)
    waarden[1] = "4"  # departs from the proposal (2) without a reason
    response = client.post(
        reverse("scans:vaststellen", args=[scan.pk, "up1"]), _vaststel_data(scan, up1, waarden)
    )
    assert response.status_code == 400
    main = _main(response)
    summary = main.split('id="foutkop"', 1)[1].split("</ul>", 1)[0]
    begin = " ".join(vragen[1].tekst.split()[:4])
    assert f"Vraag 2 ({begin}" in summary
    assert "U kiest een andere score dan het voorstel" in summary
    assert vragen[1].sleutel not in response.content.decode()
    # The question carries the same number on the page itself.
    assert "Vraag 2 van " in main


def test_nothing_stored_is_said_plainly(client, scan, coord, up1):
    n = up1.checkvragen.count()
    client.force_login(coord)
    response = client.post(
        reverse("scans:vaststellen", args=[scan.pk, "up1"]),
        _vaststel_data(scan, up1, ["9"] * n, ambitie=""),
    )
    assert response.status_code == 400
    main = _main(response)
    assert "Er is niets opgeslagen" in main
    assert "Niet alles is opgeslagen" not in main
    assert not VastgesteldeScore.objects.exists() and not Ambitie.objects.exists()


def test_a_departure_without_reason_with_no_ambition_stores_nothing_and_says_so(
    client, scan, coord, up1
):
    n = up1.checkvragen.count()
    client.force_login(coord)
    response = client.post(
        reverse("scans:vaststellen", args=[scan.pk, "up1"]),
        _vaststel_data(scan, up1, ["3"] * n, ambitie=""),
    )
    main = _main(response)
    assert "Er is niets opgeslagen" in main and "Niet alles" not in main


def test_partly_stored_says_what_was_stored(client, scan, coord, up1):
    n = up1.checkvragen.count()
    client.force_login(coord)
    response = client.post(
        reverse("scans:vaststellen", args=[scan.pk, "up1"]),
        _vaststel_data(scan, up1, ["3"] * n, ambitie="3"),
    )
    assert response.status_code == 400
    main = _main(response)
    assert "Niet alles is opgeslagen" in main and "Er is niets opgeslagen" not in main
    assert "Wel opgeslagen: de ambitie." in main
    assert "De scores van deze pagina nog niet" in main
    assert Ambitie.objects.get(scan=scan, uitgangspunt=up1).niveau == 3
    assert not VastgesteldeScore.objects.exists()
    # The page now states the stored ambition, not "nog niet gekozen".
    assert "ambitie: niveau 3 (" in main
    assert "Ambitie vastgesteld: niveau 3 (" in main.split('id="status-ambitie"', 1)[1]


def test_each_question_says_whether_it_is_a_proposal_or_fixed(client, scan, coord, up1):
    vragen = list(up1.checkvragen.order_by("volgorde"))
    n = len(vragen)
    _antwoorden(scan, vragen[0], ["2", "2", "4", "weet_niet"])
    client.force_login(coord)
    url = reverse("scans:vaststellen", args=[scan.pk, "up1"])
    main = _main(client.get(url))
    eerste = main.split(f'id="status-{vragen[0].pk}"', 1)[1].split("</p>", 1)[0]
    assert "Nog niet vastgesteld" in eerste
    assert "het voorstel is niveau 2 (" in eerste
    assert "de mediaan van 3 antwoorden met een niveau" in eerste
    tweede = main.split(f'id="status-{vragen[1].pk}"', 1)[1].split("</p>", 1)[0]
    assert "Nog niet vastgesteld" in tweede and "nog geen voorstel" in tweede
    assert f"<strong>0 van {n} scores vastgesteld</strong>" in main
    assert "staat het voorstel alvast aangevinkt" in main
    overzicht = _main(client.get(reverse("scans:vaststellen-overzicht", args=[scan.pk])))
    assert f"0 van {n} vastgesteld" in overzicht

    redenen = dict.fromkeys(range(n), "besproken")
    client.post(url, _vaststel_data(scan, up1, ["2"] + ["3"] * (n - 1), redenen))
    main = _main(client.get(url))
    eerste = main.split(f'id="status-{vragen[0].pk}"', 1)[1].split("</p>", 1)[0]
    assert "Vastgesteld: niveau 2 (" in eerste and "Nog niet" not in eerste
    tweede = main.split(f'id="status-{vragen[1].pk}"', 1)[1].split("</p>", 1)[0]
    assert "Vastgesteld: niveau 3 (" in tweede
    assert f"<strong>{n} van {n} scores vastgesteld</strong>" in main
    assert "alvast aangevinkt" not in main
    overzicht = _main(client.get(reverse("scans:vaststellen-overzicht", args=[scan.pk])))
    assert f"{n} van {n} vastgesteld" in overzicht and "niveau 3" in overzicht


def _velden(main: str) -> list[str]:
    return re.findall(r"<(input|textarea|select|button)\b", main)


def test_a_lezer_reads_vaststellen_as_text_with_navigation(client, scan, coord, gemeente, up1):
    vragen = list(up1.checkvragen.order_by("volgorde"))
    n = len(vragen)
    _antwoorden(scan, vragen[0], ["2", "2", "4"])
    client.force_login(lezer(gemeente))
    url = reverse("scans:vaststellen", args=[scan.pk, "up1"])
    response = client.get(url)
    assert response.status_code == 200
    main = _main(response)
    assert _velden(main) == []
    assert "Alleen lezen." in main
    assert "Nog niet vastgesteld</strong> — het voorstel is niveau 2 (" in main
    assert "Nog geen ambitie gekozen." in main
    assert "Opslaan" not in main and "aangevinkt" not in main
    up2 = reverse("scans:vaststellen", args=[scan.pk, "up2"])
    assert f'href="{up2}" rel="next">Volgende: 2. ' in main
    assert f'href="{reverse("scans:vaststellen-overzicht", args=[scan.pk])}"' in main
    assert 'rel="prev"' not in main  # the first uitgangspunt has none before it
    assert 'rel="prev">Vorige: 1. ' in _main(client.get(up2))

    client.force_login(coord)
    client.post(
        url,
        _vaststel_data(scan, up1, ["3"] * n, dict.fromkeys(range(n), "Gesprek <b>15 mei</b>")),
    )
    client.force_login(lezer(gemeente))
    main = _main(client.get(url))
    assert _velden(main) == []
    assert "Vastgesteld: niveau 3 (" in main
    assert "Dat wijkt af van het voorstel: het voorstel is niveau 2" in main
    assert "Reden: Gesprek &lt;b&gt;15 mei&lt;/b&gt;" in main
    assert "Vastgesteld: niveau 3 (" in main.split('id="ambitie-kop"', 1)[1]


def test_the_overview_gives_a_lezer_no_instructions(client, scan, gemeente):
    client.force_login(lezer(gemeente))
    main = _main(client.get(reverse("scans:vaststellen-overzicht", args=[scan.pk])))
    assert "Stel per check-vraag" not in main and "Rond de scan af" not in main
    assert not re.search(r"Nog \d+ van de", main)
    assert "welke scores en ambitie de coördinator heeft vastgesteld" in main
    assert re.search(r"In totaal: 0 van \d+ scores vastgesteld", main)


def test_the_scan_page_tells_a_lezer_progress_but_not_who_was_invited(
    client, scan, coord, gemeente
):
    uitnodiging(scan, perspectief="bestuur", naam="Wethouder Jansen", email="jansen@example.org")
    uitnodiging(scan, perspectief="uitvoering", naam="Kees Klant", email="kees@example.org")
    url = reverse("scans:detail", args=[scan.pk])
    client.force_login(coord)
    main = _main(client.get(url))
    assert "Kees Klant" in main and "kees@example.org" in main
    assert "stel de scores en de ambitie vast" in main

    client.force_login(lezer(gemeente))
    main = _main(client.get(url))
    assert "Voortgang per perspectief" in main
    assert "In totaal hebben 0 van de 2 uitgenodigden de vragenlijst afgerond." in main
    for persoonlijk in ("Kees Klant", "kees@example.org", "Wethouder Jansen", "jansen@"):
        assert persoonlijk not in main
    assert "ziet alleen de coördinator" in main
    assert not re.search(r"\b[Ss]tel\b[^.<]*\bvast\b", main)
    assert "Bekijk de scores en ambities per uitgangspunt" in main
    assert _velden(main) == []


def test_a_finalised_scan_shows_the_coordinator_text_not_a_disabled_form(client, scan, coord, up1):
    n = up1.checkvragen.count()
    client.force_login(coord)
    client.post(
        reverse("scans:vaststellen", args=[scan.pk, "up1"]),
        _vaststel_data(scan, up1, ["2"] * n, dict.fromkeys(range(n), "besproken")),
    )
    scan.status = scan.Status.AFGEROND
    scan.save(update_fields=["status"])
    main = _main(client.get(reverse("scans:vaststellen", args=[scan.pk, "up1"])))
    assert _velden(main) == []
    assert "Deze scan is afgerond" in main and "Vastgesteld: niveau 2 (" in main
    assert "Alleen lezen." not in main


def test_after_a_conflict_the_page_says_the_rest_was_stored(client, scan, coord, gemeente):
    up = scan.kaderversie.uitgangspunten.get(sleutel="UP2")
    n = up.checkvragen.count()
    redenen = dict.fromkeys(range(n), "reden")
    url = reverse("scans:vaststellen", args=[scan.pk, "up2"])
    client.force_login(coord)
    client.post(url, _vaststel_data(scan, up, ["2"] + [""] * (n - 1), {0: "reden"}, ambitie=""))
    client.force_login(coordinator(gemeente))
    response = client.post(url, _vaststel_data(scan, up, ["4"] * n, redenen, ambitie="4"))
    assert response.status_code == 409
    main = _main(response)
    assert "De rest van wat u koos, is wel opgeslagen." in main
    assert "Er is niets opgeslagen" not in main and "Niet alles is opgeslagen" not in main
    opgeslagen = dict(
        VastgesteldeScore.objects.filter(scan=scan).values_list("checkvraag__volgorde", "waarde")
    )
    assert sorted(opgeslagen.values()) == ["2"] + ["4"] * (n - 1)
    assert Ambitie.objects.get(scan=scan, uitgangspunt=up).niveau == 4
    assert f"<strong>{n} van {n} scores vastgesteld</strong>" in main
