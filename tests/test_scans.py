"""The coördinator runs a scan: start, invite, follow progress, vaststellen and afronden."""

import pytest
from django.core import mail
from django.urls import reverse

from assessments.models import Ambitie, Antwoord, Respondent, Scan, VastgesteldeScore
from assessments.scans.services import hash_token
from assessments.vragenlijst.services import sla_antwoord_op
from principles.models import CheckVraag

from .factories import GemeenteFactory, ScanFactory, coordinator, uitnodiging

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente():
    return GemeenteFactory(naam="Eigenstad")


@pytest.fixture
def coord(gemeente):
    return coordinator(gemeente)


@pytest.fixture
def scan(kader, gemeente, coord):
    return ScanFactory(gemeente=gemeente, aangemaakt_door=coord)


def test_coordinator_starts_a_scan_on_the_current_published_version(client, kader, gemeente, coord):
    client.force_login(coord)
    response = client.post(
        reverse("scans:nieuw"),
        {"gemeente": gemeente.pk, "titel": "Verkenning 2026", "periode": 2026},
    )
    scan = Scan.objects.get()
    assert response["Location"] == reverse("scans:detail", args=[scan.pk])
    assert scan.kaderversie == kader
    assert scan.gemeente == gemeente and scan.is_open


def test_a_new_version_later_does_not_change_the_pinned_version(client, kader, scan):
    kopie = kader.maak_kopie()
    kopie.publiceer()
    scan.refresh_from_db()
    assert scan.kaderversie == kader


def test_starting_from_a_previous_scan_copies_ambitions_not_answers(
    client, kader, gemeente, coord, scan
):
    up = kader.uitgangspunten.get(sleutel="UP3")
    Ambitie.objects.create(scan=scan, uitgangspunt=up, niveau=4)
    respondent, _ = uitnodiging(scan)
    vraag = CheckVraag.objects.filter(uitgangspunt=up).first()
    sla_antwoord_op(respondent, vraag.pk, "2", "", 0)
    client.force_login(coord)
    client.post(
        reverse("scans:nieuw"),
        {"gemeente": gemeente.pk, "titel": "Vervolg", "periode": 2027, "vorige_scan": scan.pk},
    )
    nieuw = Scan.objects.get(titel="Vervolg")
    assert nieuw.vorige_scan == scan
    assert nieuw.ambities.get(uitgangspunt=up).niveau == 4
    assert not nieuw.respondenten.exists()


def test_a_previous_scan_of_another_gemeente_cannot_be_used(client, kader, gemeente, coord):
    vreemd = ScanFactory()
    client.force_login(coord)
    response = client.post(
        reverse("scans:nieuw"),
        {"gemeente": gemeente.pk, "titel": "X", "periode": 2026, "vorige_scan": vreemd.pk},
    )
    assert response.status_code == 400
    assert not Scan.objects.filter(titel="X").exists()


def test_inviting_shows_the_link_once_and_mails_it(client, scan, coord):
    client.force_login(coord)
    response = client.post(
        reverse("scans:uitnodigen", args=[scan.pk]),
        {
            "perspectief": scan.respondenten.model._meta.get_field("perspectief")
            .related_model.objects.get(sleutel="inwoner")
            .pk,
            "naam": "Ina Inwoner",
            "email": "ina@example.org",
        },
        follow=True,
    )
    html = response.content.decode()
    respondent = Respondent.objects.get()
    link = html.split('class="utrecht-textbox utrecht-textbox--html-input vit-link-input"')[1]
    token = link.split('value="')[1].split('"')[0].rstrip("/").split("/")[-1]
    assert respondent.token_hash == hash_token(token)
    # The link says whose it is and until when it works; no internal number.
    assert "Link voor Ina Inwoner (Inwoner / cliëntvertegenwoordiging)" in html
    assert "Geldig tot en met" in html and f"uitnodiging {respondent.pk}" not in html
    # The mail waits in the queue until the worker sends it.
    assert not mail.outbox and "Wacht op verzending" in html
    from django.core.management import call_command

    call_command("verstuur_mail", "--een-keer")
    assert len(mail.outbox) == 1 and token in mail.outbox[0].body
    assert "Ina Inwoner" in mail.outbox[0].body
    # Shown once: a reload no longer shows it.
    assert token not in client.get(reverse("scans:detail", args=[scan.pk])).content.decode()


