"""Rondes: the comparison is published once per period and never changes afterwards; the
pages, the CSV, the spiegel and the PDF read the published figures."""

from datetime import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from assessments.models import (
    Grootteklasse,
    Ronde,
    RondeBevrorenError,
    RondeCijfer,
    Scan,
    VastgesteldeScore,
)
from assessments.spiegel.inhoud import maak_spiegel
from assessments.spiegel.rapport import rapport_html
from assessments.vergelijken import publiceren
from principles.models import CheckVraag

from .factories import GemeenteFactory, ScanFactory, coordinator, lezer, rondebeheerder, vng_analist
from .otp import tweede_factor

pytestmark = pytest.mark.django_db

FEBRUARI_2026 = timezone.make_aware(datetime(2026, 2, 1, 10, 0))


def _afgerond(periode, niveau_per_vraag, inwoners=30_000, toestemming=True, gemeente=None):
    gemeente = gemeente or GemeenteFactory(inwoners=inwoners)
    scan = ScanFactory(gemeente=gemeente, periode=periode)
    VastgesteldeScore.objects.bulk_create(
        VastgesteldeScore(scan=scan, checkvraag=v, waarde=niveau_per_vraag(v), voorstel="")
        for v in CheckVraag.objects.filter(uitgangspunt__versie=scan.kaderversie)
    )
    Scan.objects.filter(pk=scan.pk).update(
        status=Scan.Status.AFGEROND,
        afgerond_op=timezone.now(),
        toestemming_vergelijking=toestemming,
    )
    scan.refresh_from_db()
    return scan


def _niveau(n):
    return lambda v: str(n)


def _klasse(aantal, periode=2025, inwoners=30_000, begin=1):
    """``aantal`` finalised scans of one grootteklasse whose every level is 1, 2, 3, 4, 1, ..."""
    return [
        _afgerond(periode, _niveau(1 + (begin + i) % 4), inwoners=inwoners + i)
        for i in range(aantal)
    ]


@pytest.fixture
def publicist(client):
    user = rondebeheerder()
    tweede_factor(client, user)
    return user


# --- the rules of publishing ---


def test_a_ronde_can_only_be_published_after_its_period_and_once(kader):
    _klasse(6)
    with pytest.raises(publiceren.NietPubliceerbaar, match="nog niet voorbij"):
        publiceren.publiceer(2025, None, nu=timezone.make_aware(datetime(2025, 12, 31, 23, 0)))
    publiceren.publiceer(2025, None, nu=FEBRUARI_2026)
    with pytest.raises(publiceren.NietPubliceerbaar, match="al een ronde"):
        publiceren.publiceer(2025, None, nu=FEBRUARI_2026)
    assert Ronde.objects.filter(periode=2025).count() == 1


def test_a_ronde_needs_k_gemeenten(kader):
    _klasse(4)
    _afgerond(2025, _niveau(2), toestemming=False)
    with pytest.raises(publiceren.NietPubliceerbaar, match="minstens 5"):
        publiceren.publiceer(2025, None, nu=FEBRUARI_2026)
    assert not Ronde.objects.exists()


def test_a_published_ronde_cannot_be_changed_or_deleted(kader):
    _klasse(6)
    ronde = publiceren.publiceer(2025, None, nu=FEBRUARI_2026)
    cijfer = RondeCijfer.objects.filter(ronde=ronde).first()
    cijfer.n = 99
    with pytest.raises(RondeBevrorenError):
        cijfer.save()
    with pytest.raises(RondeBevrorenError):
        ronde.delete()
    assert RondeCijfer.objects.get(pk=cijfer.pk).n != 99


def test_later_finalisations_consents_and_withdrawals_leave_every_page_as_published(
    client, kader, publicist
):
    scans = _klasse(6) + _klasse(5, inwoners=5_000)
    later = _afgerond(2025, _niveau(4), inwoners=31_000, toestemming=False)
    publiceren.publiceer(2025, None, nu=FEBRUARI_2026)
    eigen = scans[0]

    def alles():
        uit = []
        for pagina in ("overzicht", "uitgangspunten", "checkvragen", "ontwikkeling"):
            for dimensie in ("alle", "grootteklasse", "provincie", "periode"):
                response = client.get(
                    reverse(f"vergelijken:{pagina}"), {"dimensie": dimensie, "formaat": "csv"}
                )
                uit.append(response.content)
        uit.append([(u.up.sleutel, u.vergelijking) for u in maak_spiegel(eigen).uitgangspunten])
        return uit

    voor = alles()
    Scan.objects.filter(pk=later.pk).update(toestemming_vergelijking=True)  # consent later
    _afgerond(2025, _niveau(1), inwoners=32_000)  # finalised later
    Scan.objects.filter(pk=scans[3].pk).update(toestemming_vergelijking=False)  # withdrawn
    assert alles() == voor


def test_withdrawn_consent_takes_the_scan_out_of_a_ronde_published_afterwards(kader):
    scans = _klasse(7)
    Scan.objects.filter(pk=scans[0].pk).update(toestemming_vergelijking=False)
    ronde = publiceren.publiceer(2025, None, nu=FEBRUARI_2026)
    assert ronde.aantal_gemeenten == 6


