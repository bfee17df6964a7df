"""Finishing a questionnaire: the confirmation is a form field with a linked error, and a
finished questionnaire shows the given answers as text."""

import re

import pytest
from django.urls import reverse

from assessments.vragenlijst.services import sla_antwoord_op
from principles.models import CheckVraag

from .factories import ScanFactory, uitnodiging

pytestmark = pytest.mark.django_db


@pytest.fixture
def uitgenodigd(kader):
    return uitnodiging(ScanFactory(), naam="Sam de Vries")


def _vragen(kader, sleutel="UP1"):
    return list(
        CheckVraag.objects.filter(
            uitgangspunt__versie=kader, uitgangspunt__sleutel=sleutel
        ).order_by("volgorde")
    )


def _main(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def test_afronden_without_the_checkbox_is_a_linked_form_error(client, kader, uitgenodigd):
    respondent, token = uitgenodigd
    url = reverse("vragenlijst:overzicht", args=[token])
    response = client.post(url, {"versie": respondent.versie})
    assert response.status_code == 400
    main = _main(response)
    # The summary at the top links to the checkbox ...
    samenvatting = main.split("data-vit-foutoverzicht", 1)[1].split("</div>", 1)[0]
    assert 'href="#bevestig"' in samenvatting
    assert "Vink aan dat u klaar bent" in samenvatting
    # ... and the checkbox names its error.
    vinkje = re.search(r"<input[^>]*id=\"bevestig\"[^>]*>", main).group(0)
    assert 'aria-describedby="bevestig-fout"' in vinkje
    assert 'aria-invalid="true"' in vinkje
    fout = re.search(r'<p[^>]*id="bevestig-fout"[^>]*>(.*?)</p>', main, re.S).group(1)
    assert "Vink aan dat u klaar bent" in fout
    assert main.index("data-vit-foutoverzicht") < main.index("<table")
    respondent.refresh_from_db()
    assert respondent.afgerond_op is None
    # With the checkbox ticked it is finished.
    client.post(url, {"versie": respondent.versie, "bevestig": "ja"})
    respondent.refresh_from_db()
    assert respondent.afgerond_op is not None


def test_a_finished_page_shows_the_answers_as_text(client, kader, uitgenodigd):
    respondent, token = uitgenodigd
    vragen = _vragen(kader)
    niveau3 = kader.antwoordniveaus.get(waarde=3)
    sla_antwoord_op(respondent, vragen[0].pk, "3", "Eerste regel\n<script>alert(1)</script>", 0)
    sla_antwoord_op(respondent, vragen[1].pk, "weet_niet", "", 0)
    sla_antwoord_op(respondent, vragen[2].pk, "nvt", "", 0)
    respondent.refresh_from_db()
    client.post(
        reverse("vragenlijst:overzicht", args=[token]),
        {"versie": respondent.versie, "bevestig": "ja"},
    )
    main = _main(client.get(reverse("vragenlijst:pagina", args=[token, "up1"])))
    assert "<input" not in main and "<textarea" not in main and "<button" not in main
    blokken = {
        vraag.pk: main.split(f'id="vraag-{vraag.pk}"', 1)[1].split("</section>", 1)[0]
        for vraag in vragen
    }
    assert f"Uw antwoord:</strong> 3. {niveau3.label}" in blokken[vragen[0].pk]
    assert "Uw antwoord:</strong> Weet ik niet" in blokken[vragen[1].pk]
    assert "Uw antwoord:</strong> Niet van toepassing" in blokken[vragen[2].pk]
    assert "Uw antwoord:</strong> Niet beantwoord" in blokken[vragen[3].pk]
    assert "Eerste regel<br>&lt;script&gt;alert(1)&lt;/script&gt;" in blokken[vragen[0].pk]
    assert "<script>alert(1)" not in main
    assert "Uw toelichting" not in blokken[vragen[1].pk]
    assert vragen[0].tekst in blokken[vragen[0].pk]


def test_an_open_page_still_offers_the_options(client, kader, uitgenodigd):
    _, token = uitgenodigd
    main = _main(client.get(reverse("vragenlijst:pagina", args=[token, "up1"])))
    assert 'type="radio"' in main
    assert "Uw antwoord:" not in main
