"""The list of gemeenten and its renewal from the CBS file."""

import csv
import io
import re

import pytest
from django.core.management import CommandError, call_command

from assessments.gemeenten.importeren import GemeentenBestandFout, importeer_cbs, lees_cbs
from assessments.models import Gemeente, Grootteklasse, Provincie

pytestmark = pytest.mark.django_db

KOP = "Gemeentecode;GemeentecodeGM;Gemeentenaam;Provinciecode;ProvinciecodePV;Provincienaam"


def cbs_bestand(gemeenten, scheiding=";") -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=scheiding, lineterminator="\n")
    schrijver.writerow(KOP.split(";"))
    for g in gemeenten:
        schrijver.writerow([g.code[2:], g.code, g.naam, "20", "PV20", g.provincie])
    return uit.getvalue().encode("utf-8")


def test_342_gemeenten_with_valid_unique_codes(gemeenten):
    alle = list(Gemeente.objects.all())
    assert len(alle) == 342
    codes = [g.code for g in alle]
    assert all(re.fullmatch(r"GM\d{4}", c) for c in codes)
    assert len(set(codes)) == 342
    assert len({g.naam for g in alle}) == 342
    assert {g.provincie for g in alle} == set(Provincie.values)
    assert all(g.grootteklasse for g in alle), "every gemeente has an inhabitants class"


def test_known_gemeenten_have_the_right_code_provincie_and_class(gemeenten):
    amsterdam = Gemeente.objects.get(code="GM0363")
    assert (amsterdam.naam, amsterdam.provincie) == ("Amsterdam", "Noord-Holland")
    assert amsterdam.grootteklasse == Grootteklasse.VANAF_100K
    assert Gemeente.objects.get(code="GM0014").naam == "Groningen"
    assert (
        Gemeente.objects.get(code="GM0088").grootteklasse == Grootteklasse.TOT_20K
    )  # Schiermonnikoog
    assert {g.grootteklasse for g in Gemeente.objects.all()} == set(Grootteklasse.values)


def test_loading_the_list_twice_changes_nothing(gemeenten):
    from assessments.gemeenten.importeren import laad_gemeentelijst

    from .conftest import GEMEENTEN_BESTAND

    assert laad_gemeentelijst(GEMEENTEN_BESTAND) == (0, 0)
    assert Gemeente.objects.count() == 342


def test_cbs_import_adds_renames_and_marks_merged_gemeenten(gemeenten):
    alle = list(Gemeente.objects.order_by("code"))
    weg = alle[0]
    hernoemd = alle[1]
    hernoemd.naam = "Nieuwe Naam"
    nieuw = Gemeente(code="GM1999", naam="Fusiegemeente", provincie="Utrecht")
    inhoud = cbs_bestand([hernoemd, *alle[2:], nieuw])

    resultaat = importeer_cbs(lees_cbs(inhoud))

    assert resultaat.nieuw == ["GM1999"]
    assert resultaat.gewijzigd == [hernoemd.code]
    assert resultaat.opgeheven == [weg.code]
    assert Gemeente.objects.get(code="GM1999").naam == "Fusiegemeente"
    assert Gemeente.objects.get(code=hernoemd.code).naam == "Nieuwe Naam"
    assert not Gemeente.objects.get(code=weg.code).actief  # kept for old scans, not active


def _staat():
    return list(
        Gemeente.objects.order_by("code").values_list("code", "naam", "provincie", "actief")
    )


@pytest.mark.parametrize(
    ("bewerk", "melding"),
    [
        (lambda t: t.replace("GemeentecodeGM;", "Code;"), "ontbreken"),
        (lambda t: t.replace("GM0363", "GX0363"), "geen geldige gemeentecode"),
        (lambda t: t.replace("Noord-Holland", "Noord-Hollandt", 1), "onbekende provincie"),
        (lambda t: t + t.splitlines()[5] + "\n", "twee keer"),
        (lambda t: t.replace(";Amsterdam;", ";;"), "gemeentenaam ontbreekt"),
        (lambda t: "\n".join(t.splitlines()[:100]), "mist"),
        (lambda t: "", "leeg"),
    ],
)
def test_a_malformed_cbs_file_is_refused_and_changes_nothing(gemeenten, tmp_path, bewerk, melding):
    voor = _staat()
    tekst = cbs_bestand(Gemeente.objects.order_by("code")).decode()
    pad = tmp_path / "gemeenten.csv"
    pad.write_text(bewerk(tekst), encoding="utf-8")

    with pytest.raises(CommandError) as fout:
        call_command("importeer_gemeenten", str(pad))

    assert "niets gewijzigd" in str(fout.value)
    assert melding in str(fout.value)
    assert _staat() == voor


def test_a_binary_file_is_refused_with_a_clear_message():
    with pytest.raises(GemeentenBestandFout, match="geen CBS-bestand|geen tekstbestand"):
        lees_cbs(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_cbs_file_with_comma_separator_and_bom_is_read(gemeenten):
    tekst = cbs_bestand(Gemeente.objects.order_by("code"), scheiding=",").decode()
    rijen = lees_cbs("\ufeff".encode() + tekst.encode())
    assert len(rijen) == 342
    assert {r.code for r in rijen} == set(Gemeente.objects.values_list("code", flat=True))


def test_dry_run_shows_changes_without_saving(gemeenten, tmp_path, capsys):
    alle = list(Gemeente.objects.order_by("code"))
    pad = tmp_path / "g.csv"
    pad.write_bytes(
        cbs_bestand([*alle, Gemeente(code="GM1998", naam="Proef", provincie="Zeeland")])
    )
    call_command("importeer_gemeenten", str(pad), "--proef")
    assert "1 nieuw" in capsys.readouterr().out
    assert not Gemeente.objects.filter(code="GM1998").exists()


def _tekst(gemeenten) -> str:
    return cbs_bestand(gemeenten).decode("utf-8")


def test_an_excel_unicode_file_with_byte_order_mark_is_read(gemeenten):
    alle = list(Gemeente.objects.order_by("code"))
    rijen = lees_cbs(_tekst(alle).encode("utf-16"))
    assert [r.code for r in rijen] == [g.code for g in alle]
    assert [r.naam for r in rijen] == [g.naam for g in alle]  # accents survive


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (lambda t: t.encode("utf-16-le"), "nul-tekens"),  # UTF-16 without its mark
        (lambda t: t.replace("Amsterdam", "Amster\x00dam").encode("utf-8"), "nul-tekens"),
        (lambda t: t.replace("Amsterdam", "A" * 5000).encode("utf-8"), "5000 tekens lang"),
        (lambda t: t.replace("Amsterdam", '"Amsterdam').encode("utf-8"), "Regel"),
    ],
)
def test_a_malformed_file_gets_a_dutch_list_and_changes_nothing(
    gemeenten, tmp_path, inhoud, melding
):
    alle = list(Gemeente.objects.order_by("code"))
    voor = list(Gemeente.objects.order_by("code").values_list("code", "naam", "actief"))
    bestand = tmp_path / "gemeenten.csv"
    bestand.write_bytes(inhoud(_tekst(alle)))
    with pytest.raises(CommandError) as fout:
        call_command("importeer_gemeenten", str(bestand))
    assert "er is niets gewijzigd" in str(fout.value)
    assert melding in str(fout.value)
    assert list(Gemeente.objects.order_by("code").values_list("code", "naam", "actief")) == voor
