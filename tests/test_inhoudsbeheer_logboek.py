"""The content editor's history: the audit log in Dutch, the history of an item and a version,
the links of the differences, adding to the right version, and the README's path."""

import re

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils.html import escape, strip_tags

from principles.models import CheckVraag, Koppeling

from .factories import UserFactory
from .otp import tweede_factor
from .test_inhoudsbeheer import _h1, _html, _vraag, _wijzig_kopie

pytestmark = pytest.mark.django_db


def test_the_audit_log_says_in_dutch_who_did_what_when(client, redacteur, kopie):
    vraag = _vraag(kopie)
    client.post(
        reverse("admin:principles_checkvraag_change", args=[vraag.pk]),
        {
            "volgorde": vraag.volgorde,
            "fase": vraag.fase,
            "tekst": "Tekst na de wijziging",
            "helptekst": "Nieuwe uitleg",
        },
    )
    lijst = _html(client.get(reverse("admin:auditlog_logentry_changelist")))
    koppen = re.findall(r'<div class="text"><(?:a|span)[^>]*>([^<]*)</', lijst)
    assert koppen == ["Wanneer", "Wie", "Onderdeel", "Wat er gebeurde"]
    assert "Op wat er gebeurde" in lijst and "Op soort onderdeel" in lijst
    assert "Gewijzigd: tekst en helptekst" in lijst
    assert "Ineke Inhoud" in lijst
    assert "Check-vraag: UP1-01: Tekst na de wijziging" in lijst
    for engels in ("change:", "changes:", "Resource", "Created", ">create<", ">update<", "system<"):
        assert engels not in lijst, engels
    assert "Logboek" in lijst and "Audit log" not in lijst

    entry = LogEntry.objects.get_for_object(vraag).filter(actor=redacteur).latest("timestamp")
    detail = _html(client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk])))
    assert _h1(detail) == "Logboekvermelding bekijken"
    for tekst in ("Was", "Wordt", "Ineke Inhoud", "Tekst na de wijziging", vraag.tekst[:20]):
        assert tekst in detail
    assert "From" not in detail and "Field" not in detail


# --- The history of an item is its audit log ---


def test_the_history_button_shows_the_audit_log_of_the_item_in_dutch(client, redacteur, kopie):
    vraag = _vraag(kopie)
    oude_tekst = vraag.tekst
    change_url = reverse("admin:principles_checkvraag_change", args=[vraag.pk])
    client.post(
        change_url,
        {
            "volgorde": vraag.volgorde,
            "fase": vraag.fase,
            "tekst": "Tekst na de wijziging",
            "helptekst": vraag.helptekst,
        },
    )
    history_url = reverse("admin:principles_checkvraag_history", args=[vraag.pk])
    assert history_url in _html(client.get(change_url))
    html = _html(client.get(history_url))
    assert _h1(html) == "Versie 2 (concept): geschiedenis van check-vraag UP1-01"
    tekst = " ".join(strip_tags(html).split())
    assert "· Ineke Inhoud · Gewijzigd: tekst" in tekst
    assert re.search(
        r'<th scope="col">Veld</th><th scope="col">Was</th><th scope="col">Wordt</th>', html
    )
    rij = re.search(r'<tr><th scope="row">Tekst</th><td>(.*?)</td><td>(.*?)</td></tr>', html)
    assert rij.groups() == (escape(oude_tekst), "Tekst na de wijziging")
    # Only this question: the changes of another question are not on its page.
    assert "UP1-02" not in tekst
    assert "Django" not in html and "Datum/tijd" not in html


def test_the_history_of_a_version_and_who_may_read_it(client, redacteur, kader, kopie):
    url = reverse("admin:principles_kaderversie_history", args=[kopie.pk])
    html = _html(client.get(url))
    assert _h1(html) == "Versie 2 (concept): geschiedenis"
    assert "Aangemaakt" in html
    # Values as a person reads them: no internal ids, reverse relations or "None".
    kader_html = _html(client.get(reverse("admin:principles_kaderversie_history", args=[kader.pk])))
    assert "Gewijzigd: status en gepubliceerd op" in kader_html
    assert re.search(r"<td>\(leeg\)</td><td>\d\d-\d\d-\d{4} \d\d:\d\d</td>", kader_html)
    for intern in ("None", "principles.", '<th scope="row">Id</th>'):
        assert intern not in kader_html, intern
    # A copied question points to the history of the same question in the version it came from.
    vraag_html = _html(
        client.get(reverse("admin:principles_checkvraag_history", args=[_vraag(kopie).pk]))
    )
    vorige = reverse("admin:principles_checkvraag_history", args=[_vraag(kader).pk])
    assert f'<a href="{vorige}">de geschiedenis van hetzelfde onderdeel' in vraag_html
    vraag_url = reverse("admin:principles_checkvraag_history", args=[_vraag(kader).pk])
    client.logout()
    tweede_factor(client, UserFactory(is_staff=True))
    assert client.get(url).status_code == 403
    assert client.get(vraag_url).status_code == 403


