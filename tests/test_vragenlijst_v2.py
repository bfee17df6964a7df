"""The questionnaire on framework version 2: a respondent gets only the questions asked of their
perspective, in its wording, with each question's own level descriptions at the options."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Antwoord
from principles.models import CheckVraag

from .factories import ScanFactory, uitnodiging
from .kader_v2 import inwoner_tekst, laad_kader_v2, niveau_tekst

pytestmark = pytest.mark.django_db


@pytest.fixture
def v2(kader, tmp_path):
    return laad_kader_v2(tmp_path)


def _inwoner(v2):
    scan = ScanFactory(kaderversie=v2)
    return uitnodiging(scan, perspectief="inwoner")


def _vraag(versie, sleutel):
    return CheckVraag.objects.get(uitgangspunt__versie=versie, sleutel=sleutel)


def _pagina(client, token, up="up1"):
    response = client.get(reverse("vragenlijst:pagina", args=[token, up]))
    return response, response.content.decode()


def test_an_inwoner_sees_only_the_inwoner_questions_in_their_wording(client, v2):
    _, token = _inwoner(v2)
    response, html = _pagina(client, token)
    assert response.status_code == 200
    # UP1 asks the inwoner its first and third question, both in the inwoner's words.
    assert html.count('class="vit-question-block') == 2
    assert "Vraag 1 van 2" in html and "Vraag 2 van 2" in html
    assert inwoner_tekst("UP1-01") in html and inwoner_tekst("UP1-03") in html
    for sleutel in ("UP1-01", "UP1-02", "UP1-03"):
        assert _vraag(v2, sleutel).tekst not in html
    assert "Denk aan uw eigen ervaring (UP1-01)." in html
    assert f'name="v{_vraag(v2, "UP1-02").pk}-waarde"' not in html


def test_another_perspective_gets_its_own_questions_with_the_general_wording(client, v2):
    scan = ScanFactory(kaderversie=v2)
    _, token = uitnodiging(scan, perspectief="beleid")
    _, html = _pagina(client, token)
    # Beleid: the first, second and the later questions of UP1, not the third.
    assert _vraag(v2, "UP1-01").tekst in html and _vraag(v2, "UP1-02").tekst in html
    assert inwoner_tekst("UP1-01") not in html and inwoner_tekst("UP1-03") not in html
    assert "Vraag 1 van 4" in html


def test_a_page_without_questions_for_the_respondent_is_skipped(client, v2):
    _, token = _inwoner(v2)
    response, _ = _pagina(client, token, "up7")
    assert response.status_code == 404
    # UP6 is the inwoner's last page: it leads to the overview, not to UP7.
    _, html = _pagina(client, token, "up6")
    assert "Uitgangspunt 6 van 6" in html
    assert "Opslaan en naar het overzicht" in html and "up7" not in html
    overzicht = client.get(reverse("vragenlijst:overzicht", args=[token])).content.decode()
    assert v2.uitgangspunten.get(sleutel="UP7").naam not in overzicht


def test_an_answer_to_a_question_not_asked_is_refused_and_nothing_is_stored(client, v2):
    respondent, token = _inwoner(v2)
    niet_gesteld = _vraag(v2, "UP1-02")
    response = client.post(
        reverse("vragenlijst:antwoord", args=[token]),
        {"vraag": niet_gesteld.pk, "waarde": "3", "toelichting": "", "versie": 0},
    )
    assert response.status_code == 400
    fout = response.json()["fout"]
    assert "niet gesteld aan het perspectief Inwoner" in fout and "niet opgeslagen" in fout
    # Sent along with the page, it is not read either.
    gesteld = _vraag(v2, "UP1-01")
    client.post(
        reverse("vragenlijst:pagina", args=[token, "up1"]),
        {
            "actie": "blijf",
            f"v{gesteld.pk}-waarde": "2",
            f"v{gesteld.pk}-versie": 0,
            f"v{niet_gesteld.pk}-waarde": "4",
            f"v{niet_gesteld.pk}-versie": 0,
        },
    )
    opgeslagen = dict(
        Antwoord.objects.filter(respondent=respondent).values_list("checkvraag_id", "waarde")
    )
    assert opgeslagen == {gesteld.pk: "2"}


def _aantal_voor(versie, sleutel):
    vragen = CheckVraag.objects.filter(uitgangspunt__versie=versie).prefetch_related(
        "voor_perspectieven__perspectief"
    )
    return sum(1 for v in vragen if v.gesteld_aan(sleutel))


def _optie(html, vraag, waarde):
    return re.search(rf'<input type="radio" name="v{vraag.pk}-waarde" value="{waarde}"[^>]*>', html)


def test_progress_and_afronden_count_only_the_questions_asked(client, v2):
    respondent, token = _inwoner(v2)
    gesteld = _aantal_voor(v2, "inwoner")
    assert 0 < gesteld < CheckVraag.objects.filter(uitgangspunt__versie=v2).count()
    _, html = _pagina(client, token)
    assert f"U heeft 0 van de {gesteld} vragen beantwoord" in html
    start = client.get(reverse("vragenlijst:start", args=[token])).content.decode()
    assert f"met {gesteld} vragen in totaal" in start and "Er zijn 6 pagina's" in start
    vraag = _vraag(v2, "UP1-01")
    client.post(
        reverse("vragenlijst:antwoord", args=[token]),
        {"vraag": vraag.pk, "waarde": "3", "toelichting": "", "versie": 0},
    )
    overzicht = client.get(reverse("vragenlijst:overzicht", args=[token])).content.decode()
    assert f"U heeft 1 van de {gesteld} vragen beantwoord" in overzicht
    assert "1 van 2, deels" in overzicht


def test_each_level_option_carries_the_question_s_own_description(client, v2):
    _, token = _inwoner(v2)
    _, html = _pagina(client, token)
    vraag = _vraag(v2, "UP1-01")
    assert "Wat betekenen de niveaus?" not in html
    for niveau in range(1, 5):
        invoer = _optie(html, vraag, niveau)
        assert invoer, niveau
        beschrijving = re.search(r'aria-describedby="([^"]+)"', invoer.group(0)).group(1)
        uitleg = re.search(rf'id="{beschrijving}">([^<]*)<', html).group(1)
        assert uitleg == niveau_tekst("UP1-01", niveau)
    # The label of the option stays the level's short name; "weet ik niet" has no description.
    assert re.search(r">1\. [^<]+</label>", html)
    anders = _optie(html, vraag, "weet_niet")
    assert "aria-describedby" not in anders.group(0)


def test_a_version_1_page_keeps_the_general_levels_and_no_descriptions(client, kader):
    scan = ScanFactory(kaderversie=kader)
    _, token = uitnodiging(scan, perspectief="inwoner")
    _, html = _pagina(client, token)
    vragen = kader.uitgangspunten.get(sleutel="UP1").checkvragen.count()
    assert html.count("Wat betekenen de niveaus?") == vragen
    assert html.count('class="vit-question-block') == vragen
    assert "vit-option__uitleg" not in html
    assert not re.search(r'<input type="radio"[^>]*aria-describedby', html)


def test_a_finished_v2_questionnaire_shows_the_chosen_level_s_description(client, v2):
    respondent, token = _inwoner(v2)
    vraag = _vraag(v2, "UP1-01")
    client.post(
        reverse("vragenlijst:antwoord", args=[token]),
        {"vraag": vraag.pk, "waarde": "2", "toelichting": "", "versie": 0},
    )
    respondent.refresh_from_db()
    client.post(
        reverse("vragenlijst:overzicht", args=[token]),
        {"bevestig": "ja", "versie": respondent.versie},
    )
    _, html = _pagina(client, token)
    assert inwoner_tekst("UP1-01") in html
    assert niveau_tekst("UP1-01", 2) in html
    assert "Wat betekenen de niveaus?" not in html


def _tel(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_respondent_pages_take_the_same_queries_for_few_and_many_questions(
    client, kader, tmp_path
):
    tellingen = []
    for nummer, per_up in ((2, 3), (3, 9)):
        versie = laad_kader_v2(tmp_path, nummer=nummer, vragen_per_up=per_up)
        _, token = uitnodiging(ScanFactory(kaderversie=versie), perspectief="inwoner")
        tellingen.append(
            [
                _tel(client, reverse(naam, args=args))
                for naam, args in (
                    ("vragenlijst:pagina", [token, "up1"]),
                    ("vragenlijst:overzicht", [token]),
                    ("vragenlijst:start", [token]),
                )
            ]
        )
    assert tellingen[0] == tellingen[1]


def test_a_perspective_asked_nothing_is_told_so_on_the_start_page(client, kader):
    from principles.loader import laad_kader

    from .conftest import ROOT

    klein, _ = laad_kader(ROOT / "tests" / "fixtures" / "kader_v2_klein.json")
    _, token = uitnodiging(ScanFactory(kaderversie=klein), perspectief="bestuur")
    html = client.get(reverse("vragenlijst:start", args=[token])).content.decode()
    assert "geen vragen voor het perspectief Bestuur" in html
    assert "Beginnen" not in html
