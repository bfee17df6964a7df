"""The content editor's path through the framework admin: one version at a time with its status,
fixed keys, a preview of a question, the differences with the previous version, publishing
through a confirmation page and an audit log in Dutch."""

import re

from auditlog.models import LogEntry
from django.urls import reverse
from django.utils.html import escape, strip_tags

from principles.models import CheckVraag, KaderVersie
from principles.verschillen import vergelijk

from .factories import UserFactory
from .otp import tweede_factor


def _html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _h1(html):
    return re.search(r"<h1>(.*?)</h1>", html, re.S).group(1).strip()


def _vraag(versie, sleutel="UP1-01"):
    return CheckVraag.objects.get(uitgangspunt__versie=versie, sleutel=sleutel)


# --- One version at a time, with a version column ---


def test_the_question_list_shows_the_concept_once_with_its_version(client, redacteur, kader, kopie):
    url = reverse("admin:principles_checkvraag_changelist")
    response = client.get(url)
    html = _html(response)
    per_versie = CheckVraag.objects.filter(uitgangspunt__versie=kopie).count()
    assert response.context["cl"].result_count == per_versie  # each key once, not twice
    assert _h1(html) == "Check-vragen van versie 2 (concept)"
    assert html.count('<td class="field-versie_kolom">Versie 2 (concept)</td>') == per_versie
    assert "Versie 1 (gepubliceerd)</td>" not in html

    oud = _html(client.get(url, {"versie": kader.pk}))
    assert '<td class="field-versie_kolom">Versie 1 (gepubliceerd)</td>' in oud
    assert "Versie 2 (concept)</td>" not in oud
    alle = client.get(url, {"versie": "alle"})
    assert alle.context["cl"].result_count == 2 * per_versie


def test_without_a_concept_the_lists_show_the_newest_version(client, redacteur, kader):
    response = client.get(reverse("admin:principles_uitgangspunt_changelist"))
    html = _html(response)
    assert response.context["cl"].result_count == 7
    assert _h1(html) == "Uitgangspunten van versie 1 (gepubliceerd)"


def test_the_version_list_puts_the_concept_first_and_says_each_status(client, redacteur, kader):
    kopie = kader.maak_kopie()
    kopie.publiceer()
    derde = kopie.maak_kopie()
    response = client.get(reverse("admin:principles_kaderversie_changelist"))
    html = _html(response)
    assert [v.pk for v in response.context["cl"].result_list] == [derde.pk, kopie.pk, kader.pk]
    for tekst in ("Versie 3 (concept)", "Versie 2 (gepubliceerd)", "Versie 1 (gepubliceerd)"):
        assert tekst in html


# --- Change pages say which version and status ---


def test_a_change_page_is_headed_with_version_and_status(client, redacteur, kader, kopie):
    concept = _html(
        client.get(reverse("admin:principles_checkvraag_change", args=[_vraag(kopie).pk]))
    )
    assert _h1(concept) == "Versie 2 (concept): check-vraag wijzigen"
    assert "kan niet meer worden gewijzigd" not in concept

    gepubliceerd = _html(
        client.get(reverse("admin:principles_checkvraag_change", args=[_vraag(kader).pk]))
    )
    assert _h1(gepubliceerd) == "Versie 1 (gepubliceerd): check-vraag bekijken"
    assert (
        "Deze versie is gepubliceerd en kan niet meer worden gewijzigd; "
        "maak een nieuwe versie als kopie." in gepubliceerd
    )
    up = _html(
        client.get(
            reverse("admin:principles_uitgangspunt_change", args=[_vraag(kopie).uitgangspunt_id])
        )
    )
    assert _h1(up) == "Versie 2 (concept): uitgangspunt wijzigen"
    versie = _html(client.get(reverse("admin:principles_kaderversie_change", args=[kader.pk])))
    assert _h1(versie).startswith("Versie 1 (gepubliceerd): ")


# --- Fixed keys ---


