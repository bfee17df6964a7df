"""The PDF report: sections, Dutch text, embedded fonts, tagged, escaped, fetches nothing."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from assessments.models import Actie, Ambitie, Antwoord, Ontwikkelplan, VastgesteldeScore
from assessments.spiegel.inhoud import maak_spiegel
from assessments.spiegel.rapport import (
    HANDREIKINGEN_PER_FOCUS,
    WeigerAdres,
    beste_handreikingen,
    bijlage,
    maak_pdf,
    rapport_html,
    statisch_pad,
)
from principles.models import CheckVraag

from .factories import ScanFactory, coordinator, lezer, uitnodiging, vng_analist
from .otp import tweede_factor

pytestmark = pytest.mark.django_db

GEVAARLIJK = '<img src="file:///etc/passwd"><b>vet</b>'


@pytest.fixture
def scan(kader):
    scan = ScanFactory()
    vragen = list(CheckVraag.objects.filter(uitgangspunt__versie=kader))
    for i, vraag in enumerate(vragen):
        VastgesteldeScore.objects.create(scan=scan, checkvraag=vraag, waarde=str(1 + i % 4))
    for up in kader.uitgangspunten.all():
        Ambitie.objects.create(scan=scan, uitgangspunt=up, niveau=4)
    respondent, _ = uitnodiging(scan, perspectief="inwoner", naam="Naam Die Niet Mag")
    Antwoord.objects.create(
        respondent=respondent, checkvraag=vragen[0], waarde="2", toelichting=GEVAARLIJK
    )
    plan = Ontwikkelplan.objects.create(
        scan=scan, voorstel_aan_college="Het college besluit tot één loket."
    )
    plan.focus.set(kader.uitgangspunten.filter(sleutel__in=["UP1", "UP6"]))
    Actie.objects.create(
        plan=plan,
        uitgangspunt=kader.uitgangspunten.get(sleutel="UP6"),
        omschrijving="Eén aanspreekpunt per huishouden",
        eigenaar="Teamleider",
        planning="2027",
        succescriterium="Inwoners noemen één naam",
    )
    return scan


@pytest.fixture
def pdf(scan):
    return PdfReader(io.BytesIO(maak_pdf(scan, maak_spiegel(scan))))


def _tekst(reader):
    """All text, with line breaks and runs of spaces made single spaces."""
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_pdf_has_a_sane_number_of_pages_and_every_section(pdf, scan):
    assert 6 <= len(pdf.pages) <= 30
    tekst = _tekst(pdf)
    for kop in [
        "Bestuurlijke samenvatting",
        "Inhoud",
        "Resultaten per basisfunctionaliteit",
        "De perspectieven",
        "Per uitgangspunt",
        "Ontwikkelplan",
        "Handreikingen die helpen",
        "Verantwoording",
        "Bijlage: handreikingen",
    ]:
        assert kop in tekst, kop
    assert f"Gemeente {scan.gemeente.naam}" in tekst
    assert "Pagina 2 van" in tekst


def test_dutch_characters_survive(pdf):
    tekst = _tekst(pdf)
    assert "cliëntvertegenwoordiging" in tekst
    assert "Eén aanspreekpunt per huishouden" in tekst


def test_the_chart_legend_is_one_line_without_bullets(pdf):
    """The legend of the bar chart reads as one line of swatches, not as a bulleted list."""
    regels = [r for p in pdf.pages for r in p.extract_text().splitlines()]
    legenda = next(r for r in regels if "niveau 1 (" in r)
    for niveau in ("niveau 2 (", "niveau 3 (", "niveau 4 ("):
        assert niveau in legenda, legenda
    assert "•" not in legenda


def test_fonts_are_embedded_and_the_document_is_tagged(pdf):
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "nl"
    fonts = set()
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            beschrijving = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            beschrijving = beschrijving.get_object()
            assert any(k in beschrijving for k in ("/FontFile", "/FontFile2", "/FontFile3")), font[
                "/BaseFont"
            ]
            fonts.add(str(font["/BaseFont"]))
    assert any("Source-Sans-3" in f for f in fonts)


def test_html_in_a_toelichting_shows_as_text_and_names_never_appear(pdf, scan):
    tekst = _tekst(pdf).replace(" ", "")
    assert '<imgsrc="file:///etc/passwd"><b>vet</b>' in tekst
    assert "NaamDieNietMag" not in tekst
    html = rapport_html(scan, maak_spiegel(scan))
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html


def test_the_renderer_fetches_only_static_files():
    for adres in [
        "file:///etc/passwd",
        "http://example.org/x.png",
        "https://rapport.vit.invalid/static/../../settings.py",
        "https://rapport.vit.invalid/geheim",
    ]:
        with pytest.raises(WeigerAdres):
            statisch_pad(adres)
    assert statisch_pad("https://rapport.vit.invalid/static/vit/rapport/rapport.css").endswith(
        "rapport.css"
    )


def test_the_pdf_download_is_for_the_own_gemeente_only(client, scan):
    client.force_login(lezer(scan.gemeente))
    response = client.get(reverse("scans:rapport-pdf", args=[scan.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    for user in (coordinator(), vng_analist()):
        tweede_factor(client, user)
        assert client.get(reverse("scans:rapport-pdf", args=[scan.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("scans:rapport-pdf", args=[scan.pk])).status_code == 302


def _deel(html, begin, eind=None):
    start = html.index(begin)
    return html[start : html.index(eind, start) if eind else None]


def test_every_handreiking_is_once_in_the_appendix_with_its_uitgangspunten(scan, kader):
    html = rapport_html(scan, maak_spiegel(scan))
    appendix = _deel(html, 'id="bijlage-handreikingen"', "</section>")
    voor_appendix = html[: html.index('id="bijlage-handreikingen"')]
    handreikingen = list(kader.handreikingen.prefetch_related("uitgangspunten"))
    assert len(handreikingen) == 17
    for hr in handreikingen:
        assert appendix.count(f'href="{hr.url}"') == 1, hr.titel
        assert f'href="{hr.url}"' not in voor_appendix  # links only once, in the appendix
        item = _deel(appendix, f"<strong>{hr.titel}</strong>", "</li>")
        helpt = _deel(item, "Helpt bij:", "</span>")
        for up in kader.uitgangspunten.all():
            assert (up.naam in helpt) == (up in hr.uitgangspunten.all()), (hr.titel, up.naam)
    nummers = [r.nummer for r in bijlage(scan, maak_spiegel(scan))]
    assert nummers == list(range(1, 18))


def test_per_focuspunt_at_most_three_handreikingen_and_that_of_an_action_first(scan, kader):
    up6 = kader.uitgangspunten.get(sleutel="UP6")
    # The most widely linked handreiking of UP6 would come last on its own merits.
    breed = max(up6.handreikingen.all(), key=lambda h: (h.uitgangspunten.count(), h.titel))
    Actie.objects.filter(uitgangspunt=up6).update(handreiking=breed)
    spiegel = maak_spiegel(scan)
    html = rapport_html(scan, spiegel)
    plan = _deel(html, 'id="ontwikkelplan"', "</section>")
    blokken = plan.split('<div class="focuspunt">')[1:]
    assert [b.split("<h3>")[1].split("</h3>")[0] for b in blokken] == [
        kader.uitgangspunten.get(sleutel="UP1").naam,
        up6.naam,
    ]
    for blok in blokken:
        lijst = _deel(blok, '<ul class="hulp">', "</ul>")
        assert 1 <= lijst.count("<li>") <= HANDREIKINGEN_PER_FOCUS
    assert "Eén aanspreekpunt per huishouden" in blokken[1]
    assert "Eén aanspreekpunt per huishouden" not in blokken[0]
    eerste = _deel(blokken[1], '<ul class="hulp">', "</ul>").split("<li>")[1]
    assert breed.titel in eerste and "gebruikt bij een actie" in eerste
    # Without an action the most specific come first: fewest other uitgangspunten.
    u1 = next(u for u in spiegel.uitgangspunten if u.up.sleutel == "UP1")
    hulp = beste_handreikingen(u1, [], bijlage(scan, spiegel))
    assert [h.ook_bij for h in hulp] == sorted(h.ook_bij for h in hulp)
    alle = sorted(h.uitgangspunten.count() - 1 for h in u1.up.handreikingen.all())
    assert [h.ook_bij for h in hulp] == alle[:HANDREIKINGEN_PER_FOCUS]


def test_free_text_of_the_plan_is_escaped_and_an_action_off_focus_is_kept(scan, kader):
    plan = Ontwikkelplan.objects.get(scan=scan)
    plan.voorstel_aan_college = "<script>alert(1)</script> besluit"
    plan.save()
    Actie.objects.create(
        plan=plan,
        uitgangspunt=kader.uitgangspunten.get(sleutel="UP4"),
        omschrijving='<img src="x"> scholing',
        eigenaar="<b>HR</b>",
        planning="2027",
        succescriterium="Iedereen geschoold",
    )
    html = rapport_html(scan, maak_spiegel(scan))
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src="x">' not in html and "&lt;img src=&quot;x&quot;&gt; scholing" in html
    assert "&lt;b&gt;HR&lt;/b&gt;" in html
    overige = _deel(html, "<h3>Overige acties</h3>", "</table>")
    assert "scholing" in overige and kader.uitgangspunten.get(sleutel="UP4").naam in overige


def test_without_a_plan_the_handreikingen_follow_the_ontwikkelpunten(scan):
    Ontwikkelplan.objects.filter(scan=scan).delete()
    spiegel = maak_spiegel(scan)
    html = rapport_html(scan, spiegel)
    plan = _deel(html, 'id="ontwikkelplan"', "</section>")
    assert "Er zijn nog geen focuspunten gekozen" in plan
    koppen = [
        b.split("<h3>")[1].split("</h3>")[0] for b in plan.split('<div class="focuspunt">')[1:]
    ]
    assert koppen == [u.up.naam for u in spiegel.ontwikkelpunten] and koppen
    assert "Overige acties" not in plan
