"""Backup and restore bring back every scan, answer, fixed score, plan, ronde and audit entry
exactly; a file that is not a backup changes nothing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command

from assessments.demodata import maak_demohistorie
from assessments.models import (
    Actie,
    Antwoord,
    Gemeente,
    Ontwikkelplan,
    Ronde,
    Scan,
    VastgesteldeScore,
)
from vit import backup

ROOT = Path(__file__).resolve().parent.parent


def _wis_alles():
    call_command("flush", "--no-input", verbosity=0)


@pytest.fixture
def gevulde_database(transactional_db, kader, gemeenten):
    maak_demohistorie(Gemeente.objects.get(code="GM0307"))
    scan = Scan.objects.filter(gemeente__code="GM0307", status=Scan.Status.AFGEROND).first()
    plan, _ = Ontwikkelplan.objects.get_or_create(scan=scan)
    up = scan.kaderversie.uitgangspunten.first()
    plan.focus.add(up)
    Actie.objects.create(plan=plan, uitgangspunt=up, omschrijving="Eén loket voor alle wetten")
    for model in (Scan, Antwoord, VastgesteldeScore, Ontwikkelplan, Actie, Ronde, LogEntry):
        assert model.objects.exists(), model  # the round trip below proves something for each


def test_a_restore_brings_back_every_table_exactly(gevulde_database, tmp_path, capsys):
    voor = backup.inhoud()
    pad = tmp_path / "vit.backup"
    call_command("maak_backup", str(pad))
    assert backup.samenvatting(voor) in capsys.readouterr().out

    _wis_alles()
    assert not Scan.objects.exists() and not LogEntry.objects.exists()

    call_command("herstel_backup", str(pad), "--zonder-vragen")
    na = backup.inhoud()
    assert na == voor
    assert "Backup teruggezet" in capsys.readouterr().out
    # The restored database is usable: new rows get fresh keys after the restored ones.
    scan = Scan.objects.order_by("-pk").first()
    nieuw = Scan.objects.create(
        gemeente=scan.gemeente, kaderversie=scan.kaderversie, titel="Na herstel", periode=2027
    )
    assert nieuw.pk > scan.pk


@pytest.mark.parametrize(
    "inhoud", [b"", b"geen backup\n", b"PGDMP" + b"\x00" * 40, b"SQLite format 3\x00" + b"x" * 200]
)
def test_a_file_that_is_no_backup_is_refused_in_dutch_and_changes_nothing(
    gevulde_database, tmp_path, inhoud
):
    voor = backup.inhoud()
    pad = tmp_path / "rommel.backup"
    pad.write_bytes(inhoud)
    with pytest.raises(CommandError, match="Er is niets veranderd"):
        call_command("herstel_backup", str(pad), "--zonder-vragen")
    assert backup.inhoud() == voor


def test_restore_asks_for_confirmation_and_stops_without_it(
    gevulde_database, tmp_path, monkeypatch
):
    pad = tmp_path / "vit.backup"
    call_command("maak_backup", str(pad))
    Scan.objects.filter(gemeente__code="GM0307").update(titel="Gewijzigd na de backup")
    monkeypatch.setattr("builtins.input", lambda vraag: "nee")
    with pytest.raises(CommandError, match="Niet teruggezet"):
        call_command("herstel_backup", str(pad))
    assert Scan.objects.filter(titel="Gewijzigd na de backup").exists()


def test_a_backup_into_a_missing_folder_says_so(transactional_db, tmp_path):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("maak_backup", str(tmp_path / "geen-map" / "vit.backup"))
    assert not (tmp_path / "geen-map").exists()


def test_the_round_trip_on_sqlite_through_the_commands(tmp_path):
    """The embedded default, as a newcomer runs it: its own file, the commands in a process."""
    omgeving = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'vit.sqlite3'}",
        "DJANGO_DEBUG": "1",
    }

    def beheer(*argumenten):
        uitkomst = subprocess.run(
            [sys.executable, "manage.py", *argumenten],
            cwd=ROOT,
            env=omgeving,
            capture_output=True,
            text=True,
            check=False,
        )
        assert uitkomst.returncode == 0, uitkomst.stderr
        return uitkomst.stdout

    beheer("migrate", "-v0")
    beheer("laad_kader")
    beheer("laad_gemeenten")
    beheer("maak_demo")
    gemaakt = beheer("maak_backup", str(tmp_path / "vit.backup"))
    controle = gemaakt.split("; ", 1)[1].rstrip(").\n")
    beheer("flush", "--no-input")
    leeg = beheer("maak_backup", str(tmp_path / "leeg.backup"))
    assert controle not in leeg
    teruggezet = beheer("herstel_backup", str(tmp_path / "vit.backup"), "--zonder-vragen")
    assert controle in teruggezet
    assert " 0 rijen" not in controle
