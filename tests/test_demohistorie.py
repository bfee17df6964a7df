"""The demo history: realistic, deterministic and created once."""

import pytest
from django.core.management import call_command

from assessments.demodata import maak_demohistorie
from assessments.models import Antwoord, Gemeente, Respondent, Scan, VastgesteldeScore

pytestmark = pytest.mark.django_db


@pytest.fixture
def historie(kader, gemeenten):
    return maak_demohistorie(Gemeente.objects.get(code="GM0307"))


def test_about_forty_gemeenten_of_every_size_with_two_finalised_scans(historie):
    afgerond = Scan.objects.filter(status=Scan.Status.AFGEROND).exclude(gemeente__code="GM0307")
    gemeenten = Gemeente.objects.filter(scans__in=afgerond).distinct()
    assert gemeenten.count() == 40
    for g in gemeenten:
        assert sorted(g.scans.values_list("periode", flat=True)) == [2024, 2025]
    per_klasse = {
        k: gemeenten.filter(grootteklasse=k).count()
        for k in ("tot-20000", "20000-50000", "50000-100000", "100000-plus")
    }
    assert min(per_klasse.values()) >= 6
    assert gemeenten.values("provincie").distinct().count() >= 8


def test_finalised_scans_have_three_to_eight_respondents_and_fixed_scores(historie, kader):
    from principles.models import CheckVraag

    vragen = CheckVraag.objects.filter(uitgangspunt__versie=kader).count()
    for scan in Scan.objects.filter(status=Scan.Status.AFGEROND).exclude(gemeente__code="GM0307"):
        assert 3 <= scan.respondenten.count() <= 8
        assert scan.ambities.count() == kader.uitgangspunten.count()
        assert VastgesteldeScore.objects.filter(scan=scan).count() == vragen
    assert not Antwoord.objects.exclude(checkvraag__uitgangspunt__versie=kader).exists()


def test_most_but_not_all_gemeenten_consent(historie):
    afgerond = Scan.objects.filter(status=Scan.Status.AFGEROND)
    met = afgerond.filter(toestemming_vergelijking=True).count()
    assert 0.7 * afgerond.count() <= met < afgerond.count()


def test_demo_gemeente_has_one_finalised_and_one_open_scan_in_progress(historie):
    scans = Scan.objects.filter(gemeente__code="GM0307")
    assert scans.filter(status=Scan.Status.AFGEROND).count() == 1
    open_scan = scans.get(status=Scan.Status.OPEN)
    assert open_scan.vorige_scan == scans.get(status=Scan.Status.AFGEROND)
    statussen = sorted(
        ("afgerond" if r.afgerond_op else "bezig" if r.gestart_op else "nieuw")
        for r in open_scan.respondenten.all()
    )
    assert statussen == ["afgerond", "afgerond", "bezig", "bezig", "nieuw"]


def test_the_history_is_deterministic_and_made_once(historie):
    eerste = (Scan.objects.count(), Respondent.objects.count(), Antwoord.objects.count())
    tweede = maak_demohistorie(Gemeente.objects.get(code="GM0307"))
    assert not tweede["nieuw"]
    assert (Scan.objects.count(), Respondent.objects.count(), Antwoord.objects.count()) == eerste
    assert historie["antwoorden"] == eerste[2]
    # Same seed, same answers: fixed expectations from a known run would break on any change.
    waarden = list(
        Antwoord.objects.filter(respondent__scan__gemeente__code="GM0307")
        .order_by("respondent__scan__periode", "respondent_id", "checkvraag_id")
        .values_list("waarde", flat=True)[:20]
    )
    Scan.objects.all().delete()
    maak_demohistorie(Gemeente.objects.get(code="GM0307"))
    opnieuw = list(
        Antwoord.objects.filter(respondent__scan__gemeente__code="GM0307")
        .order_by("respondent__scan__periode", "respondent_id", "checkvraag_id")
        .values_list("waarde", flat=True)[:20]
    )
    assert waarden == opnieuw


def test_maak_demo_prints_the_history_summary(kader, gemeenten, capsys):
    call_command("maak_demo", "--ook-zonder-debug")
    assert "Demohistorie: 41 gemeenten, 81 afgeronde scans, 1 open scan" in capsys.readouterr().out


def test_open_scan_names_match_their_perspective_and_links_are_valid(historie):
    from django.utils import timezone

    open_scan = Scan.objects.get(gemeente__code="GM0307", status=Scan.Status.OPEN)
    namen = dict(open_scan.respondenten.values_list("perspectief__sleutel", "naam"))
    assert namen["bestuur"] == "Wethouder Willemsen"
    assert namen["ketenpartner"] == "Huisarts Hoekstra"
    assert all(r.token_verloopt_op > timezone.now() for r in open_scan.respondenten.all())


def test_every_finalised_scan_has_a_fixed_value_for_every_question(historie):
    assert not VastgesteldeScore.objects.filter(
        scan__status=Scan.Status.AFGEROND, waarde=""
    ).exists()
