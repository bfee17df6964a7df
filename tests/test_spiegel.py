"""The spiegel: scores, ambitions, perspectives, comparison and who may see it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import Ambitie, Antwoord, Scan, VastgesteldeScore
from assessments.spiegel.inhoud import maak_spiegel
from principles.models import CheckVraag

from .factories import GemeenteFactory, ScanFactory, coordinator, lezer, uitnodiging, vng_analist
from .otp import tweede_factor

pytestmark = pytest.mark.django_db


def _vul(scan, waarden_per_up: dict, ambities: dict | None = None):
    """Fix scores: {up_sleutel: [waarde per vraag in order]}; other questions get "2"."""
    for vraag in CheckVraag.objects.filter(uitgangspunt__versie=scan.kaderversie).select_related(
        "uitgangspunt"
    ):
        lijst = waarden_per_up.get(vraag.uitgangspunt.sleutel)
        waarde = lijst[vraag.volgorde - 1] if lijst and vraag.volgorde <= len(lijst) else "2"
        VastgesteldeScore.objects.create(
            scan=scan, checkvraag=vraag, waarde=waarde, voorstel=waarde
        )
    for up in scan.kaderversie.uitgangspunten.all():
        Ambitie.objects.create(
            scan=scan, uitgangspunt=up, niveau=(ambities or {}).get(up.sleutel, 3)
        )


def _afgerond(scan, toestemming=True, periode=None):
    Scan.objects.filter(pk=scan.pk).update(
        status=Scan.Status.AFGEROND,
        afgerond_op=timezone.now(),
        toestemming_vergelijking=toestemming,
        **({"periode": periode} if periode else {}),
    )
    scan.refresh_from_db()
    return scan


def test_scores_gap_and_percentage_follow_the_fixed_scores(kader):
    scan = ScanFactory()
    # UP1 has 5 questions: 4, 4, weet_niet, nvt, 3 -> mean of 4, 4, 3 = 3.7 (weet/nvt not 0).
    _vul(scan, {"UP1": ["4", "4", "weet_niet", "nvt", "3"]}, ambities={"UP1": 4})
    spiegel = maak_spiegel(scan)
    up1 = next(u for u in spiegel.uitgangspunten if u.up.sleutel == "UP1")
    assert up1.score == 3.7
    assert up1.gat == 0.3
    # Other uitgangspunten: score 2.0, ambition 3 -> gap 1 each (6 of them); UP1 gap 0.3.
    assert spiegel.percentage_ambitie == round(100 * (1 - (0.3 + 6 * 1.0) / (4 + 6 * 3)), 1)
    assert spiegel.sterke_punten[0].up.sleutel == "UP1"
    assert "UP1" not in [u.up.sleutel for u in spiegel.ontwikkelpunten]


def test_perspectives_and_the_conversation_agenda(kader):
    scan = ScanFactory()
    vraag = CheckVraag.objects.filter(
        uitgangspunt__versie=kader, uitgangspunt__sleutel="UP3"
    ).first()
    for perspectief, waarde in [("bestuur", "4"), ("bestuur", "4"), ("inwoner", "1")]:
        respondent, _ = uitnodiging(scan, perspectief=perspectief)
        Antwoord.objects.create(respondent=respondent, checkvraag=vraag, waarde=waarde)
    spiegel = maak_spiegel(scan)
    up3 = next(u for u in spiegel.uitgangspunten if u.up.sleutel == "UP3")
    assert up3.spreiding == 3.0
    assert spiegel.gespreksagenda[0][1].vraag == vraag
    assert {p.sleutel for p in spiegel.perspectieven_met_respondenten} == {"bestuur", "inwoner"}


def test_change_since_the_previous_finalised_scan(kader):
    gemeente = GemeenteFactory()
    vorige = ScanFactory(gemeente=gemeente, periode=2025)
    _vul(vorige, {})
    _afgerond(vorige)
    nu = ScanFactory(gemeente=gemeente, periode=2026)
    _vul(nu, {"UP2": ["3", "3", "3", "3", "3", "3"]})
    spiegel = maak_spiegel(nu)
    assert spiegel.vorige == vorige
    veranderingen = {u.up.sleutel: u.verandering for u in spiegel.uitgangspunten}
    assert veranderingen["UP2"] == 1.0 and veranderingen["UP1"] == 0.0


def test_comparison_needs_five_other_gemeenten_of_the_same_size_with_consent(kader):
    from datetime import datetime

    from assessments.vergelijken.publiceren import publiceer

    eigen = _afgerond(ScanFactory(gemeente=GemeenteFactory(inwoners=30_000), periode=2025))
    _vul(eigen, {})
    for i, niveau in enumerate("4343"):
        anders = _afgerond(ScanFactory(gemeente=GemeenteFactory(inwoners=25_000 + i), periode=2025))
        _vul(anders, {"UP1": [niveau] * 5})
    _afgerond(
        ScanFactory(gemeente=GemeenteFactory(inwoners=26_000), periode=2025), toestemming=False
    )
    _afgerond(ScanFactory(gemeente=GemeenteFactory(inwoners=500_000), periode=2025))  # other size
    publiceer(2025, None, nu=timezone.make_aware(datetime(2026, 1, 10)))
    up1 = next(u for u in maak_spiegel(eigen).uitgangspunten if u.up.sleutel == "UP1")
    assert up1.vergelijking.verborgen  # 4 others with consent in the class: too few
    # A gemeente of the class that was not in the ronde compares with all 5 of it.
    buiten = ScanFactory(gemeente=GemeenteFactory(inwoners=40_000), periode=2025)
    up1 = next(u for u in maak_spiegel(buiten).uitgangspunten if u.up.sleutel == "UP1")
    assert (up1.vergelijking.n, up1.vergelijking.mediaan) == (5, 3.0)


def test_the_spiegel_page_shows_tables_charts_and_escapes_free_text(client, kader):
    scan = ScanFactory()
    _vul(scan, {})
    respondent, _ = uitnodiging(scan)
    vraag = CheckVraag.objects.filter(uitgangspunt__versie=kader).first()
    Antwoord.objects.create(
        respondent=respondent,
        checkvraag=vraag,
        waarde="2",
        toelichting='<img src="file:///etc/passwd"><script>alert(1)</script>',
    )
    client.force_login(lezer(scan.gemeente))
    html = client.get(reverse("scans:spiegel", args=[scan.pk])).content.decode()
    assert html.count("<svg") == 2 and 'role="img"' in html
    assert "Score, ambitie en gat per uitgangspunt" in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert "<script>alert" not in html and '<img src="file' not in html
    assert "Nog geen vergelijking gepubliceerd" in html
    # Handreikingen for the ontwikkelpunten come first, before the details per uitgangspunt.
    ontwikkelpunt = maak_spiegel(scan).ontwikkelpunten[0]
    eerste = ontwikkelpunt.handreikingen[0].url
    assert (
        html.index("Handreikingen bij uw ontwikkelpunten")
        < html.index(eerste)
        < html.index('id="per-uitgangspunt"')
    )


@pytest.mark.parametrize("wie", ["andere_gemeente", "analist", "anoniem"])
def test_others_get_no_spiegel(client, kader, wie):
    scan = ScanFactory()
    if wie == "andere_gemeente":
        client.force_login(coordinator())
    elif wie == "analist":
        tweede_factor(client, vng_analist())
    response = client.get(reverse("scans:spiegel", args=[scan.pk]))
    assert response.status_code in (302, 404)
    assert scan.titel not in response.content.decode()


def test_spiegel_query_count_does_not_grow_with_respondents(client, kader):
    tellingen = []
    for aantal in (5, 50):
        scan = ScanFactory()
        _vul(scan, {})
        vragen = list(CheckVraag.objects.filter(uitgangspunt__versie=kader))
        for i in range(aantal):
            respondent, _ = uitnodiging(scan, perspectief=["bestuur", "beleid", "inwoner"][i % 3])
            Antwoord.objects.bulk_create(
                Antwoord(
                    respondent=respondent,
                    checkvraag=v,
                    waarde=str(1 + (i + v.pk) % 4),
                    toelichting="t",
                )
                for v in vragen
            )
        client.force_login(coordinator(scan.gemeente))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("scans:spiegel", args=[scan.pk])).status_code == 200
        tellingen.append(len(ctx.captured_queries))
    assert tellingen[0] == tellingen[1]
    assert tellingen[0] <= 25


def test_respondent_link_gives_no_spiegel(client, kader):
    scan = ScanFactory()
    respondent, token = uitnodiging(scan)
    client.get(reverse("vragenlijst:start", args=[token]))
    response = client.get(reverse("scans:spiegel", args=[scan.pk]))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
