"""VNG-analisten see anonymised figures from the published rondes; nobody else sees them."""

import csv
import io
import re
from collections import Counter
from html.parser import HTMLParser
from statistics import mean, median

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.demodata import maak_demohistorie
from assessments.models import Gemeente, Grootteklasse, Ronde, RondeCijfer, Scan, VastgesteldeScore
from assessments.vergelijken.publiceren import publiceer
from assessments.vergelijken.vergelijking import (
    deelnames_per_basisfunctionaliteit,
    deelnames_per_uitgangspunt,
    deelnemende_scans,
)
from principles.models import CheckVraag, Koppeling

from .factories import GemeenteFactory, ScanFactory, vng_analist

pytestmark = pytest.mark.django_db

PAGINAS = ["overzicht", "uitgangspunten", "checkvragen", "ontwikkeling"]
VERBORGEN = "afgeschermd"


@pytest.fixture
def historie(kader, gemeenten):
    maak_demohistorie(Gemeente.objects.get(code="GM0307"))


@pytest.fixture
def analist(client):
    from .otp import tweede_factor

    user = vng_analist()
    tweede_factor(client, user)
    return user


def _publiceer(periode):
    """Publish the ronde of ``periode`` as a rondebeheerder would, in the February after."""
    moment = timezone.make_aware(timezone.datetime(periode + 1, 2, 1, 10, 0))
    return publiceer(periode, None, nu=moment)


def _afgeronde_scan(gemeente, periode, waarde_per_vraag, toestemming=True):
    """A finalised scan whose fixed scores are ``waarde_per_vraag(vraag)`` for every question."""
    scan = ScanFactory(gemeente=gemeente, periode=periode)
    vragen = CheckVraag.objects.filter(uitgangspunt__versie=scan.kaderversie)
    VastgesteldeScore.objects.bulk_create(
        VastgesteldeScore(scan=scan, checkvraag=v, waarde=waarde_per_vraag(v), voorstel="")
        for v in vragen
    )
    Scan.objects.filter(pk=scan.pk).update(
        status=Scan.Status.AFGEROND,
        afgerond_op=timezone.now(),
        toestemming_vergelijking=toestemming,
    )
    return scan


class _Tabellen(HTMLParser):
    """The tables of a page as {caption: [[cell text, ...], ...]} (header row included)."""

    def __init__(self):
        super().__init__()
        self.tabellen, self._rij, self._tekst, self._caption = {}, None, None, None
        self._huidige = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._huidige = []
        elif tag == "caption":
            self._tekst = []
        elif tag == "tr":
            self._rij = []
        elif tag in ("td", "th"):
            self._tekst = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._caption = " ".join("".join(self._tekst).split())
            self._tekst = None
        elif tag in ("td", "th") and self._rij is not None:
            self._rij.append(" ".join("".join(self._tekst).split()))
            self._tekst = None
        elif tag == "tr":
            self._huidige.append(self._rij)
            self._rij = None
        elif tag == "table":
            self.tabellen[self._caption] = self._huidige

    def handle_data(self, data):
        if self._tekst is not None:
            self._tekst.append(data)


def _tabellen(response):
    parser = _Tabellen()
    parser.feed(response.content.decode())
    return parser.tabellen


def _csv(response):
    tekst = response.content.decode("utf-8")
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst[1:]), delimiter=";"))


# --- selection and database aggregation ---


def test_only_finalised_consented_scans_count(historie):
    scans = deelnemende_scans()
    assert scans
    assert all(
        s.status == Scan.Status.AFGEROND and s.toestemming_vergelijking for s in scans.values()
    )
    zonder = Scan.objects.filter(status=Scan.Status.AFGEROND, toestemming_vergelijking=False)
    assert zonder.exists() and not set(zonder.values_list("pk", flat=True)) & set(scans)


def test_scores_per_scan_come_from_one_grouped_query(historie, django_assert_max_num_queries):
    scans = deelnemende_scans()
    with django_assert_max_num_queries(1):
        per_up = deelnames_per_uitgangspunt(scans)
    assert set(per_up) == {f"UP{n}" for n in range(1, 8)}
    assert all(1.0 <= d.waarde <= 4.0 for lijst in per_up.values() for d in lijst)