def test_detail_shows_progress_per_perspective_but_no_answers(client, scan, coord, kader):
    respondent, _ = uitnodiging(scan, naam="Uma")
    vraag = CheckVraag.objects.filter(uitgangspunt__versie=kader).first()
    sla_antwoord_op(respondent, vraag.pk, "3", "Een geheime toelichting", 0)
    client.force_login(coord)
    html = client.get(reverse("scans:detail", args=[scan.pk])).content.decode()
    assert "Uma" in html and "Bezig" in html
    assert "Een geheime toelichting" not in html


def test_reminder_sends_a_new_link_and_the_old_one_stops(client, scan, coord):
    respondent, oud = uitnodiging(scan, email="r@example.org")
    client.force_login(coord)
    client.post(reverse("scans:respondent-actie", args=[scan.pk, respondent.pk, "herinneren"]))
    from django.core.management import call_command

    call_command("verstuur_mail", "--een-keer")
    assert len(mail.outbox) == 1
    assert "Herinnering" in mail.outbox[0].subject
    assert client.get(reverse("vragenlijst:start", args=[oud])).status_code == 404


def test_reopen_a_locked_response(client, scan, coord):
    respondent, token = uitnodiging(scan)
    Respondent.objects.filter(pk=respondent.pk).update(afgerond_op="2026-01-01T10:00Z")
    client.force_login(coord)
    url = reverse("scans:respondent-actie", args=[scan.pk, respondent.pk, "heropenen"])
    client.post(url, {"versie": respondent.versie})
    respondent.refresh_from_db()
    assert respondent.afgerond_op is None


def test_reopening_from_a_stale_page_changes_nothing(client, scan, coord):
    """The respondent finalised again after the coördinator's page was read: the old page's
    button must not open the new response."""
    respondent, _ = uitnodiging(scan)
    gelezen = respondent.versie
    Respondent.objects.filter(pk=respondent.pk).update(
        afgerond_op="2026-01-01T10:00Z", versie=gelezen + 2
    )
    client.force_login(coord)
    url = reverse("scans:respondent-actie", args=[scan.pk, respondent.pk, "heropenen"])
    antwoord = client.post(url, {"versie": gelezen}, follow=True)
    respondent.refresh_from_db()
    assert respondent.afgerond_op is not None
    assert "intussen gewijzigd" in antwoord.content.decode()


def test_coordinator_can_answer_as_a_respondent(client, scan, coord):
    client.force_login(coord)
    from assessments.models import Perspectief

    response = client.post(
        reverse("scans:zelf-invullen", args=[scan.pk]),
        {"perspectief": Perspectief.objects.get(sleutel="beleid").pk},
    )
    eigen = Respondent.objects.get(gebruiker=coord)
    assert eigen.perspectief.sleutel == "beleid"
    assert response["Location"].startswith("/vragenlijst/")


def _vaststel_data(scan, up, waarden, redenen=None, ambitie="3", versies=None):
    data = {"actie": "overzicht", "ambitie": ambitie, "ambitie-versie": 0}
    for i, vraag in enumerate(up.checkvragen.order_by("volgorde")):
        data[f"v{vraag.pk}-waarde"] = waarden[i]
        data[f"v{vraag.pk}-reden"] = (redenen or {}).get(i, "")
        data[f"v{vraag.pk}-versie"] = (versies or {}).get(i, 0)
    return data


