"""A handreiking that is a source document without an address (version 2 lists the seed
documents so) shows its title and source as text in the spiegel and the PDF, never as an
empty link."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessments.spiegel.inhoud import maak_spiegel
from assessments.spiegel.rapport import rapport_html
from principles.loader import laad_kader
from principles.models import Handreiking

from .factories import ScanFactory, coordinator

pytestmark = pytest.mark.django_db
V2 = Path(__file__).resolve().parent.parent / "fixtures" / "kader_v2.json"


def test_a_handreiking_without_address_is_shown_with_its_source(client, kader):
    versie, _ = laad_kader(V2)
    zonder = Handreiking.objects.filter(versie=versie, url="").first()
    assert zonder is not None and zonder.bron
    scan = ScanFactory(kaderversie=versie)
    client.force_login(coordinator(scan.gemeente))
    html = client.get(reverse("scans:spiegel", args=[scan.pk])).content.decode()
    assert zonder.titel in html
    assert f"Bron: {escape(zonder.bron)}" in html
    assert 'href=""' not in html
    pdf_html = rapport_html(scan, maak_spiegel(scan))
    assert 'href=""' not in pdf_html