def test_basisfunctionaliteit_score_is_the_mean_of_its_uitgangspunten(kader):
    gemeente = GemeenteFactory()
    # UP n gets level n for UP1..UP4, level 4 for the rest.
    scan = _afgeronde_scan(
        gemeente, 2025, lambda v: str(min(4, int(v.uitgangspunt.sleutel[2:]))), True
    )
    scans = deelnemende_scans()
    per_up = deelnames_per_uitgangspunt(scans)
    per_bf = deelnames_per_basisfunctionaliteit(per_up, kader)
    for bf in kader.basisfunctionaliteiten.all():
        ups = Koppeling.objects.filter(basisfunctionaliteit=bf).values_list(
            "uitgangspunt__sleutel", flat=True
        )
        verwacht = round(mean(min(4, int(up[2:])) for up in ups), 1)
        (deelname,) = per_bf[bf.sleutel]
        assert deelname.waarde == verwacht and deelname.gemeente == scan.gemeente.code


def test_the_ronde_counts_the_fixed_levels_of_every_check_vraag(historie):
    ronde = Ronde.objects.get(periode=2025)
    scans = deelnemende_scans(periode=2025)
    # The same counts, computed independently from the fixed scores themselves.
    verwacht = Counter(
        VastgesteldeScore.objects.filter(
            scan_id__in=list(scans), waarde__in=["1", "2", "3", "4"]
        ).values_list("checkvraag__sleutel", flat=True)
    )
    cellen = RondeCijfer.objects.filter(ronde=ronde, soort="niveau", dimensie="alle")
    assert cellen.count() == 38
    for cel in cellen:
        if cel.n is not None:
            assert cel.n == verwacht[cel.onderdeel]
            assert sum(cel.aandelen) == 100


def test_withdrawn_consent_leaves_every_later_selection(historie):
    scan = next(iter(deelnemende_scans().values()))
    Scan.objects.filter(gemeente=scan.gemeente).update(toestemming_vergelijking=False)
    assert not any(s.gemeente_id == scan.gemeente_id for s in deelnemende_scans().values())


def test_a_published_ronde_does_not_change_when_consent_is_withdrawn(client, analist, historie):
    def pagina():
        return client.get(reverse("vergelijken:overzicht"), {"formaat": "csv"}).content

    voor = pagina()
    scan = next(s for s in deelnemende_scans().values() if s.periode == 2025)
    Scan.objects.filter(pk=scan.pk).update(toestemming_vergelijking=False)
    assert pagina() == voor
    rijen = _tabellen(client.get(reverse("vergelijken:overzicht")))
    aantal = next(r for r in rijen["Tabel: Deelnemende gemeenten per periode"] if r[0] == "2025")
    assert int(aantal[1]) == Ronde.objects.get(periode=2025).aantal_gemeenten


# --- what the pages show ---


def test_the_analist_sees_every_page_and_breakdown_without_names(client, analist, historie):
    gemeenten = list(Gemeente.objects.filter(scans__isnull=False).distinct())
    for pagina in PAGINAS:
        for dimensie in ("alle", "grootteklasse", "provincie", "periode"):
            response = client.get(
                reverse(f"vergelijken:{pagina}"), {"dimensie": dimensie, "periode": 2025}
            )
            assert response.status_code == 200
            html = response.content.decode()
            assert "Aantal gemeenten" in html
            for gemeente in gemeenten:
                assert f">{gemeente.naam}<" not in html and gemeente.code not in html
            assert "minimum" not in html.lower() and "maximum" not in html.lower()


def _verborgen_per_tabel(html):
    """{table caption: [hidden group, ...]} from the sentence under each table."""
    uit = {}
    for blok in html.split('<section class="vit-vergelijk-blok"')[1:]:
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", blok, re.S).group(1)
        zin = re.search(r'class="utrecht-paragraph vit-verborgen-rijen">[^:]*: (.*?)\.</p>', blok)
        caption = re.sub(r"<[^>]+>", "", caption)
        uit[" ".join(caption.split())] = zin.group(1).split(", ") if zin else []
    return uit


