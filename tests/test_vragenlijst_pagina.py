"""What a respondent sees on the questionnaire pages: progress, where to go on, one name per
uitgangspunt, the levels one tap away, the save state per question, the heading that takes the
focus, and errors named as the page names them."""

# ruff: noqa: F401, F811 (the fixtures come from the module of the questionnaire's rules)
import re

import pytest
from django.urls import reverse

from assessments.models import TOELICHTING_MAX
from principles.models import CheckVraag

from .test_vragenlijst import _pagina_url, _post_data, _vragen, scan, uitgenodigd

pytestmark = pytest.mark.django_db


def test_a_question_page_shows_the_progress_in_words_and_as_a_bar_before_any_answer(
    client, kader, uitgenodigd
):
    _, token = uitgenodigd
    totaal = CheckVraag.objects.filter(uitgangspunt__versie=kader).count()
    html = client.get(_pagina_url(token)).content.decode()
    assert f"U heeft 0 van de {totaal} vragen beantwoord" in html
    assert f'<progress class="vit-progress" id="voortgang-balk" max="{totaal}" value="0"' in html
    vragen = _vragen(kader)
    client.post(_pagina_url(token), _post_data(vragen, ["3"] * len(vragen), actie="blijf"))
    html = client.get(_pagina_url(token)).content.decode()
    assert f"U heeft {len(vragen)} van de {totaal} vragen beantwoord" in html
    assert f'max="{totaal}" value="{len(vragen)}"' in html


def test_a_returning_respondent_finds_verder_waar_u_was_before_the_explanation(
    client, kader, uitgenodigd
):
    _, token = uitgenodigd
    vragen = _vragen(kader, "UP2")
    client.post(_pagina_url(token, "up2"), _post_data(vragen, ["2"], actie="blijf"))
    html = client.get(reverse("vragenlijst:start", args=[token])).content.decode()
    assert "Verder waar u was" in html
    assert html.index("Verder waar u was") < html.index("Hoe het werkt")
    assert "Beginnen" not in html


def test_an_uitgangspunt_has_one_name_on_its_page_in_the_saved_message_and_the_overview(
    client, kader, uitgenodigd
):
    respondent, token = uitgenodigd
    up1 = kader.uitgangspunten.get(sleutel="UP1")
    naam = f"{up1.volgorde}. {up1.korte_titel}"
    pagina = client.get(_pagina_url(token)).content.decode()
    assert re.search(rf'<h1 class="utrecht-heading-1[^>]*>{re.escape(naam)}</h1>', pagina)
    assert up1.titel in pagina  # the full title explains the name, under the heading
    volgende = client.post(_pagina_url(token), _post_data(_vragen(kader), ["2"]), follow=True)
    assert f"Uw antwoorden bij &#x27;{naam}&#x27; zijn opgeslagen." in volgende.content.decode()
    overzicht = client.get(reverse("vragenlijst:overzicht", args=[token])).content.decode()
    assert f">{naam}</a>" in overzicht


def _blokken(html):
    """The question blocks of a page, each as its own piece of HTML."""
    einde = r'<div class="vit-question-block|<div class="vit-form-actions|</form>'
    return re.findall(rf'<div class="vit-question-block.*?(?={einde})', html, re.S)


def test_the_options_show_short_labels_and_the_levels_are_one_tap_away_per_question(
    client, kader, uitgenodigd
):
    _, token = uitgenodigd
    html = client.get(_pagina_url(token)).content.decode()
    niveaus = list(kader.antwoordniveaus.order_by("waarde"))
    blokken = _blokken(html)
    assert len(blokken) == len(_vragen(kader))
    for blok in blokken:
        # A label is the number and the short name only ...
        for n in niveaus:
            assert re.search(
                rf'<label [^>]*for="[^"]+">{n.waarde}\. {re.escape(n.label)}</label>', blok
            )
        # ... and what each level means sits once in a native disclosure inside the question.
        assert blok.count("<details") == 1
        uitleg = blok[blok.index("<details") : blok.index("</details>")]
        assert "<summary" in uitleg and "Wat betekenen de niveaus?" in uitleg
        for n in niveaus:
            assert uitleg.count(n.omschrijving) == 1
            assert blok.count(n.omschrijving) == 1
        # The non-answers are set apart under the four levels.
        assert blok.count("vit-option--other") == 2


def test_each_question_has_its_own_polite_save_state_and_the_page_line_is_no_second_one(
    client, kader, uitgenodigd
):
    _, token = uitgenodigd
    html = client.get(_pagina_url(token)).content.decode()
    for vraag, blok in zip(_vragen(kader), _blokken(html), strict=True):
        assert (
            f'<p class="utrecht-paragraph vit-autosave-status vit-question-status" '
            f'id="id_v{vraag.pk}-waarde_opslag" role="status" data-vit-opslagstatus></p>'
        ) in blok
        # Between the options and the toelichting, so it is seen where one answers.
        assert blok.index("</fieldset>") < blok.index("_opslag") < blok.index("<textarea")
    assert html.count('role="status"') == len(_vragen(kader))
    assert '<p class="utrecht-paragraph vit-autosave-status" id="autosave-status"></p>' in html


@pytest.mark.parametrize("waar", ["start", "pagina", "overzicht"])
def test_every_questionnaire_page_has_its_heading_ready_for_the_focus(client, uitgenodigd, waar):
    _, token = uitgenodigd
    url = _pagina_url(token) if waar == "pagina" else reverse(f"vragenlijst:{waar}", args=[token])
    html = client.get(url).content.decode()
    start = reverse("vragenlijst:start", args=[token])
    kop = re.findall(r"<h1 [^>]*>", html)
    assert kop == [
        f'<h1 class="utrecht-heading-1 vit-page-heading" id="kop" tabindex="-1" '
        f'data-vit-kop="{start}">'
    ]


def test_the_error_summary_names_the_question_as_the_respondent_sees_it(client, kader, uitgenodigd):
    _, token = uitgenodigd
    vragen = _vragen(kader)
    te_lang = "x" * (TOELICHTING_MAX + 1)
    response = client.post(_pagina_url(token), _post_data(vragen, [], {1: te_lang}))
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#id_v{vragen[1].pk}-toelichting">Vraag 2: De toelichting is' in html
    assert vragen[1].sleutel not in html
    # Right under the heading: on a phone it is not hidden below the description.
    up1 = kader.uitgangspunten.get(sleutel="UP1")
    assert html.index('id="kop"') < html.index("data-vit-foutoverzicht")
    assert html.index("data-vit-foutoverzicht") < html.index(up1.omschrijving)


def test_a_finished_overview_says_so_before_the_table_and_offers_no_afronden(
    client, kader, uitgenodigd
):
    respondent, token = uitgenodigd
    url = reverse("vragenlijst:overzicht", args=[token])
    client.post(url, {"versie": respondent.versie, "bevestig": "ja"})
    html = client.get(url).content.decode()
    assert html.index("U heeft de vragenlijst afgerond op") < html.index("<table")
    assert "niet meer wijzigen" in html
    assert "Vragenlijst afronden" not in html
    up1 = kader.uitgangspunten.get(sleutel="UP1")
    assert f">{up1.naam}</a></th>" in html
    assert "0 van 5, nog niet begonnen" in html
