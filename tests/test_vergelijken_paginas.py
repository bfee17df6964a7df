"""What the comparison pages show an analist beside the figures: a data table for every chart,
bad choices that fall back without being echoed, the anonymity rules once, and chart labels in
full."""

# ruff: noqa: F401, F811 (the fixtures come from the module of the comparison's figures)
import re

import pytest
from django.urls import reverse

from principles.models import CheckVraag

from .test_vergelijken import analist, historie

pytestmark = pytest.mark.django_db


def test_charts_come_with_a_data_table(client, analist, historie):
    for pagina in ("uitgangspunten", "checkvragen", "ontwikkeling"):
        html = client.get(
            reverse(f"vergelijken:{pagina}"), {"dimensie": "grootteklasse"}
        ).content.decode()
        assert html.count('role="img"') == html.count('<table class="utrecht-table">') > 0


def test_bad_choices_fall_back_and_are_not_echoed(client, analist, historie):
    response = client.get(
        reverse("vergelijken:checkvragen"),
        {"dimensie": "<script>x</script>", "periode": "abc", "uitgangspunt": "UP99"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>x</script>" not in html and "&lt;script&gt;x" not in html
    assert "van uitgangspunt 1" in html


def test_the_anonymity_rules_stand_in_full_on_the_overview_only(client, analist, historie):
    volledig = "Namen en uitkomsten van één gemeente ziet u nooit"
    overzicht = client.get(reverse("vergelijken:overzicht")).content.decode()
    assert overzicht.count(volledig) == 1
    assert 'id="anonimiteit"' in overzicht
    for pagina in ("uitgangspunten", "checkvragen", "ontwikkeling"):
        html = client.get(reverse(f"vergelijken:{pagina}")).content.decode()
        assert volledig not in html
        link = f'href="{reverse("vergelijken:overzicht")}#anonimiteit"'
        assert f"{link}>Hoe de cijfers anoniem blijven</a>" in html


def test_check_vraag_labels_are_wrapped_in_full_in_the_chart(client, analist, historie):
    html = client.get(
        reverse("vergelijken:checkvragen"), {"dimensie": "alle", "uitgangspunt": "UP1"}
    ).content.decode()
    grafiek = html[html.index("<svg") : html.index("</svg>")]
    labels = [
        " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", tekst))
        for tekst in re.findall(r"<text[^>]*>((?:<tspan[^>]*>[^<]*</tspan>)+)</text>", grafiek)
    ]
    vragen = CheckVraag.objects.filter(uitgangspunt__sleutel="UP1").order_by("volgorde")
    langste = max((v.tekst for v in vragen), key=len)
    assert len(langste) > 60
    assert any(label.endswith(langste) for label in labels)
    assert "…" not in grafiek
    assert "U bekijkt uitgangspunt 1. " in html