def test_small_provinces_are_named_once_under_the_table_and_hidden_in_the_csv(
    client, analist, historie
):
    url = reverse("vergelijken:uitgangspunten")
    keuze = {"dimensie": "provincie", "periode": 2025}
    response = client.get(url, keuze)
    tabellen = _tabellen(response)
    verborgen = _verborgen_per_tabel(response.content.decode())
    assert any(verborgen.values())  # 40 gemeenten over 12 provincies: small ones hidden
    # The table holds only rows with figures; the hidden groups are named, nothing more.
    for caption, rijen in tabellen.items():
        assert all(rij[1:] != [VERBORGEN] for rij in rijen[1:]), caption
        assert not {rij[0] for rij in rijen} & set(verborgen[caption])
    regels = _csv(client.get(url, {**keuze, "formaat": "csv"}))
    kop, regels = regels[0], regels[1:]
    verborgen_csv = [(r[0], r[1]) for r in regels if r[-1] == VERBORGEN]
    verborgen_html = [
        (c.removeprefix("Tabel: ").removesuffix(" (schaal 1 tot 4)"), groep)
        for c, groepen in verborgen.items()
        for groep in groepen
    ]
    assert verborgen_csv == verborgen_html
    for regel in regels:
        if regel[-1] == VERBORGEN:
            assert all(waarde == "" for waarde in regel[2:-1]), regel
    assert kop[:3] == ["tabel", "rij", "aantal gemeenten"]


