"""A scan on framework version 2 compared with the previous scan on version 1: the change per
uitgangspunt rests only on check-vragen with the same stable key, and the spiegel says so."""

import re
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import RondeCijfer, Scan, VastgesteldeScore
from assessments.spiegel.inhoud import maak_spiegel
from assessments.spiegel.rapport import rapport_html
from assessments.vergelijken import publiceren, rondes
from principles.models import CheckVraag

from .factories import GemeenteFactory, ScanFactory, coordinator, vng_analist
from .otp import tweede_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def v2(kader):
    """Version 2 as a copy of version 1: UP4-03 dropped, UP4-08 added, and UP7 with only new
    questions (so nothing of UP7 can be compared)."""
    versie = kader.maak_kopie()
    up4 = versie.uitgangspunten.get(sleutel="UP4")
    CheckVraag.objects.filter(uitgangspunt=up4, sleutel="UP4-03").delete()
    CheckVraag.objects.create(
        uitgangspunt=up4, sleutel="UP4-08", volgorde=8, fase="verrichten", tekst="Nieuwe vraag 4"
    )
    up7 = versie.uitgangspunten.get(sleutel="UP7")
    up7.checkvragen.all().delete()
    for i in (1, 2):
        CheckVraag.objects.create(
            uitgangspunt=up7, sleutel=f"UP7-1{i}", volgorde=i, fase="richten", tekst=f"Nieuw {i}"
        )
    versie.publiceer()
    return versie


def _vastgesteld(scan, waarde_van):
    VastgesteldeScore.objects.bulk_create(
        VastgesteldeScore(scan=scan, checkvraag=v, waarde=waarde_van(v), voorstel="")
        for v in CheckVraag.objects.filter(uitgangspunt__versie=scan.kaderversie)
    )


def _afgerond(scan):
    Scan.objects.filter(pk=scan.pk).update(status=Scan.Status.AFGEROND, afgerond_op=timezone.now())
    scan.refresh_from_db()
    return scan


def _paar(kader, versie_nu, waarde_toen, waarde_nu):
    gemeente = GemeenteFactory()
    toen = ScanFactory(gemeente=gemeente, periode=2025, kaderversie=kader)
    _vastgesteld(toen, waarde_toen)
    _afgerond(toen)
    nu = ScanFactory(gemeente=gemeente, periode=2026, kaderversie=versie_nu)
    _vastgesteld(nu, waarde_nu)
    _afgerond(nu)
    return toen, nu


def _toen(v):
    # Version 1: UP4-03 (dropped in version 2) has 4, the other questions of UP4 have 1.
    return "4" if v.sleutel == "UP4-03" else "1"


def _nu(v):
    # Version 2: the new UP4-08 has 4; the shared questions have 2.
    return "4" if v.sleutel == "UP4-08" else "2"


def test_the_change_uses_only_the_shared_keys(kader, v2):
    _, nu = _paar(kader, v2, _toen, _nu)
    spiegel = maak_spiegel(nu)
    assert spiegel.andere_kaderversie
    per_up = {u.up.sleutel: u for u in spiegel.uitgangspunten}
    up4 = per_up["UP4"]
    # On all questions: 2.3 now (2,2,2,2,2,4) and 1.5 then (1,1,4,1,1,1): +0.8. On the five
    # shared keys: 2.0 now and 1.0 then, so the change is +1.0.
    assert up4.score == 2.3
    assert up4.verandering == 1.0
    assert up4.vergelijkbaarheid.gedeeld == ["UP4-01", "UP4-02", "UP4-04", "UP4-05", "UP4-06"]
    assert up4.vergelijkbaarheid.nieuw == [("UP4-08", "Nieuwe vraag 4")]
    assert [s for s, _ in up4.vergelijkbaarheid.vervallen] == ["UP4-03"]
    assert per_up["UP1"].verandering == 1.0
    assert per_up["UP1"].vergelijkbaarheid.niet_vergeleken == []
    up7 = per_up["UP7"]
    assert up7.verandering is None and not up7.vergelijkbaarheid.te_vergelijken
    assert len(up7.vergelijkbaarheid.nieuw) == 2 and len(up7.vergelijkbaarheid.vervallen) == 5