def test_vaststellen_shows_distribution_and_proposal_without_names(client, kader, scan, coord):
    up = kader.uitgangspunten.get(sleutel="UP1")
    vraag = up.checkvragen.order_by("volgorde").first()
    for perspectief, waarde in [("bestuur", "4"), ("uitvoering", "2"), ("uitvoering", "2")]:
        r, _ = uitnodiging(scan, perspectief=perspectief, naam=f"Persoon {perspectief}")
        sla_antwoord_op(r, vraag.pk, waarde, "<b>vet</b> toelichting", 0)
    client.force_login(coord)
    html = client.get(reverse("scans:vaststellen", args=[scan.pk, "up1"])).content.decode()
    assert "Voorstel (mediaan van alle antwoorden): <strong>2. " in html
    assert "Persoon bestuur" not in html
    assert "&lt;b&gt;vet&lt;/b&gt; toelichting" in html and "<b>vet</b>" not in html


def test_departing_from_the_proposal_needs_a_reason(client, kader, scan, coord):
    up = kader.uitgangspunten.get(sleutel="UP1")
    n = up.checkvragen.count()
    client.force_login(coord)
    response = client.post(
        reverse("scans:vaststellen", args=[scan.pk, "up1"]), _vaststel_data(scan, up, ["3"] * n)
    )
    assert response.status_code == 400
    assert "Schrijf kort op waarom" in response.content.decode()
    assert not VastgesteldeScore.objects.exclude(waarde="").exists()
    response = client.post(
        reverse("scans:vaststellen", args=[scan.pk, "up1"]),
        _vaststel_data(
            scan, up, ["3"] * n, redenen=dict.fromkeys(range(n), "Besproken in het team")
        ),
    )
    assert response.status_code == 302
    assert VastgesteldeScore.objects.filter(scan=scan, waarde="3").count() == n
    assert Ambitie.objects.get(scan=scan, uitgangspunt=up).niveau == 3


def test_two_coordinators_fixing_the_same_score_do_not_overwrite(
    client, kader, scan, coord, gemeente
):
    collega = coordinator(gemeente)
    up = kader.uitgangspunten.get(sleutel="UP2")
    n = up.checkvragen.count()
    redenen = dict.fromkeys(range(n), "reden")
    client.force_login(coord)
    client.post(
        reverse("scans:vaststellen", args=[scan.pk, "up2"]),
        _vaststel_data(scan, up, ["2"] * n, redenen),
    )
    client.force_login(collega)
    response = client.post(
        reverse("scans:vaststellen", args=[scan.pk, "up2"]),
        _vaststel_data(scan, up, ["4"] * n, redenen, ambitie="4"),
    )
    assert response.status_code == 409
    assert set(VastgesteldeScore.objects.filter(scan=scan).values_list("waarde", flat=True)) == {
        "2"
    }
    assert Ambitie.objects.get(scan=scan, uitgangspunt=up).niveau == 3


def _alles_vaststellen(client, kader, scan):
    for up in kader.uitgangspunten.all():
        n = up.checkvragen.count()
        client.post(
            reverse("scans:vaststellen", args=[scan.pk, up.sleutel.lower()]),
            _vaststel_data(scan, up, ["2"] * n, dict.fromkeys(range(n), "besproken")),
        )


def test_afronden_needs_everything_fixed_then_freezes_the_scan(client, kader, scan, coord):
    client.force_login(coord)
    respondent, token = uitnodiging(scan)
    response = client.post(
        reverse("scans:afronden", args=[scan.pk]), {"versie": 1, "bevestig": "ja"}, follow=True
    )
    assert "Nog " in response.content.decode()
    scan.refresh_from_db()
    assert scan.is_open
    _alles_vaststellen(client, kader, scan)
    client.post(reverse("scans:afronden", args=[scan.pk]), {"versie": 1, "bevestig": "ja"})
    scan.refresh_from_db()
    assert scan.status == Scan.Status.AFGEROND
    assert scan.toestemming_vergelijking is False  # off by default
    # Frozen: no answers, no fixing, no invitations.
    vraag = CheckVraag.objects.filter(uitgangspunt__versie=kader).first()
    client.post(
        reverse("vragenlijst:antwoord", args=[token]),
        {"vraag": vraag.pk, "waarde": "4", "toelichting": "", "versie": 0},
    )
    assert not Antwoord.objects.exists()
    up = kader.uitgangspunten.get(sleutel="UP1")
    client.post(
        reverse("scans:vaststellen", args=[scan.pk, "up1"]),
        _vaststel_data(
            scan, up, ["4"] * up.checkvragen.count(), versies=dict.fromkeys(range(6), 1)
        ),
    )
    assert not VastgesteldeScore.objects.filter(waarde="4").exists()
    assert client.get(reverse("scans:uitnodigen", args=[scan.pk])).status_code == 302