@pytest.mark.parametrize(
    "pagina,keuze",
    [
        ("overzicht", {"periode": 2025}),
        ("uitgangspunten", {"dimensie": "grootteklasse", "periode": 2025}),
        ("uitgangspunten", {"dimensie": "alle", "periode": 2024}),
        ("checkvragen", {"dimensie": "provincie", "periode": 2025, "uitgangspunt": "UP5"}),
        ("checkvragen", {"dimensie": "periode", "uitgangspunt": "UP1"}),
        ("ontwikkeling", {}),
    ],
)
def test_the_csv_holds_exactly_what_the_page_shows(client, analist, historie, pagina, keuze):
    url = reverse(f"vergelijken:{pagina}")
    tabellen = _tabellen(client.get(url, keuze))
    response = client.get(url, {**keuze, "formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    regels = _csv(response)[1:]
    # Hidden groups of a breakdown are named under their table, not shown as rows: the CSV
    # keeps them as rows marked "afgeschermd", in the order of the sentence.
    verborgen = _verborgen_per_tabel(client.get(url, keuze).content.decode())
    genoemd = [
        [c.removeprefix("Tabel: ").removesuffix(" (schaal 1 tot 4)"), groep]
        for c, groepen in verborgen.items()
        for groep in groepen
    ]
    assert [r[:2] for r in regels if r[-1] == VERBORGEN and r[:2] in genoemd] == genoemd
    regels = [r for r in regels if r[:2] not in genoemd]
    # Every shown row, cell for cell, in the same order; nothing more.
    getoond = []
    for caption, rijen in tabellen.items():
        titel = caption.removeprefix("Tabel: ").removesuffix(" (schaal 1 tot 4)")
        for rij in rijen[1:]:
            getoond.append((titel, rij[0], rij[1:]))
    assert len(regels) == len(getoond)
    for regel, (titel, label, cellen) in zip(regels, getoond, strict=True):
        assert regel[:2] == [titel, label]
        if cellen == [VERBORGEN]:
            assert regel[-1] == VERBORGEN and not any(regel[2:-1])
            continue
        csv_cellen = [w for w in regel[2:-1] if w != ""]
        html_cellen = [c.rstrip("%").removeprefix("+") for c in cellen if c != "–"]
        assert csv_cellen == html_cellen


def test_level_shares_and_figures_match_the_fixed_answers(client, analist, kader):
    # Six gemeenten of one size; question UP1-01 gets levels 1, 2, 2, 3, 4, 4.
    niveaus = ["1", "2", "2", "3", "4", "4"]
    for niveau in niveaus:
        gemeente = GemeenteFactory(grootteklasse=Grootteklasse.TOT_20K)
        _afgeronde_scan(gemeente, 2025, lambda v, n=niveau: n if v.sleutel == "UP1-01" else "3")
    # A seventh without consent and an eighth not finalised do not count.
    _afgeronde_scan(GemeenteFactory(), 2025, lambda v: "1", toestemming=False)
    ScanFactory(gemeente=GemeenteFactory(), periode=2025)
    _publiceer(2025)
    tabellen = _tabellen(
        client.get(
            reverse("vergelijken:checkvragen"),
            {"dimensie": "alle", "periode": 2025, "uitgangspunt": "UP1"},
        )
    )
    rijen = tabellen["Tabel: Alle gemeenten, periode 2025"]
    assert rijen[0][-4:] == ["Niveau 1", "Niveau 2", "Niveau 3", "Niveau 4"]
    eerste = next(rij for rij in rijen[1:] if rij[0].startswith("1. "))
    waarden = [int(n) for n in niveaus]
    assert eerste[1] == "6"
    assert eerste[2] == f"{median(waarden):.1f}".replace(".", ",")
    assert eerste[5] == f"{mean(waarden):.1f}".replace(".", ",")
    assert eerste[6:] == ["17%", "33%", "17%", "33%"]


def test_change_across_periods_is_the_difference_of_the_shown_figures(client, analist, kader):
    # Every question of a scan gets the same level, so each uitgangspunt score is that level.
    for periode, niveaus in ((2024, "12232"), (2025, "23343")):
        for niveau in niveaus:
            _afgeronde_scan(GemeenteFactory(), periode, lambda v, n=niveau: n)
        _publiceer(periode)
    tabellen = _tabellen(client.get(reverse("vergelijken:ontwikkeling")))
    rijen = next(t for c, t in tabellen.items() if c.startswith("Tabel: 1. "))
    assert rijen[0][-2:] == ["Verschil mediaan", "Verschil gemiddelde"]
    per_periode = {rij[0]: rij for rij in rijen[1:]}
    assert per_periode["2024"][2] == "2,0" and per_periode["2024"][-2:] == ["–", "–"]
    assert per_periode["2025"][2] == "3,0" and per_periode["2025"][-2:] == ["+1,0", "+1,0"]


def test_a_group_below_k_shows_nothing_not_even_its_count(client, analist, kader):
    for i in range(10):
        klasse = (
            GemeenteFactory(inwoners=5_000 + i) if i < 5 else GemeenteFactory(inwoners=30_000 + i)
        )
        _afgeronde_scan(klasse, 2025, lambda v, n=str(1 + i % 4): n)
    for i in range(2):
        _afgeronde_scan(GemeenteFactory(inwoners=60_000 + i), 2025, lambda v: "3")
    _publiceer(2025)
    tabellen = _tabellen(client.get(reverse("vergelijken:overzicht"), {"periode": 2025}))
    rijen = {
        r[0]: r[1:]
        for r in tabellen["Tabel: Deelnemende gemeenten per grootteklasse, periode 2025"]
    }
    assert rijen["50.000 tot 100.000 inwoners"] == [VERBORGEN]
    # 5 + 5 + 2 = 12: showing both classes of 5 would give the 2 away by subtraction.
    assert [VERBORGEN] in (rijen["tot 20.000 inwoners"], rijen["20.000 tot 50.000 inwoners"])
    assert rijen["Alle gemeenten"] == ["12"]


def test_without_a_ronde_the_pages_say_so_and_show_no_figures(client, analist, kader):
    for i in range(6):
        _afgeronde_scan(GemeenteFactory(), 2025, lambda v, n=str(1 + i % 4): n)
    for pagina in PAGINAS:
        response = client.get(reverse(f"vergelijken:{pagina}"))
        assert "Er is nog geen ronde gepubliceerd" in response.content.decode()
        assert _tabellen(response) == {}


def test_query_count_does_not_grow_with_the_number_of_gemeenten(
    client, analist, kader, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def tellingen():
        aantallen = []
        for pagina in PAGINAS:
            with CaptureQueriesContext(connection) as ctx:
                assert (
                    client.get(
                        reverse(f"vergelijken:{pagina}"), {"dimensie": "grootteklasse"}
                    ).status_code
                    == 200
                )
            aantallen.append(len(ctx.captured_queries))
        return aantallen

    for i in range(6):
        _afgeronde_scan(GemeenteFactory(), 2024, lambda v, n=str(1 + i % 4): n)
    _publiceer(2024)
    weinig = tellingen()
    for i in range(30):
        _afgeronde_scan(GemeenteFactory(), 2025, lambda v, n=str(1 + i % 4): n)
    _publiceer(2025)
    assert tellingen() == weinig  # now the newest ronde, 2025, with five times as many
    assert max(weinig) <= 12