def _html(client, scan):
    client.force_login(coordinator(scan.gemeente))
    response = client.get(reverse("scans:spiegel", args=[scan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _tekst(html):
    if isinstance(html, bytes):
        html = html.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_spiegel_says_what_it_compared_and_names_what_it_could_not(client, kader, v2):
    _, nu = _paar(kader, v2, _toen, _nu)
    html = _html(client, nu)
    tekst = _tekst(html)
    assert "Die scan gebruikte kaderversie 1 van het kader, deze scan kaderversie 2." in tekst
    assert (
        "Vergeleken met de scan van 2025 (kaderversie 1) op de 5 check-vragen die in beide "
        "kaderversies hetzelfde zijn. Verandering: +1,0." in tekst
    )
    # The questions left out are named, folded per uitgangspunt.
    blok = html[html.index('id="up-up4"') : html.index('id="up-up5"')]
    assert "<details" in blok
    assert "Niet te vergelijken: 1 nieuwe check-vraag en 1 vervallen check-vraag" in blok
    assert "UP4-08 (nieuw in kaderversie 2): Nieuwe vraag 4" in _tekst(blok)
    assert "UP4-03 (alleen in kaderversie 1)" in _tekst(blok)
    # UP7 shares no key: "niet te vergelijken" instead of a number, in the table and its card.
    rij = re.search(r"<tr[^>]*>\s*<th[^>]*>7\.[^<]*</th>(.*?)</tr>", html, re.S).group(1)
    assert "niet te vergelijken" in rij
    assert "Niet te vergelijken met de scan van 2025 (kaderversie 1)" in _tekst(
        html[html.index('id="up-up7"') :]
    )


def test_the_pdf_says_the_same_where_the_change_is_shown(kader, v2):
    _, nu = _paar(kader, v2, _toen, _nu)
    html = rapport_html(nu, maak_spiegel(nu))
    resultaten = _tekst(html[html.index('id="resultaten"') : html.index('id="perspectieven"')])
    assert "De vorige scan (2025) gebruikte kaderversie 1, deze scan kaderversie 2." in resultaten
    assert "op de 5 check-vragen die in beide kaderversies hetzelfde zijn" in resultaten
    assert "UP4-08, nieuw: Nieuwe vraag 4" in resultaten
    assert "UP4-03, vervallen" in resultaten
    assert "niet te vergelijken" in resultaten


def test_a_pair_on_the_same_version_is_compared_as_before(client, kader):
    toen, nu = _paar(kader, kader, _toen, _nu)
    spiegel = maak_spiegel(nu)
    assert not spiegel.andere_kaderversie
    per_up = {u.up.sleutel: u for u in spiegel.uitgangspunten}
    # All six questions of UP4 count: 2.0 now against 1.5 then.
    assert per_up["UP4"].verandering == 0.5
    assert per_up["UP1"].verandering == 1.0
    assert all(u.vergelijkbaarheid is None for u in spiegel.uitgangspunten)
    tekst = _tekst(_html(client, nu))
    assert f"Vergeleken met de vorige scan: {toen.titel} (2025)." in tekst
    assert "kaderversie" not in tekst
    assert "niet te vergelijken" not in tekst.lower()
    rapport = _tekst(rapport_html(nu, maak_spiegel(nu)))
    assert "+0,5" in rapport and "hetzelfde zijn" not in rapport


def _queries(scan):
    with CaptureQueriesContext(connection) as ctx:
        maak_spiegel(scan)
    return len(ctx.captured_queries)


def test_the_comparison_across_versions_adds_one_query_whatever_the_number_of_questions(kader, v2):
    _, zelfde = _paar(kader, kader, _toen, _nu)
    _, anders = _paar(kader, v2, _toen, _nu)
    assert _queries(anders) == _queries(zelfde) + 1


# --- rondes: one period with scans on two versions ---

FEBRUARI_2026 = timezone.make_aware(datetime(2026, 2, 1, 10, 0))


def _ronde_2025(kader, v2, aantal_v1=5, aantal_v2=5):
    for i in range(aantal_v1 + aantal_v2):
        versie = kader if i < aantal_v1 else v2
        scan = ScanFactory(gemeente=GemeenteFactory(inwoners=30_000 + i), kaderversie=versie)
        Scan.objects.filter(pk=scan.pk).update(periode=2025, toestemming_vergelijking=True)
        scan.refresh_from_db()
        _vastgesteld(scan, lambda v, i=i: str(1 + i % 4))
        _afgerond(scan)
    return publiceren.publiceer(2025, None, nu=FEBRUARI_2026)


def _n(ronde, vraag):
    return RondeCijfer.objects.get(
        ronde=ronde, soort=rondes.NIVEAU, onderdeel=vraag, dimensie="alle"
    ).n


def test_per_check_vraag_a_mixed_ronde_counts_only_scans_with_that_key(kader, v2):
    ronde = _ronde_2025(kader, v2)
    assert ronde.kaderversies == [1, 2]
    assert _n(ronde, "UP1-01") == 10  # in both versions: every scan
    assert _n(ronde, "UP4-08") == 5  # only in version 2: its five scans
    # Only in version 1: the ronde follows the current version and has no figure of it.
    assert not RondeCijfer.objects.filter(ronde=ronde, onderdeel="UP4-03").exists()


def test_a_ronde_on_version_1_keeps_its_questions_after_version_2_is_out(kader, v2):
    ronde = _ronde_2025(kader, v2, aantal_v1=6, aantal_v2=0)
    assert ronde.kaderversies == [1]
    assert _n(ronde, "UP4-03") == 6
    assert not RondeCijfer.objects.filter(ronde=ronde, onderdeel="UP4-08").exists()
    labels = {o["sleutel"]: o["label"] for o in ronde.onderdelen}
    assert labels["UP7-01"].startswith("1. ") and "UP7-11" not in labels


@pytest.fixture
def analist(client):
    user = vng_analist()
    tweede_factor(client, user)
    return user


ZIN_VRAGEN = (
    "In 2025 zijn scans op kaderversie 1 en 2 gemaakt; per check-vraag tellen alleen scans "
    "met dezelfde vraag mee."
)


def test_the_pages_say_in_one_sentence_that_a_period_mixes_versions(client, kader, v2, analist):
    _ronde_2025(kader, v2)
    vragen = _tekst(client.get(reverse("vergelijken:checkvragen"), {"periode": 2025}).content)
    assert ZIN_VRAGEN in vragen
    scores = _tekst(client.get(reverse("vergelijken:uitgangspunten")).content.decode())
    assert (
        "In 2025 zijn scans op kaderversie 1 en 2 gemaakt. De score van een uitgangspunt is per "
        "gemeente berekend op de check-vragen van haar eigen kaderversie" in scores
    )
    ontwikkeling = _tekst(client.get(reverse("vergelijken:ontwikkeling")).content.decode())
    assert "In 2025 zijn scans op kaderversie 1 en 2 gemaakt." in ontwikkeling


def test_a_ronde_on_one_version_says_nothing_about_versions(client, kader, analist):
    ronde = _ronde_2025(kader, None, aantal_v1=6, aantal_v2=0)
    assert ronde.kaderversies == [1]
    for pagina in ("overzicht", "uitgangspunten", "checkvragen", "ontwikkeling"):
        html = client.get(reverse(f"vergelijken:{pagina}")).content.decode()
        assert "kaderversie" not in html, pagina


def test_the_spiegel_says_when_its_ronde_mixes_versions(client, kader, v2):
    _ronde_2025(kader, v2)
    eigen = Scan.objects.filter(kaderversie=kader).first()
    tekst = _tekst(_html(client, eigen))
    assert (
        "De scans in die ronde zijn gemaakt op kaderversie 1 en 2; de score van elke gemeente "
        "is berekend op de check-vragen van haar eigen versie." in tekst
    )