def test_each_difference_links_to_the_page_of_its_item(client, redacteur, kader, kopie):
    _wijzig_kopie(kopie)
    koppeling = Koppeling.objects.filter(uitgangspunt__versie=kopie).first()
    koppeling.reden = "Een nieuwe reden."
    koppeling.save()
    html = _html(client.get(reverse("admin:principles_kaderversie_verschillen", args=[kopie.pk])))

    def change(model, obj):
        return reverse(f"admin:principles_{model}_change", args=[obj.pk])

    nieuw = _vraag(kopie, "UP3-99")
    assert f'<a href="{change("checkvraag", nieuw)}"><strong>UP3-99</strong>' in html
    gewijzigd = change("checkvraag", _vraag(kopie, "UP1-02"))
    assert re.search(rf'<h4><a href="{gewijzigd}">UP1-02: ', html)
    # A link is edited on the page of its uitgangspunt in the new version.
    assert f'<h4><a href="{change("uitgangspunt", koppeling.uitgangspunt)}">' in html
    # A removed question is gone from version 2; it is still in version 1, linked there.
    weg = change("checkvraag", _vraag(kader, "UP2-01"))
    assert f'(staat nog in versie 1: <a href="{weg}">UP2-01 in versie 1 bekijken</a>)' in html
    assert _vraag(kader, "UP1-02").pk != _vraag(kopie, "UP1-02").pk
    assert change("checkvraag", _vraag(kader, "UP1-02")) not in html


# --- Adding says to which version ---


def test_the_add_page_names_the_version_from_the_filtered_list(client, redacteur, kader, kopie):
    derde = kader.maak_kopie()  # a second concept: version 3
    lijst = reverse("admin:principles_checkvraag_changelist")
    lijst_html = _html(client.get(lijst, {"versie": kopie.pk}))
    toevoegen = re.search(r'href="([^"]*/checkvraag/add/[^"]*)" class="addlink">', lijst_html)
    toevoegen = toevoegen.group(1)
    html = _html(client.get(toevoegen.replace("&amp;", "&")))
    assert _h1(html) == "Versie 2 (concept): check-vraag toevoegen"
    assert "<strong>Versie 2 (concept)</strong>" in html
    assert "Wat u hier toevoegt, hoort bij versie 2." in html
    keuzes = re.search(r'<select name="uitgangspunt".*?</select>', html, re.S).group(0)
    assert "(versie 2)" in keuzes and "(versie 3)" not in keuzes
    # Directly with ?versie=, and a level of the scale gets that version preselected.
    niveau = _html(client.get(reverse("admin:principles_antwoordniveau_add"), {"versie": derde.pk}))
    assert _h1(niveau) == "Versie 3 (concept): antwoordniveau toevoegen"
    gekozen = re.search(r'<select name="versie".*?</select>', niveau, re.S).group(0)
    assert re.search(rf'<option value="{derde.pk}" selected>', gekozen)
    assert f'value="{kopie.pk}"' not in gekozen
    # Without a filter: the newest concept.
    assert _h1(_html(client.get(reverse("admin:principles_handreiking_add")))) == (
        "Versie 3 (concept): handreiking toevoegen"
    )


def test_adding_to_a_published_version_is_refused_in_plain_dutch(client, redacteur, kader):
    url = reverse("admin:principles_checkvraag_add") + f"?versie={kader.pk}"
    up = kader.uitgangspunten.get(sleutel="UP1")
    gegevens = {"uitgangspunt": up.pk, "sleutel": "UP1-09", "volgorde": 9, "fase": "richten"}
    response = client.post(url, {**gegevens, "tekst": "Nieuw"}, follow=True)
    html = _html(response)
    assert (
        "Versie 1 is gepubliceerd en ligt vast: u kunt er geen check-vraag meer aan toevoegen."
        in html
    )
    assert "Maak eerst een nieuwe versie als kopie" in html
    assert not CheckVraag.objects.filter(sleutel="UP1-09").exists()
    kopie = kader.maak_kopie()
    html = _html(client.get(url, follow=True))
    assert f'<a href="{reverse("admin:principles_checkvraag_add")}?versie={kopie.pk}">' in html
    assert "Toevoegen aan versie 2 (concept)" in html


# --- The README's path for the content editor matches the pages ---


def test_every_label_the_readme_names_is_on_the_editors_pages(client, redacteur, kader, kopie):
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    sectie = readme.split("## Content", 1)[1].split("\n## ", 1)[0]
    sectie = sectie.split("Changing the framework", 1)[1].split("laad_gemeenten", 1)[0]
    labels = set(re.findall(r'"([^"]+)"', sectie))
    assert len(labels) >= 8, labels
    vraag = _vraag(kopie)
    paginas = [
        reverse("admin:index"),
        reverse("admin:principles_kaderversie_changelist"),
        reverse("admin:principles_kaderversie_change", args=[kader.pk]),
        reverse("admin:principles_kaderversie_change", args=[kopie.pk]),
        reverse("admin:principles_kaderversie_publiceren", args=[kopie.pk]),
        reverse("admin:principles_checkvraag_changelist"),
        reverse("admin:principles_checkvraag_change", args=[vraag.pk]),
    ]
    tekst = " ".join(" ".join(strip_tags(_html(client.get(url))).split()) for url in paginas)
    tekst = tekst.replace(f"versie {kopie.nummer} publiceren", "versie N publiceren")
    ontbreekt = sorted(label for label in labels if label not in tekst)
    assert ontbreekt == []


def test_the_history_costs_the_same_queries_for_few_and_many_entries(client, redacteur, kopie):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    vraag = _vraag(kopie)
    url = reverse("admin:principles_checkvraag_history", args=[vraag.pk])

    def aantal():
        with CaptureQueriesContext(connection) as vragen:
            _html(client.get(url))
        return len(vragen)

    vraag.tekst = "Eerste wijziging"
    vraag.save()
    weinig = aantal()
    for n in range(6):
        vraag.tekst = f"Wijziging {n}"
        vraag.helptekst = f"Uitleg {n}"
        vraag.save()
    assert aantal() == weinig
