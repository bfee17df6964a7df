"""A respondent answers from the personal link: saved as given, nothing lost, bad input refused."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import TOELICHTING_MAX, Antwoord, Respondent
from assessments.scans.services import trek_in, vernieuw_link
from principles.models import CheckVraag

from .factories import ScanFactory, uitnodiging

pytestmark = pytest.mark.django_db


@pytest.fixture
def scan(kader):
    return ScanFactory()


@pytest.fixture
def uitgenodigd(scan):
    return uitnodiging(scan, naam="Sam de Vries")


def _pagina_url(token, sleutel="up1"):
    return reverse("vragenlijst:pagina", args=[token, sleutel])


def _vragen(kader, sleutel="UP1"):
    return list(
        CheckVraag.objects.filter(uitgangspunt__versie=kader, uitgangspunt__sleutel=sleutel)
    )


def _post_data(vragen, waarden, toelichtingen=None, versies=None, actie="volgende"):
    data = {"actie": actie}
    for i, vraag in enumerate(vragen):
        data[f"v{vraag.pk}-waarde"] = waarden[i] if i < len(waarden) else ""
        data[f"v{vraag.pk}-toelichting"] = (toelichtingen or {}).get(i, "")
        data[f"v{vraag.pk}-versie"] = (versies or {}).get(i, 0)
    return data


def test_the_link_opens_an_introduction_with_the_gemeente_and_perspective(client, uitgenodigd):
    respondent, token = uitgenodigd
    html = client.get(reverse("vragenlijst:start", args=[token])).content.decode()
    assert respondent.scan.gemeente.naam in html
    assert "Uitvoering / toegang" in html
    assert "Beginnen" in html


def test_token_is_stored_only_as_a_hash(uitgenodigd):
    respondent, token = uitgenodigd
    respondent.refresh_from_db()
    assert token not in respondent.token_hash
    assert len(respondent.token_hash) == 64
    assert len(token) >= 40


@pytest.mark.parametrize("hoe", ["onbekend", "verlopen", "ingetrokken", "vernieuwd"])
def test_an_unusable_link_gets_one_plain_dutch_page_that_reveals_nothing(client, uitgenodigd, hoe):
    respondent, token = uitgenodigd
    if hoe == "onbekend":
        token = "dit-is-geen-geldige-link-" + "x" * 20
    elif hoe == "verlopen":
        Respondent.objects.filter(pk=respondent.pk).update(
            token_verloopt_op=timezone.now() - timedelta(minutes=1)
        )
    elif hoe == "ingetrokken":
        trek_in(respondent)
    else:
        vernieuw_link(respondent)
    for url in (reverse("vragenlijst:start", args=[token]), _pagina_url(token)):
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Deze link werkt niet" in html
        assert respondent.scan.gemeente.naam not in html
        assert respondent.scan.titel not in html


def test_a_page_save_keeps_the_answers_and_goes_to_the_next_page(client, kader, uitgenodigd):
    respondent, token = uitgenodigd
    vragen = _vragen(kader)
    response = client.post(
        _pagina_url(token),
        _post_data(
            vragen, ["3", "weet_niet", "nvt"], toelichtingen={0: "Korte lijnen met de huisarts"}
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == _pagina_url(token, "up2")
    opgeslagen = {a.checkvraag_id: a for a in Antwoord.objects.filter(respondent=respondent)}
    assert opgeslagen[vragen[0].pk].waarde == "3"
    assert opgeslagen[vragen[0].pk].toelichting == "Korte lijnen met de huisarts"
    assert opgeslagen[vragen[1].pk].waarde == "weet_niet"
    assert opgeslagen[vragen[2].pk].waarde == "nvt"
    assert len(opgeslagen) == 3  # untouched questions create no empty rows
    respondent.refresh_from_db()
    assert respondent.gestart_op is not None
    assert respondent.laatste_pagina == "UP1"


def test_coming_back_by_the_same_link_resumes_where_the_respondent_stopped(
    client, kader, uitgenodigd
):
    respondent, token = uitgenodigd
    client.post(_pagina_url(token), _post_data(_vragen(kader), ["2"]))
    client.get(_pagina_url(token, "up2"))
    html = client.get(reverse("vragenlijst:start", args=[token])).content.decode()
    up2 = kader.uitgangspunten.get(sleutel="UP2")
    assert f"Verder waar u was: {up2.naam}" in html
    pagina = client.get(_pagina_url(token)).content.decode()
    gekozen = re.findall(r"<input [^>]*\bchecked\b[^>]*>", pagina)
    assert len(gekozen) == 1
    assert f'name="v{_vragen(kader)[0].pk}-waarde" value="2"' in gekozen[0]


@pytest.mark.parametrize(
    ("waarde", "toelichting", "melding", "veld"),
    [
        ("5", "", "Dit antwoord bestaat niet", "waarde"),
        ("0", "", "Dit antwoord bestaat niet", "waarde"),
        ("3", "x" * (TOELICHTING_MAX + 1), f"maximaal {TOELICHTING_MAX}", "toelichting"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    client, kader, uitgenodigd, waarde, toelichting, melding, veld
):
    respondent, token = uitgenodigd
    vragen = _vragen(kader)
    client.post(_pagina_url(token), _post_data(vragen, ["1"]))
    response = client.post(
        _pagina_url(token),
        _post_data(vragen, ["4", waarde], toelichtingen={1: toelichting}, versies={0: 1}),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert melding in html
    assert "Er is niets opgeslagen" in html
    # The summary's link leads to the field that is wrong, which names the message.
    veld_id = f"id_v{vragen[1].pk}-{veld}"
    assert f'href="#{veld_id}"' in html
    assert f'id="{veld_id}_fout"' in html
    # Also the valid answer on the same page was not saved: the page changes nothing.
    assert Antwoord.objects.get(respondent=respondent, checkvraag=vragen[0]).waarde == "1"
    assert Antwoord.objects.filter(respondent=respondent).count() == 1


def test_an_answer_to_a_question_of_another_framework_version_is_refused(
    client, kader, uitgenodigd
):
    respondent, token = uitgenodigd
    kopie = kader.maak_kopie()
    vreemde_vraag = CheckVraag.objects.filter(uitgangspunt__versie=kopie).first()
    response = client.post(
        reverse("vragenlijst:antwoord", args=[token]),
        {"vraag": vreemde_vraag.pk, "waarde": "3", "toelichting": "", "versie": 0},
    )
    assert response.status_code == 400
    assert "hoort niet bij deze scan" in response.json()["fout"]
    assert not Antwoord.objects.exists()


def test_missing_csrf_token_is_refused_and_changes_nothing(kader, uitgenodigd):
    from django.test import Client

    respondent, token = uitgenodigd
    client = Client(enforce_csrf_checks=True)
    response = client.post(_pagina_url(token), _post_data(_vragen(kader), ["3"]))
    assert response.status_code == 403
    assert "Het formulier is niet verwerkt" in response.content.decode()
    assert not Antwoord.objects.exists()


def test_two_tabs_never_silently_overwrite_each_other(client, kader, uitgenodigd):
    respondent, token = uitgenodigd
    vragen = _vragen(kader)
    # Both tabs loaded the page when nothing was answered (version 0).
    client.post(_pagina_url(token), _post_data(vragen, ["4"], actie="blijf"))
    response = client.post(_pagina_url(token), _post_data(vragen, ["1", "2"], actie="blijf"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "intussen" in html
    antwoorden = {a.checkvraag_id: a.waarde for a in Antwoord.objects.filter(respondent=respondent)}
    assert antwoorden[vragen[0].pk] == "4"  # the first tab's answer is kept
    assert antwoorden[vragen[1].pk] == "2"  # the second tab's other answer is saved


def test_a_double_submit_is_harmless(client, kader, uitgenodigd):
    respondent, token = uitgenodigd
    data = _post_data(_vragen(kader), ["3", "2"])
    assert client.post(_pagina_url(token), data).status_code == 302
    assert client.post(_pagina_url(token), data).status_code == 302
    assert Antwoord.objects.filter(respondent=respondent).count() == 2
    assert set(Antwoord.objects.values_list("versie", flat=True)) == {1}


def test_autosave_stores_one_answer_and_returns_the_new_version(client, kader, uitgenodigd):
    respondent, token = uitgenodigd
    vraag = _vragen(kader)[0]
    url = reverse("vragenlijst:antwoord", args=[token])
    eerste = client.post(url, {"vraag": vraag.pk, "waarde": "2", "toelichting": "", "versie": 0})
    assert eerste.json()["versie"] == 1
    tweede = client.post(url, {"vraag": vraag.pk, "waarde": "3", "toelichting": "", "versie": 1})
    assert tweede.json()["versie"] == 2
    verouderd = client.post(url, {"vraag": vraag.pk, "waarde": "1", "toelichting": "", "versie": 1})
    assert verouderd.status_code == 409
    assert Antwoord.objects.get(respondent=respondent, checkvraag=vraag).waarde == "3"


def test_progress_counts_only_the_questions_that_apply(client, kader, uitgenodigd):
    respondent, token = uitgenodigd
    vragen = _vragen(kader)
    client.post(_pagina_url(token), _post_data(vragen, ["3", "nvt", "weet_niet"]))
    totaal = CheckVraag.objects.filter(uitgangspunt__versie=kader).count()
    html = client.get(reverse("vragenlijst:overzicht", args=[token])).content.decode()
    assert f"U heeft 2 van de {totaal - 1} vragen beantwoord" in html
    assert "1 niet van toepassing" in html


def test_afronden_locks_the_response(client, kader, uitgenodigd):
    respondent, token = uitgenodigd
    vragen = _vragen(kader)
    client.post(_pagina_url(token), _post_data(vragen, ["3"]))
    overzicht = reverse("vragenlijst:overzicht", args=[token])
    zonder_vinkje = client.post(overzicht, {"versie": 1}, follow=True)
    assert "Vink aan" in zonder_vinkje.content.decode()
    respondent.refresh_from_db()
    assert respondent.afgerond_op is None
    client.post(overzicht, {"versie": 1, "bevestig": "ja"})
    respondent.refresh_from_db()
    assert respondent.afgerond_op is not None
    na = client.post(_pagina_url(token), _post_data(vragen, ["1"], versies={0: 1}), follow=True)
    assert "afgerond" in na.content.decode()
    assert Antwoord.objects.get(respondent=respondent, checkvraag=vragen[0]).waarde == "3"


def test_a_respondent_sees_only_the_own_answers(client, kader, scan):
    eerste, token1 = uitnodiging(scan)
    tweede, token2 = uitnodiging(scan, perspectief="bestuur")
    vragen = _vragen(kader)
    client.post(_pagina_url(token1), _post_data(vragen, ["4"], toelichtingen={0: "Geheim van één"}))
    html = client.get(_pagina_url(token2)).content.decode()
    assert "Geheim van één" not in html
    assert "checked" not in html


def test_page_query_count_does_not_grow_with_the_number_of_questions(
    client, kader, uitgenodigd, django_assert_max_num_queries
):
    respondent, token = uitgenodigd
    for sleutel in ("up1", "up4"):  # pages with 5 and 6 questions
        with django_assert_max_num_queries(12):
            client.get(_pagina_url(token, sleutel))


def test_autosave_reports_progress_counting_only_questions_that_apply(client, kader, uitgenodigd):
    respondent, token = uitgenodigd
    vragen = _vragen(kader)
    url = reverse("vragenlijst:antwoord", args=[token])
    totaal = CheckVraag.objects.filter(uitgangspunt__versie=kader).count()
    client.post(url, {"vraag": vragen[0].pk, "waarde": "nvt", "toelichting": "", "versie": 0})
    data = client.post(
        url, {"vraag": vragen[1].pk, "waarde": "2", "toelichting": "", "versie": 0}
    ).json()
    assert data["voortgang"].startswith(f"U heeft 1 van de {totaal - 1} vragen beantwoord")


def test_the_start_page_says_plainly_that_a_lone_perspective_is_recognisable(client, uitgenodigd):
    _, token = uitgenodigd
    html = client.get(reverse("vragenlijst:start", args=[token])).content.decode()
    assert "Uw naam staat nooit bij uw antwoorden of toelichtingen" in html
    assert "Bent u de enige uit dat perspectief" in html
    assert "zonder uw naam" not in html


@pytest.mark.django_db(transaction=True)
def test_a_triple_click_on_opslaan_on_an_empty_page_stores_once_and_shows_no_error_page(kader):
    """Three identical page saves at the same moment on a page with no stored answers yet
    (three connections, as three workers would have): each ends as stored or as the Dutch
    conflict page, never as an error page, and the answers are stored once."""
    import threading

    from django.db import connection, connections
    from django.test import Client

    if connection.vendor == "sqlite":
        pytest.skip("needs a database server with concurrent connections (PostgreSQL)")
    respondent, token = uitnodiging(ScanFactory())
    vragen = _vragen(kader)
    data = _post_data(vragen, ["3"] * len(vragen), toelichtingen={0: "Drie keer geklikt"})
    start = threading.Barrier(3)
    statussen = []

    def verstuur():
        try:
            client = Client(raise_request_exception=False)
            start.wait()
            statussen.append(client.post(_pagina_url(token), data).status_code)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=verstuur) for _ in range(3)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert len(statussen) == 3 and set(statussen) <= {302, 409} and 302 in statussen, statussen
    antwoorden = Antwoord.objects.filter(respondent=respondent)
    assert antwoorden.count() == len(vragen)
    assert set(antwoorden.values_list("waarde", "versie")) == {("3", 1)}