def test_consent_is_given_at_afronden_and_can_be_withdrawn(client, kader, scan, coord):
    client.force_login(coord)
    _alles_vaststellen(client, kader, scan)
    client.post(
        reverse("scans:afronden", args=[scan.pk]),
        {"versie": 1, "bevestig": "ja", "toestemming": "ja"},
    )
    scan.refresh_from_db()
    assert scan.toestemming_vergelijking
    client.post(
        reverse("scans:toestemming", args=[scan.pk]), {"toestemming": "nee", "versie": scan.versie}
    )
    scan.refresh_from_db()
    assert not scan.toestemming_vergelijking


def test_consent_from_a_stale_page_does_not_undo_a_later_choice(client, kader, scan, coord):
    client.force_login(coord)
    _alles_vaststellen(client, kader, scan)
    client.post(
        reverse("scans:afronden", args=[scan.pk]),
        {"versie": 1, "bevestig": "ja", "toestemming": "ja"},
    )
    scan.refresh_from_db()
    oude_pagina = scan.versie
    url = reverse("scans:toestemming", args=[scan.pk])
    client.post(url, {"toestemming": "nee", "versie": oude_pagina})  # another tab withdraws
    antwoord = client.post(url, {"toestemming": "ja", "versie": oude_pagina}, follow=True)
    scan.refresh_from_db()
    assert not scan.toestemming_vergelijking
    assert "intussen gewijzigd" in antwoord.content.decode()


def test_a_double_submit_of_the_new_scan_form_creates_one_scan(client, kader, gemeente, coord):
    client.force_login(coord)
    data = {"gemeente": gemeente.pk, "titel": "Dubbel", "periode": 2026, "indiening": "abc123"}
    eerste = client.post(reverse("scans:nieuw"), data)
    tweede = client.post(reverse("scans:nieuw"), data, follow=True)
    assert Scan.objects.filter(titel="Dubbel").count() == 1
    assert tweede.redirect_chain[-1][0] == eerste["Location"]
    assert "al verstuurd" in tweede.content.decode()


def test_a_double_submit_of_an_invitation_creates_one_invitation(client, scan, coord):
    from assessments.models import Perspectief

    client.force_login(coord)
    data = {"perspectief": Perspectief.objects.first().pk, "naam": "Eén", "indiening": "xyz"}
    client.post(reverse("scans:uitnodigen", args=[scan.pk]), data)
    client.post(reverse("scans:uitnodigen", args=[scan.pk]), data)
    assert Respondent.objects.filter(scan=scan).count() == 1


def test_the_coordinator_counts_progress_as_the_respondent_does(client, scan, coord, kader):
    respondent, token = uitnodiging(scan, naam="Nora")
    vragen = list(CheckVraag.objects.filter(uitgangspunt__versie=kader)[:3])
    sla_antwoord_op(respondent, vragen[0].pk, "3", "", 0)
    sla_antwoord_op(respondent, vragen[1].pk, "nvt", "", 0)
    sla_antwoord_op(respondent, vragen[2].pk, "weet_niet", "", 0)
    totaal = CheckVraag.objects.filter(uitgangspunt__versie=kader).count()
    client.force_login(coord)
    html = client.get(reverse("scans:detail", args=[scan.pk])).content.decode()
    assert f"2 van {totaal - 1}" in html and "(1 n.v.t.)" in html
    eigen = client.get(reverse("vragenlijst:overzicht", args=[token])).content.decode()
    assert f"U heeft 2 van de {totaal - 1} vragen beantwoord" in eigen