def test_the_key_and_the_uitgangspunt_of_a_stored_question_are_read_only(client, redacteur, kopie):
    vraag = _vraag(kopie)
    url = reverse("admin:principles_checkvraag_change", args=[vraag.pk])
    html = _html(client.get(url))
    assert 'name="tekst"' in html
    assert 'name="sleutel"' not in html and 'name="uitgangspunt"' not in html
    assert "Vaste sleutel en uitgangspunt liggen vast" in html
    andere_up = kopie.uitgangspunten.get(sleutel="UP2")
    response = client.post(
        url,
        {
            "uitgangspunt": andere_up.pk,
            "sleutel": "ANDERS",
            "volgorde": 9,
            "fase": vraag.fase,
            "tekst": "Verbeterde tekst",
            "helptekst": vraag.helptekst,
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    vraag.refresh_from_db()
    assert (vraag.sleutel, vraag.uitgangspunt.sleutel) == ("UP1-01", "UP1")
    assert (vraag.tekst, vraag.volgorde) == ("Verbeterde tekst", 9)  # the place may change
    # A new question still gets its key.
    nieuw = _html(client.get(reverse("admin:principles_checkvraag_add")))
    assert 'name="sleutel"' in nieuw


def test_a_new_question_needs_a_key_not_yet_used_in_the_version(client, redacteur, kopie):
    up = kopie.uitgangspunten.get(sleutel="UP1")
    url = reverse("admin:principles_checkvraag_add")
    gegevens = {"uitgangspunt": up.pk, "volgorde": 9, "fase": "richten", "tekst": "Nieuw"}
    html = _html(client.post(url, {**gegevens, "sleutel": "UP2-01"}))
    assert "De sleutel UP2-01 bestaat al in versie 2." in html
    assert not CheckVraag.objects.filter(uitgangspunt=up, sleutel="UP2-01").exists()
    assert client.post(url, {**gegevens, "sleutel": "UP1-09"}).status_code == 302
    assert CheckVraag.objects.filter(uitgangspunt=up, sleutel="UP1-09").exists()


def test_uitgangspunt_key_and_number_are_fixed_and_inline_question_keys_too(
    client, redacteur, kopie
):
    up = kopie.uitgangspunten.get(sleutel="UP1")
    html = _html(client.get(reverse("admin:principles_uitgangspunt_change", args=[up.pk])))
    assert 'name="sleutel"' not in html and 'name="volgorde"' not in html
    veld = re.search(r'<input[^>]*name="checkvragen-0-sleutel"[^>]*>', html).group(0)
    assert "disabled" in veld


def test_the_number_of_a_version_is_fixed(client, redacteur, kopie):
    html = _html(client.get(reverse("admin:principles_kaderversie_change", args=[kopie.pk])))
    assert 'name="naam"' in html and 'name="nummer"' not in html


# --- Deleting ---


def test_nothing_of_a_published_version_can_be_deleted(client, redacteur, kader, kopie):
    vraag = _vraag(kader)
    change = _html(client.get(reverse("admin:principles_checkvraag_change", args=[vraag.pk])))
    delete_url = reverse("admin:principles_checkvraag_delete", args=[vraag.pk])
    assert delete_url not in change
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    # No bulk delete of questions: the action is refused.
    client.post(
        reverse("admin:principles_checkvraag_changelist") + f"?versie={kader.pk}",
        {"action": "delete_selected", "_selected_action": [vraag.pk], "post": "yes"},
    )
    response = client.post(
        reverse("admin:principles_kaderversie_changelist"),
        {"action": "verwijder_concepten", "_selected_action": [kader.pk], "post": "yes"},
        follow=True,
    )
    assert "Een gepubliceerde of gearchiveerde versie kan niet worden verwijderd." in _html(
        response
    )
    assert CheckVraag.objects.filter(pk=vraag.pk).exists()
    assert KaderVersie.objects.filter(pk=kader.pk).exists()
    # A question of the concept can still be deleted from its own page.
    concept = _vraag(kopie)
    client.post(reverse("admin:principles_checkvraag_delete", args=[concept.pk]), {"post": "yes"})
    assert not CheckVraag.objects.filter(pk=concept.pk).exists()


def test_delete_is_never_the_first_bulk_action(client, redacteur, kader, kopie):
    versies = client.get(reverse("admin:principles_kaderversie_changelist"))
    keuzes = [waarde for waarde, _ in versies.context["action_form"].fields["action"].choices]
    assert keuzes[0] == ""  # nothing chosen by default
    assert keuzes[1] == "maak_kopie"
    assert keuzes[-1] == "verwijder_concepten"
    assert "delete_selected" not in keuzes
    vragen = client.get(reverse("admin:principles_checkvraag_changelist"))
    assert "delete_selected" not in _html(vragen)


# --- Preview ---


def test_the_preview_shows_the_question_as_a_respondent_sees_it(client, redacteur, kader, kopie):
    vraag = _vraag(kopie)
    niveau = kopie.antwoordniveaus.get(waarde=1)
    niveau.label = "Nog helemaal niet begonnen"
    niveau.save()
    voorbeeld_url = reverse("admin:principles_checkvraag_voorbeeld", args=[vraag.pk])
    change = _html(client.get(reverse("admin:principles_checkvraag_change", args=[vraag.pk])))
    assert voorbeeld_url in change
    html = _html(client.get(voorbeeld_url))
    assert _h1(html) == "Versie 2 (concept): voorbeeld van check-vraag UP1-01"
    assert escape(vraag.tekst) in html and escape(vraag.helptekst) in html
    assert "Vraag 1 van 5" in html
    assert "1. Nog helemaal niet begonnen" in html  # the scale of this version
    for niveau in kopie.antwoordniveaus.exclude(waarde=1):
        assert f"{niveau.waarde}. {niveau.label}" in html
    assert "Weet ik niet" in html and "Niet van toepassing" in html
    # The preview of a published question shows the published scale.
    oud = _html(
        client.get(reverse("admin:principles_checkvraag_voorbeeld", args=[_vraag(kader).pk]))
    )
    assert "Nog helemaal niet begonnen" not in oud


def test_the_preview_is_refused_to_whoever_may_not_read_the_framework(client, kader):
    url = reverse("admin:principles_checkvraag_voorbeeld", args=[_vraag(kader).pk])
    tweede_factor(client, UserFactory(is_staff=True))
    assert client.get(url).status_code == 403
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


# --- What changed ---


def _wijzig_kopie(kopie):
    gewijzigd = _vraag(kopie, "UP1-02")
    gewijzigd.tekst = "Er zijn korte lijnen met werk en inkomen."
    gewijzigd.save()
    _vraag(kopie, "UP2-01").delete()
    CheckVraag.objects.create(
        uitgangspunt=kopie.uitgangspunten.get(sleutel="UP3"),
        sleutel="UP3-99",
        volgorde=99,
        fase=CheckVraag.Fase.VERRICHTEN,
        tekst="Een heel nieuwe vraag.",
    )


def test_the_differences_name_added_removed_and_changed_questions_by_key(kader, kopie):
    oud_tekst = _vraag(kader, "UP1-02").tekst
    _wijzig_kopie(kopie)
    verschillen = {v.soort: v for v in vergelijk(kader, kopie)}
    vragen = verschillen["Check-vragen"]
    assert vragen.toegevoegd == [("UP3-99", "Een heel nieuwe vraag.")]
    assert [sleutel for sleutel, _ in vragen.verwijderd] == ["UP2-01"]
    assert [(w.sleutel, w.velden) for w in vragen.gewijzigd] == [
        ("UP1-02", [("Tekst", oud_tekst, "Er zijn korte lijnen met werk en inkomen.")])
    ]
    assert all(v.aantal == 0 for soort, v in verschillen.items() if soort != "Check-vragen")


def test_the_differences_page_shows_text_before_and_after(client, redacteur, kader, kopie):
    oud_tekst = _vraag(kader, "UP1-02").tekst
    _wijzig_kopie(kopie)
    versie_pagina = _html(
        client.get(reverse("admin:principles_kaderversie_change", args=[kopie.pk]))
    )
    url = reverse("admin:principles_kaderversie_verschillen", args=[kopie.pk])
    assert url in versie_pagina
    html = _html(client.get(url))
    assert _h1(html) == "Versie 2 (concept): wat is er veranderd"
    assert "Check-vragen: 1 toegevoegd, 1 verwijderd, 1 gewijzigd" in html
    assert "<strong>UP3-99</strong>: Een heel nieuwe vraag." in html
    assert "<strong>UP2-01</strong>" in html
    tekst = " ".join(strip_tags(html).split())
    assert escape(oud_tekst) in tekst and "Er zijn korte lijnen met werk en inkomen." in tekst
    assert "Was (versie 1)" in html and "Wordt (versie 2)" in html
    # The words that went are struck through, the words that came are marked as new.
    assert "<del>vaste afspraken en</del>" in html
    assert "<ins>met werk</ins>" in html and "<ins>inkomen.</ins>" in html


# --- Publishing through a confirmation page ---


def test_publishing_asks_first_and_shows_what_changes(client, redacteur, kader, kopie):
    _wijzig_kopie(kopie)
    versie_pagina = _html(
        client.get(reverse("admin:principles_kaderversie_change", args=[kopie.pk]))
    )
    url = reverse("admin:principles_kaderversie_publiceren", args=[kopie.pk])
    assert url in versie_pagina
    html = _html(client.get(url))
    assert _h1(html) == "Versie 2 (concept) publiceren"
    assert "Nieuwe scans gebruiken vanaf dan deze versie" in html
    assert "niemand kan de uitgangspunten, check-vragen" in html
    assert "Check-vragen: 1 toegevoegd, 1 verwijderd, 1 gewijzigd" in html
    kopie.refresh_from_db()
    assert kopie.status == KaderVersie.Status.CONCEPT  # looking changes nothing

    response = client.post(url, follow=True)
    assert "Versie 2 is gepubliceerd. Nieuwe scans gebruiken deze versie." in _html(response)
    kopie.refresh_from_db()
    assert kopie.status == KaderVersie.Status.GEPUBLICEERD
    assert KaderVersie.objects.huidige() == kopie
    assert LogEntry.objects.get_for_object(kopie).filter(actor=redacteur).exists()
    # Published: the page to publish it no longer offers anything.
    assert client.get(url).status_code == 302


def test_publishing_is_refused_to_a_non_editor(client, kopie):
    url = reverse("admin:principles_kaderversie_publiceren", args=[kopie.pk])
    tweede_factor(client, UserFactory(is_staff=True))
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    kopie.refresh_from_db()
    assert kopie.status == KaderVersie.Status.CONCEPT


def test_the_publish_list_action_leads_to_the_confirmation_page(client, redacteur, kopie):
    response = client.post(
        reverse("admin:principles_kaderversie_changelist"),
        {"action": "publiceer", "_selected_action": [kopie.pk]},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:principles_kaderversie_publiceren", args=[kopie.pk]
    )
    kopie.refresh_from_db()
    assert kopie.status == KaderVersie.Status.CONCEPT


def test_a_copy_is_made_from_the_version_page(client, redacteur, kader):
    url = reverse("admin:principles_kaderversie_kopie", args=[kader.pk])
    assert url in _html(client.get(reverse("admin:principles_kaderversie_change", args=[kader.pk])))
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    nieuw = KaderVersie.objects.get(nummer=2)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:principles_kaderversie_change", args=[nieuw.pk]
    )
    assert "Versie 2 is gemaakt als concept" in _html(response)


def test_a_copy_and_the_differences_are_refused_to_a_non_editor(client, kader):
    tweede_factor(client, UserFactory(is_staff=True))
    assert (
        client.post(reverse("admin:principles_kaderversie_kopie", args=[kader.pk])).status_code
        == 403
    )
    assert KaderVersie.objects.count() == 1
    verschillen = reverse("admin:principles_kaderversie_verschillen", args=[kader.pk])
    assert client.get(verschillen).status_code == 403


# --- The audit log in Dutch ---
