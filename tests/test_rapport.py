"""The PDF report: sections, Dutch text, embedded fonts, tagged, escaped, fetches nothing."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from assessments.models import Actie, Ambitie, Antwoord, Ontwikkelplan, VastgesteldeScore
from assessments.spiegel.inhoud import maak_spiegel
from assessments.spiegel.rapport import WeigerAdres, maak_pdf, rapport_html, statisch_pad
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
        "Handreikingen",
        "Verantwoording",
    ]:
        assert kop in tekst, kop
    assert f"Gemeente {scan.gemeente.naam}" in tekst
    assert "Pagina 2 van" in tekst


def test_dutch_characters_survive(pdf):
    tekst = _tekst(pdf)
    assert "cliëntvertegenwoordiging" in tekst
    assert "Eén aanspreekpunt per huishouden" in tekst


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
