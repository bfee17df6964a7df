"""The content editor for the framework-v2 parts: levels and perspectives on a question's page,
the perspective and begrippen lists, frozen versions read-only, and the differences page."""

import pytest
from django.urls import reverse

from principles.models import Begrip, CheckVraag, KaderPerspectief, VraagPerspectief
from principles.verschillen import vergelijk

from .conftest import KADER_V2_KLEIN

KLEIN = KADER_V2_KLEIN


def _vraag(versie, sleutel):
    return CheckVraag.objects.get(uitgangspunt__versie=versie, sleutel=sleutel)


def test_a_concept_question_page_edits_levels_and_perspectives_of_its_own_version(
    client, redacteur, kader_v2
):
    kopie = kader_v2.maak_kopie()
    vraag = _vraag(kopie, "UP1-02")
    html = client.get(reverse("admin:principles_checkvraag_change", args=[vraag.pk])).content
    html = html.decode()
    for n in range(1, 5):
        assert f'name="niveau_{n}"' in html
    assert "Zo ziet niveau 4 eruit" in html
    assert 'name="voor_perspectieven-TOTAL_FORMS" value="2"' in html
    assert "Gesteld aan (geen enkel perspectief" in html
    eigen = {str(p.pk) for p in kopie.perspectieven.all()}
    ander = {str(p.pk) for p in kader_v2.perspectieven.all()}
    assert all(f'<option value="{pk}"' in html for pk in eigen)
    assert not any(f'<option value="{pk}"' in html for pk in ander)


def test_a_published_question_shows_its_levels_and_perspectives_read_only(
    client, redacteur, kader_v2
):
    vraag = _vraag(kader_v2, "UP1-02")
    html = client.get(reverse("admin:principles_checkvraag_change", args=[vraag.pk])).content
    html = html.decode()
    assert 'name="niveau_1"' not in html
    assert "Er is altijd één plan dat iedereen kent." in html
    assert "Ik heb samen met één medewerker één plan gemaakt." in html
    assert 'name="voor_perspectieven-0-tekst"' not in html


@pytest.mark.parametrize("model", ["kaderperspectief", "begrip"])
def test_the_lists_of_perspectives_and_begrippen_show_one_version(
    client, redacteur, kader_v2, model
):
    kopie = kader_v2.maak_kopie()
    lijst = client.get(reverse(f"admin:principles_{model}_changelist"))
    assert lijst.status_code == 200
    html = lijst.content.decode()
    assert "van versie 3 (concept)" in html
    assert "Versie 2 (gepubliceerd)" in html  # in the version filter
    rijen = {"kaderperspectief": "perspectieven", "begrip": "begrippen"}[model]
    for versie, getoond in ((kopie, True), (kader_v2, False)):
        for pk in getattr(versie, rijen).values_list("pk", flat=True):
            wijzig = reverse(f"admin:principles_{model}_change", args=[pk])
            assert (f'href="{wijzig}' in html) is getoond


def test_a_published_begrip_cannot_be_changed_in_the_admin(client, redacteur, kader_v2):
    begrip = kader_v2.begrippen.get(term="Wmo")
    url = reverse("admin:principles_begrip_change", args=[begrip.pk])
    pagina = client.get(url).content.decode()
    assert 'name="uitleg"' not in pagina
    response = client.post(url, {"term": "Wmo", "uitleg": "Stiekem anders."})
    assert response.status_code == 403
    begrip.refresh_from_db()
    assert begrip.uitleg != "Stiekem anders."
    perspectief = kader_v2.perspectieven.get(sleutel="inwoner")
    url = reverse("admin:principles_kaderperspectief_change", args=[perspectief.pk])
    assert client.post(url, {"naam": "Burger", "volgorde": 1}).status_code == 403
    assert KaderPerspectief.objects.get(pk=perspectief.pk).naam == "Inwoner"


def test_a_begrip_is_added_to_a_concept(client, redacteur, kader_v2):
    kopie = kader_v2.maak_kopie()
    response = client.post(
        reverse("admin:principles_begrip_add") + f"?versie={kopie.pk}",
        {"versie": kopie.pk, "term": "Mantelzorg", "uitleg": "Zorg voor een naaste."},
    )
    assert response.status_code == 302
    assert kopie.begrippen.filter(term="Mantelzorg").exists()
    assert not kader_v2.begrippen.filter(term="Mantelzorg").exists()


