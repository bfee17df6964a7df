"""The begrippenlijst, terms linked in the framework's texts, and what a v2 question shows on
the public uitgangspunt page (levels, perspectives, own wordings); v1 pages stay as they were."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse

from principles.loader import laad_kader
from principles.models import Begrip
from principles.templatetags.begrippen import met_begrippen


@pytest.fixture
def kader_v2(kader, kader_v2):
    """Version 1 and the small version 2, published after it (so v2 is the current one)."""
    return kader_v2


def test_the_begrippen_page_lists_the_terms_alphabetically_with_an_anchor(client, kader_v2):
    antwoord = client.get(reverse("principles:begrippen"))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert reverse("principles:begrippen") == "/kader/begrippen/"
    posities = [html.index(f'id="{anker}"') for anker in ("lokaal-team", "ondersteuningsplan")]
    assert posities == sorted(posities)
    assert html.index('id="ondersteuningsplan"') < html.index('id="wmo"')
    assert '<dt class="vit-scale__term" id="wmo">Wmo</dt>' in html
    assert "thuis te blijven wonen" in html


def test_without_begrippen_the_page_says_so_and_links_back(client, kader):
    html = client.get(reverse("principles:begrippen")).content.decode()
    assert "hoort nog geen begrippenlijst" in html
    assert f'href="{reverse("principles:kader")}"' in html
    assert "<dl" not in html
    kaderpagina = client.get(reverse("principles:kader")).content.decode()
    assert reverse("principles:begrippen") not in kaderpagina
    assert "Wie beantwoordt de vragen" not in kaderpagina


def test_the_kader_page_links_to_the_begrippen_and_names_the_perspectives(client, kader_v2):
    html = client.get(reverse("principles:kader")).content.decode()
    assert f'href="{reverse("principles:begrippen")}">Begrippenlijst</a>' in html
    assert "Wie beantwoordt de vragen" in html
    assert '<dt class="vit-scale__term">Inwoner</dt>' in html
    assert "Mensen die hulp vroegen of kregen." in html


def _begrippen(*termen, versie_id=9001):
    return [Begrip(versie_id=versie_id, term=t, uitleg="Uitleg.") for t in termen]


def test_the_filter_escapes_the_text_and_links_the_first_occurrence_of_each_term():
    begrippen = _begrippen("Wmo", "Lokaal team")
    uit = met_begrippen('De wmo & het lokaal team <script>alert("x")</script>. Wmo!', begrippen)
    assert "<script>" not in uit
    assert "&lt;script&gt;" in uit and "&amp;" in uit
    assert uit.count("<a ") == 2
    assert 'De <a class="utrecht-link" href="/kader/begrippen/#wmo">wmo</a> &amp;' in uit
    assert '<a class="utrecht-link" href="/kader/begrippen/#lokaal-team">lokaal team</a>' in uit
    assert uit.endswith(" Wmo!")
    assert "title=" not in uit


def test_the_filter_matches_whole_words_and_capitals_only_for_all_caps_terms():
    begrippen = _begrippen("GGZ", "plan", versie_id=9002)
    assert "<a" not in met_begrippen("De ggz en het ondersteuningsplanning.", begrippen)
    uit = met_begrippen("De GGZ maakt een Plan.", begrippen)
    assert '<a class="utrecht-link" href="/kader/begrippen/#ggz">GGZ</a>' in uit
    assert '<a class="utrecht-link" href="/kader/begrippen/#plan">Plan</a>' in uit


def test_the_filter_without_begrippen_only_escapes():
    assert met_begrippen("A & <b>", []) == "A &amp; &lt;b&gt;"
    html = Template("{% load begrippen %}{{ t|met_begrippen:b }}").render(
        Context({"t": "<i>Wmo</i>", "b": _begrippen("Wmo", versie_id=9003)})
    )
    assert html == '&lt;i&gt;<a class="utrecht-link" href="/kader/begrippen/#wmo">Wmo</a>&lt;/i&gt;'


def test_a_v2_uitgangspunt_shows_levels_perspectives_and_own_wordings(
    client, kader_v2, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        antwoord = client.get("/kader/up1/")
    html = antwoord.content.decode()
    assert html.count("Zo ziet elk niveau eruit") == 2
    assert "Er is altijd één plan dat iedereen kent." in html
    assert "4. Helemaal" in html
    assert "Gesteld aan: Uitvoering, Inwoner" in html
    assert "Gesteld aan: Beleid" in html
    assert "Ik heb samen met één medewerker één plan gemaakt." in html
    assert "Denk aan uw eigen ervaring." in html
    assert '<a class="utrecht-link" href="/kader/begrippen/#wmo">Wmo</a>' in html
    assert 'href="/kader/begrippen/">begrippenlijst</a>' in html


def test_a_v1_uitgangspunt_shows_nothing_new(client, kader):
    html = client.get("/kader/up1/").content.decode()
    assert "Zo ziet elk niveau eruit" not in html
    assert "Gesteld aan" not in html
    assert "/kader/begrippen/" not in html
    assert "Bron:" not in html
    assert "<details" not in html


def test_a_handreiking_with_a_source_and_no_address_shows_the_source_as_text(client, kader_v2):
    for pagina in (reverse("principles:handreikingen"), "/kader/up1/"):
        html = client.get(pagina).content.decode()
        assert "Bron: Werkboek bij de training Samen plannen, 2025 (op papier)" in html
        assert 'href=""' not in html
        assert ">Werkboek samen plannen</a>" not in html
        assert '<a class="utrecht-link" href="https://example.org/gids"' in html


def test_on_one_page_a_term_is_linked_only_the_first_time():
    from principles.templatetags.begrippen import OpDezePagina

    pagina = OpDezePagina(_begrippen("Wmo"))
    eerste = met_begrippen("De Wmo regelt veel.", pagina)
    tweede = met_begrippen("Ook hier de Wmo.", pagina)
    assert eerste.count("<a ") == 1 and "<a " not in tweede
    assert met_begrippen("Nieuwe pagina: Wmo.", OpDezePagina(_begrippen("Wmo"))).count("<a ") == 1


def test_the_real_v2_uitgangspunt_page_links_each_term_once(client, kader):
    import re

    laad_kader(Path(__file__).resolve().parent.parent / "fixtures" / "kader_v2.json")
    html = client.get("/kader/up4/").content.decode()
    links = re.findall(r'href="/kader/begrippen/#([\w-]+)"', html)
    assert links, "terms are linked"
    assert len(links) == len(set(links)), "a term is linked more than once on the page"


def test_the_basisfunctionaliteiten_of_an_uitgangspunt_are_named_in_order(client, kader):
    laad_kader(Path(__file__).resolve().parent.parent / "fixtures" / "kader_v2.json")
    html = " ".join(client.get("/kader/").content.decode().split())
    assert "hoort bij basisfunctionaliteit 1, 2 en 3" in html  # UP6 serves all three
    pagina = client.get("/kader/up6/").content.decode()
    plaatsen = [pagina.index(f"<strong>Basisfunctionaliteit {n}.") for n in (1, 2, 3)]
    assert plaatsen == sorted(plaatsen)
