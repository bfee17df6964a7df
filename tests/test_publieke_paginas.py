"""The public pages show the published framework, without a login."""

import pytest
from django.urls import reverse

from principles.models import CheckVraag

pytestmark = pytest.mark.django_db


def test_landing_page_says_what_vit_is_and_is_not(client, kader):
    html = client.get(reverse("home")).content.decode()
    assert "Verkenninginstrument Toegang" in html
    assert "Geen extern beoordelingskader" in html
    assert "spiegel" in html
    for bf in kader.basisfunctionaliteiten.all():
        assert bf.titel in html


def test_kader_page_lists_basisfunctionaliteiten_uitgangspunten_and_scale(
    client, kader, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("principles:kader"))
    html = response.content.decode()
    for up in kader.uitgangspunten.all():
        assert up.get_absolute_url() in html
        assert up.korte_titel in html
    for niveau in kader.antwoordniveaus.all():
        assert niveau.label in html


def test_each_uitgangspunt_has_its_own_linkable_page_with_questions_and_resources(
    client, kader, django_assert_max_num_queries
):
    for up in kader.uitgangspunten.all():
        with django_assert_max_num_queries(10):
            response = client.get(up.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        for vraag in CheckVraag.objects.filter(uitgangspunt=up):
            assert vraag.tekst.replace("'", "&#x27;").replace('"', "&quot;") in html
        for hr in up.handreikingen.all():
            assert f'href="{hr.url}"' in html
        assert up.goed_als_lijst[0].replace("'", "&#x27;") in html


def test_an_unknown_uitgangspunt_gives_a_dutch_404(client, kader):
    response = client.get(reverse("principles:uitgangspunt", kwargs={"sleutel": "up99"}))
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_handreikingen_can_be_filtered_by_kind(client, kader):
    alle = client.get(reverse("principles:handreikingen")).content.decode()
    tips = client.get(reverse("principles:handreikingen"), {"soort": "hulplijn"}).content.decode()
    hulplijnen = kader.handreikingen.filter(soort="hulplijn")
    anders = kader.handreikingen.exclude(soort="hulplijn").first()
    assert anders.url in alle
    assert anders.url not in tips
    for hr in hulplijnen:
        assert hr.url in tips


def test_unknown_filter_value_shows_everything(client, kader):
    html = client.get(reverse("principles:handreikingen"), {"soort": "<script>"}).content.decode()
    assert "<script>" not in html
    assert html.count('class="vit-resource"') == kader.handreikingen.count()


def test_kader_page_without_a_published_version_is_a_clear_404(client):
    response = client.get(reverse("principles:kader"))
    assert response.status_code == 404