def test_publishing_is_recorded_in_the_audit_log_with_who_did_it(client, kader, publicist):
    _klasse(6)
    url = reverse("vergelijken:publiceren", args=[2025])
    response = client.post(url, {"bevestig": "ja"}, follow=True)
    assert "De ronde 2025 is gepubliceerd, met 6 gemeenten" in response.content.decode()
    ronde = Ronde.objects.get(periode=2025)
    assert ronde.gepubliceerd_door == publicist
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Ronde), object_pk=str(ronde.pk)
    )
    assert entry.actor == publicist and entry.action == LogEntry.Action.CREATE
    lijst = client.get(reverse("vergelijken:rondes")).content.decode()
    assert publicist.get_full_name() in lijst and ">2025<" in lijst


def test_the_confirmation_shows_counts_and_hidden_groups_but_no_scores(client, kader, publicist):
    _klasse(6, inwoners=30_000)
    _klasse(2, inwoners=5_000)
    response = client.get(reverse("vergelijken:publiceren", args=[2025]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Afgeronde scans met toestemming in 2025: <strong>8</strong>" in html
    assert "tot 20.000 inwoners</th>" in html and "nee, afgeschermd" in html
    for woord in ("mediaan", "Mediaan", "gemiddelde", "kwartiel", "Niveau 1"):
        assert woord not in html
    assert not Ronde.objects.exists()  # looking publishes nothing


def test_publishing_needs_the_ticked_confirmation(client, kader, publicist):
    _klasse(6)
    response = client.post(reverse("vergelijken:publiceren", args=[2025]), {})
    assert response.status_code == 400
    assert "Vink aan dat u de ronde wilt publiceren" in response.content.decode()
    assert 'aria-describedby="bevestig-fout"' in response.content.decode()
    assert not Ronde.objects.exists()


def test_a_period_that_has_not_ended_or_is_published_cannot_be_prepared(client, kader, publicist):
    _klasse(6, periode=2026)
    assert client.get(reverse("vergelijken:publiceren", args=[2026])).status_code == 404
    assert (
        client.post(reverse("vergelijken:publiceren", args=[2026]), {"bevestig": "ja"}).status_code
        == 404
    )
    assert not Ronde.objects.exists()


def test_only_a_verified_rondebeheerder_publishes(client, kader):
    _klasse(6)
    url = reverse("vergelijken:publiceren", args=[2025])
    tweede_factor(client, vng_analist())
    assert client.post(url, {"bevestig": "ja"}).status_code == 403
    assert "Ronde publiceren" not in client.get(reverse("vergelijken:rondes")).content.decode()
    for gebruiker in (coordinator(), lezer()):
        client.force_login(gebruiker)
        assert client.post(url, {"bevestig": "ja"}).status_code == 403
        assert client.get(reverse("vergelijken:rondes")).status_code == 403
    client.force_login(rondebeheerder())  # password only, no second step
    assert client.post(url, {"bevestig": "ja"}).status_code in (302, 403)
    client.logout()
    assert client.post(url, {"bevestig": "ja"}).status_code == 302
    assert not Ronde.objects.exists()


# --- homogeneity ---


def test_a_check_vraag_where_all_but_one_chose_the_same_level_is_not_shown(
    client, kader, publicist
):
    # UP1-01: five gemeenten choose 3, one chooses 1. UP1-02: levels 1, 2, 3, 3, 4, 4.
    gevarieerd = "123344"
    for i in range(6):
        _afgerond(
            2025,
            lambda v, i=i: ("3" if i else "1") if v.sleutel == "UP1-01" else gevarieerd[i],
            inwoners=30_000 + i,
        )
    publiceren.publiceer(2025, None, nu=FEBRUARI_2026)
    cel = RondeCijfer.objects.get(soort="niveau", onderdeel="UP1-01", dimensie="alle")
    assert cel.n is None and cel.aandelen is None and cel.mediaan is None
    ander = RondeCijfer.objects.get(soort="niveau", onderdeel="UP1-02", dimensie="alle")
    assert ander.n == 6 and ander.aandelen == [17, 17, 33, 33]
    html = client.get(
        reverse("vergelijken:checkvragen"), {"uitgangspunt": "UP1", "dimensie": "alle"}
    ).content.decode()
    eerste = html[html.index('<th class="utrecht-table__header-cell" scope="row">1. ') :]
    assert eerste[: eerste.index("</tr>")].count("afgeschermd") == 1


# --- the spiegel reads the ronde ---


def _up1(scan):
    spiegel = maak_spiegel(scan)
    return spiegel, next(u for u in spiegel.uitgangspunten if u.up.sleutel == "UP1")


def test_before_any_ronde_the_spiegel_says_no_comparison_is_published_and_when(client, kader):
    _klasse(6)
    eigen = _afgerond(2026, _niveau(2), inwoners=30_500)
    spiegel, up1 = _up1(eigen)
    assert spiegel.ronde is None and up1.vergelijking is None
    client.force_login(coordinator(eigen.gemeente))
    html = client.get(reverse("scans:spiegel", args=[eigen.pk])).content.decode()
    assert "Nog geen vergelijking gepubliceerd" in html and "1 januari 2027" in html


def test_the_spiegel_compares_without_the_own_gemeente_and_names_the_ronde(client, kader):
    scans = _klasse(6)  # UP1 scores 2, 3, 4, 1, 2, 3
    publiceren.publiceer(2025, None, nu=FEBRUARI_2026)
    eigen = scans[2]  # score 4
    spiegel, up1 = _up1(eigen)
    assert spiegel.ronde.periode == 2025
    assert (up1.vergelijking.n, up1.vergelijking.mediaan) == (5, 2.0)  # 2, 3, 1, 2, 3
    # A gemeente of the class that was not in the ronde sees the whole class (as the analist).
    later = _afgerond(2025, _niveau(4), inwoners=30_900)
    _, up1_later = _up1(later)
    analist_cel = RondeCijfer.objects.get(
        soort="score", onderdeel="UP1", dimensie="grootteklasse", groep=Grootteklasse.TOT_50K
    )
    assert (up1_later.vergelijking.n, up1_later.vergelijking.mediaan) == (6, analist_cel.mediaan)
    client.force_login(coordinator(eigen.gemeente))
    html = client.get(reverse("scans:spiegel", args=[eigen.pk])).content.decode()
    assert "ronde 2025 van de vergelijking, gepubliceerd op 1 februari 2026" in html
    assert "2.0 (kwartielen" in html or "2,0 (kwartielen" in html


def test_a_scan_of_a_later_period_compares_with_the_latest_earlier_ronde(client, kader):
    _klasse(6)
    publiceren.publiceer(2025, None, nu=FEBRUARI_2026)
    eigen = ScanFactory(gemeente=GemeenteFactory(inwoners=30_700), periode=2026)
    spiegel, up1 = _up1(eigen)
    assert spiegel.ronde.periode == 2025 and up1.vergelijking.n == 6
    client.force_login(coordinator(eigen.gemeente))
    html = client.get(reverse("scans:spiegel", args=[eigen.pk])).content.decode()
    assert "Voor 2026 is nog geen ronde gepubliceerd" in html


def test_the_pdf_shows_the_same_comparison_as_the_spiegel(kader):
    scans = _klasse(6)
    publiceren.publiceer(2025, None, nu=FEBRUARI_2026)
    spiegel, up1 = _up1(scans[2])
    html = rapport_html(scans[2], spiegel)
    assert (
        f"mediaan {up1.vergelijking.mediaan:.1f} (n = {up1.vergelijking.n})".replace(".", ",")
        in html
    )
    assert "ronde 2025 van de vergelijking" in html


def test_reading_the_spiegel_comparison_does_not_grow_with_the_ronde(
    kader, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    klein = _klasse(6, periode=2024)
    publiceren.publiceer(2024, None, nu=timezone.make_aware(datetime(2025, 2, 1)))
    groot = _klasse(30, periode=2025, inwoners=31_000)
    publiceren.publiceer(2025, None, nu=FEBRUARI_2026)
    aantallen = []
    for scan in (klein[0], groot[0]):
        with CaptureQueriesContext(connection) as ctx:
            maak_spiegel(scan)
        aantallen.append(len(ctx.captured_queries))
    assert aantallen[0] == aantallen[1]


def test_a_scan_of_a_published_period_is_told_it_no_longer_enters_that_ronde(client, kader):
    _klasse(6)
    publiceren.publiceer(2025, None, nu=FEBRUARI_2026)
    laat = ScanFactory(gemeente=GemeenteFactory(inwoners=30_800), periode=2025)
    client.force_login(coordinator(laat.gemeente))
    html = client.get(reverse("scans:detail", args=[laat.pk])).content.decode()
    assert "De vergelijkingsronde van 2025 is al gepubliceerd op 1 februari 2026" in html
    assert "deze scan telt daarin niet mee" in html


@pytest.mark.django_db(transaction=True)
def test_two_publishers_at_once_make_one_ronde(kader):
    """Two requests publish the same period at the same moment (separate connections): the
    database lets exactly one ronde through, the other is told it exists."""
    import threading

    from django.db import connection, connections

    if connection.vendor == "sqlite":
        pytest.skip("needs a database server with concurrent connections (PostgreSQL)")
    _klasse(6)
    poort = threading.Barrier(2)
    uitkomsten = []

    def publiceer():
        try:
            poort.wait()
            publiceren.publiceer(2025, None, nu=FEBRUARI_2026)
            uitkomsten.append("gepubliceerd")
        except publiceren.NietPubliceerbaar as exc:
            uitkomsten.append(str(exc))
        finally:
            connections.close_all()

    draden = [threading.Thread(target=publiceer) for _ in range(2)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert sorted(uitkomsten) == ["Voor 2025 is al een ronde gepubliceerd.", "gepubliceerd"]
    assert Ronde.objects.count() == 1
    ronde = Ronde.objects.get()
    assert RondeCijfer.objects.filter(ronde=ronde, soort="deelname", dimensie="alle").count() == 1
