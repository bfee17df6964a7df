"""The demo with framework version 2 published: the open scan of the demo gemeente is on the
newest version, the finalised history stays on version 1."""

import pytest

from assessments.demodata import maak_demohistorie
from assessments.models import Ambitie, Antwoord, Gemeente, Scan
from assessments.spiegel.inhoud import maak_spiegel

pytestmark = pytest.mark.django_db


@pytest.fixture
def v2(kader):
    versie = kader.maak_kopie()
    versie.publiceer()
    return versie


def test_the_open_demo_scan_is_on_the_newest_version_and_the_history_on_version_1(
    kader, v2, gemeenten
):
    demo = Gemeente.objects.get(code="GM0307")
    maak_demohistorie(demo)
    open_scan = Scan.objects.get(gemeente=demo, status=Scan.Status.OPEN)
    assert open_scan.kaderversie == v2
    afgerond = Scan.objects.filter(status=Scan.Status.AFGEROND)
    assert afgerond.exists() and not afgerond.exclude(kaderversie=kader).exists()
    # Answers and ambitions of the open scan belong to its own version.
    assert (
        not Antwoord.objects.filter(respondent__scan=open_scan)
        .exclude(checkvraag__uitgangspunt__versie=v2)
        .exists()
    )
    ambities = Ambitie.objects.filter(scan=open_scan)
    assert ambities.count() == v2.uitgangspunten.count()
    assert not ambities.exclude(uitgangspunt__versie=v2).exists()
    # Its spiegel compares with the 2025 scan on version 1, on the keys both share.
    spiegel = maak_spiegel(open_scan)
    assert spiegel.vorige.kaderversie == kader and spiegel.andere_kaderversie
    assert all(u.vergelijkbaarheid.te_vergelijken for u in spiegel.uitgangspunten)


def test_with_only_version_1_everything_is_on_version_1(kader, gemeenten):
    maak_demohistorie(Gemeente.objects.get(code="GM0307"))
    assert not Scan.objects.exclude(kaderversie=kader).exists()


def test_demo_answers_only_the_questions_asked_of_each_perspective(kader, gemeenten, tmp_path):
    from .kader_v2 import laad_kader_v2

    v2 = laad_kader_v2(tmp_path)
    demo = Gemeente.objects.get(code="GM0307")
    maak_demohistorie(demo)
    open_scan = Scan.objects.get(gemeente=demo, status=Scan.Status.OPEN)
    assert open_scan.kaderversie == v2
    antwoorden = (
        Antwoord.objects.filter(respondent__scan=open_scan)
        .select_related("respondent__perspectief")
        .prefetch_related("checkvraag__voor_perspectieven__perspectief")
    )
    assert antwoorden.exists()
    for a in antwoorden:
        assert a.checkvraag.gesteld_aan(a.respondent.perspectief.sleutel), a.checkvraag.sleutel