def test_the_differences_name_levels_perspectives_and_begrippen(client, redacteur, kader_v2):
    kopie = kader_v2.maak_kopie()
    vraag = _vraag(kopie, "UP1-02")
    vraag.niveau_4 = "Er is altijd één plan, en de inwoner heeft het zelf."
    vraag.save()
    VraagPerspectief.objects.filter(checkvraag=vraag, perspectief__sleutel="inwoner").delete()
    Begrip.objects.create(versie=kopie, term="Mantelzorg", uitleg="Zorg voor een naaste.")
    kopie.perspectieven.filter(sleutel="beleid").update(omschrijving="Wie beleid maakt.")
    verschillen = {v.soort: v for v in vergelijk(kader_v2, kopie)}
    velden = {
        label: (voor, na) for label, voor, na in verschillen["Check-vragen"].gewijzigd[0].velden
    }
    assert velden["Zo ziet niveau 4 eruit"][1].endswith("de inwoner heeft het zelf.")
    assert velden["Gesteld aan"] == (
        "Uitvoering; Inwoner: “Ik heb samen met één medewerker één plan gemaakt.” "
        "(toelichting: Denk aan uw eigen ervaring.)",
        "Uitvoering",
    )
    assert verschillen["Begrippen"].toegevoegd == [("Mantelzorg", "Mantelzorg")]
    assert [w.sleutel for w in verschillen["Perspectieven"].gewijzigd] == ["beleid"]
    html = client.get(reverse("admin:principles_kaderversie_verschillen", args=[kopie.pk]))
    assert "Begrippen: 1 toegevoegd" in html.content.decode()


def test_a_begrip_that_is_already_listed_is_refused_in_dutch(client, redacteur, kader_v2):
    kopie = kader_v2.maak_kopie()
    response = client.post(
        reverse("admin:principles_begrip_add") + f"?versie={kopie.pk}",
        {"versie": kopie.pk, "term": "wmo", "uitleg": "Nog een keer."},
    )
    assert response.status_code == 200
    assert "Dit begrip staat al in de lijst van deze versie." in response.content.decode()
    assert kopie.begrippen.count() == 3


def test_the_differences_sort_terms_that_start_with_a_digit_beside_words(kader_v2):
    kopie = kader_v2.maak_kopie()
    Begrip.objects.create(versie=kopie, term="1-gezin-1-plan", uitleg="Eén plan per gezin.")
    Begrip.objects.create(versie=kopie, term="Zorgaanbieder", uitleg="Wie zorg levert.")
    begrippen = {v.soort: v for v in vergelijk(kader_v2, kopie)}["Begrippen"]
    assert [t for t, _ in begrippen.toegevoegd] == ["1-gezin-1-plan", "Zorgaanbieder"]


def test_an_editor_changes_a_wording_and_a_level_of_a_concept_question(client, redacteur, kader_v2):
    kopie = kader_v2.maak_kopie()
    vraag = _vraag(kopie, "UP1-02")
    rijen = list(vraag.voor_perspectieven.order_by("perspectief__volgorde"))
    data = {
        "volgorde": vraag.volgorde,
        "fase": vraag.fase,
        "tekst": vraag.tekst,
        "helptekst": vraag.helptekst,
        **{f"niveau_{n}": getattr(vraag, f"niveau_{n}") for n in range(1, 4)},
        "niveau_4": "Er is altijd één plan, en de inwoner bewaart het zelf.",
        "voor_perspectieven-TOTAL_FORMS": len(rijen),
        "voor_perspectieven-INITIAL_FORMS": len(rijen),
        "voor_perspectieven-MIN_NUM_FORMS": 0,
        "voor_perspectieven-MAX_NUM_FORMS": 1000,
    }
    for i, rij in enumerate(rijen):
        data |= {
            f"voor_perspectieven-{i}-id": rij.pk,
            f"voor_perspectieven-{i}-checkvraag": vraag.pk,
            f"voor_perspectieven-{i}-perspectief": rij.perspectief_id,
            f"voor_perspectieven-{i}-tekst": rij.tekst,
            f"voor_perspectieven-{i}-helptekst": rij.helptekst,
        }
    data["voor_perspectieven-1-tekst"] = "Ik maakte één plan, samen met één medewerker."
    url = reverse("admin:principles_checkvraag_change", args=[vraag.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    vraag.refresh_from_db()
    assert vraag.niveaus[3] == "Er is altijd één plan, en de inwoner bewaart het zelf."
    inwoner = vraag.voor_perspectieven.get(perspectief__sleutel="inwoner")
    assert inwoner.tekst == "Ik maakte één plan, samen met één medewerker."
    assert (
        _vraag(kader_v2, "UP1-02")
        .voor_perspectieven.get(perspectief__sleutel="inwoner")
        .tekst.startswith("Ik heb samen")
    )


def test_a_v1_question_page_has_no_perspective_rows(client, redacteur, kader):
    kopie = kader.maak_kopie()
    vraag = CheckVraag.objects.filter(uitgangspunt__versie=kopie).first()
    html = client.get(reverse("admin:principles_checkvraag_change", args=[vraag.pk]))
    assert 'name="niveau_1"' in html.content.decode()
    assert "voor_perspectieven-TOTAL_FORMS" not in html.content.decode()
