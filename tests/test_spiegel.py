"""The spiegel: scores, ambitions, perspectives, comparison and who may see it."""

import re

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
    # Bars, radar and perspectives: three charts; the small legend swatches are hidden.
    assert html.count('role="img"') == 3
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


def _spiegel_html(client, scan):
    client.force_login(lezer(scan.gemeente))
    return client.get(reverse("scans:spiegel", args=[scan.pk])).content.decode()


def _met_antwoorden(scan):
    """Two perspectives answer every question differently, so every chart has data."""
    vragen = list(CheckVraag.objects.filter(uitgangspunt__versie=scan.kaderversie))
    for perspectief, waarde in (("bestuur", "4"), ("inwoner", "1")):
        respondent, _ = uitnodiging(scan, perspectief=perspectief)
        Antwoord.objects.bulk_create(
            Antwoord(respondent=respondent, checkvraag=v, waarde=waarde) for v in vragen
        )


def test_the_table_of_contents_links_to_sections_that_exist(client, kader):
    scan = ScanFactory()
    _vul(scan, {})
    html = _spiegel_html(client, scan)
    begin = html.index('<nav class="vit-inhoudsopgave" aria-label="Op deze pagina">')
    nav = html[begin : html.index("</nav>", begin)]
    doelen = re.findall(r'href="#([^"]+)"', nav)
    assert len(doelen) >= 7
    for doel in doelen:
        assert html.count(f'id="{doel}"') == 1, doel
    # It stands near the top: before the first section.
    assert begin < html.index('id="in-het-kort"')


def test_charts_and_scores_come_before_the_handreikingen(client, kader):
    scan = ScanFactory()
    _vul(scan, {})
    _met_antwoorden(scan)
    html = _spiegel_html(client, scan)
    handreikingen = html.index('id="hulp-kop"')
    for eerder in ('id="staaf-titel"', 'id="tabel-scores"', 'id="perspectieven-titel"'):
        assert html.index(eerder) < handreikingen, eerder
    assert handreikingen < html.index('id="per-uitgangspunt"')


def test_handreikingen_fold_per_uitgangspunt_with_their_count(client, kader):
    scan = ScanFactory()
    _vul(scan, {})
    html = _spiegel_html(client, scan)
    spiegel = maak_spiegel(scan)
    blok = html[html.index('id="hulp-kop"') : html.index('id="per-uitgangspunt"')]
    groepen = re.findall(r"<details([^>]*)>\s*<summary>(.*?)</summary>", blok, re.S)
    assert len(groepen) == len(spiegel.ontwikkelpunten)
    for (attributen, samenvatting), u in zip(groepen, spiegel.ontwikkelpunten, strict=True):
        assert "open" not in attributen  # closed until someone opens it
        aantal = len(u.handreikingen)
        assert u.up.naam in samenvatting
        assert f"({aantal} handreiking{'en' if aantal != 1 else ''})" in samenvatting
    # The card of every uitgangspunt folds its handreikingen too.
    kaarten = html[html.index('id="per-uitgangspunt"') :]
    assert kaarten.count('<details class="vit-details vit-handreikingen">') == len(
        spiegel.uitgangspunten
    )


def test_the_headline_figure_is_said_in_words_and_the_formula_is_folded(client, kader):
    scan = ScanFactory()
    _vul(scan, {"UP1": ["4", "4", "4", "4", "4"]}, ambities={"UP1": 4})
    html = _spiegel_html(client, scan)
    percentage = f"{maak_spiegel(scan).percentage_ambitie}".replace(".", ",")
    kern = re.search(r'<p class="utrecht-paragraph vit-kerncijfer">(.*?)</p>', html, re.S).group(1)
    assert f"<strong>{percentage}%</strong> van de ambitie is bereikt." == kern.strip()
    assert "som van de gaten" not in kern
    toelichting = html[html.index("<summary>Hoe rekenen we dit uit?</summary>") :]
    toelichting = toelichting[: toelichting.index("</details>")]
    assert "1 − (som van de gaten ÷ som van de ambities)" in toelichting
    assert "1 min de som" not in html


def test_the_rule_for_strong_and_development_points_is_explained_beside_the_lists(client, kader):
    scan = ScanFactory()
    _vul(scan, {})
    html = _spiegel_html(client, scan)
    regel = html.index('id="regel-punten"')
    assert html.index('id="in-het-kort"') < regel < html.index('id="sterk"')
    zin = html[regel : html.index("</p>", regel)]
    assert "verst onder uw eigen ambitie" in zin and "niet per se de laagste scores" in zin
    assert "hoogste scores van de uitgangspunten die overblijven" in zin


def test_chart_labels_are_wrapped_never_cut(client, kader):
    scan = ScanFactory()
    _vul(scan, {})
    lang = "Een heel lang uitgangspunt dat nooit op één regel past in een smalle grafiek"
    scan.kaderversie.uitgangspunten.filter(sleutel="UP1").update(korte_titel=lang)
    html = _spiegel_html(client, scan)
    begin = html.index('id="staaf-titel"')
    staaf = html[begin : html.index("</svg>", begin)]
    label = re.search(r"<text[^>]*>((?:<tspan[^>]*>[^<]*</tspan>)+)</text>", staaf).group(1)
    regels = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", label)
    assert len(regels) > 1
    assert " ".join(regels) == f"1. {lang}"
    assert "…" not in staaf
    # The colours of the bars are explained in a legend under the chart.
    assert "niveau 1 (score lager dan 1,5)" in html and "niveau 4 (3,5 of hoger)" in html


def test_the_perspectives_chart_marks_each_perspective_with_a_legend(client, kader):
    scan = ScanFactory()
    _vul(scan, {})
    _met_antwoorden(scan)
    html = _spiegel_html(client, scan)
    begin = html.index('id="perspectieven-titel"')
    grafiek = html[begin : html.index("</figure>", begin)]
    legenda = grafiek[grafiek.index('<ul class="vit-legenda"') :]
    assert "Bestuur" in legenda and "Inwoner" in legenda
    # Per uitgangspunt a band from the lowest (1) to the highest (4) perspective.
    assert grafiek.count('fill="#e6f0f5"') == len(maak_spiegel(scan).uitgangspunten) + 1
    # The table with the same figures follows the chart.
    assert html.index("</figure>", begin) < html.index('id="tabel-perspectieven"')


def test_every_table_scrolls_in_its_own_labelled_region(client, kader):
    scan = ScanFactory()
    _vul(scan, {})
    _met_antwoorden(scan)
    html = _spiegel_html(client, scan)
    regios = re.findall(
        r'<div class="vit-table-scroll" role="region" aria-labelledby="([^"]+)" tabindex="0">'
        r"\s*<table[^>]*>\s*<caption[^>]*id=\"([^\"]+)\"",
        html,
    )
    assert len(regios) == html.count("<table") > 5
    assert all(label == caption for label, caption in regios)


def test_basisfunctionaliteiten_are_named(client, kader):
    scan = ScanFactory()
    _vul(scan, {})
    html = _spiegel_html(client, scan)
    for bf in maak_spiegel(scan).basisfunctionaliteiten:
        assert f'<th class="utrecht-table__header-cell" scope="row">{bf.naam}</th>' in html
        assert bf.naam.startswith(f"{bf.volgorde}. ")
