"""A backup of the whole database and its restore: pg_dump and pg_restore on PostgreSQL, SQLite's
own backup API on SQLite. A backup is written under a temporary name and renamed when complete,
so a failed run never leaves a half file under the asked name. `inhoud` gives the rows and a
checksum per table, to show that a restore brought back exactly what was saved."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.apps import apps
from django.db import connection

PG_KOP = b"PGDMP"
SQLITE_KOP = b"SQLite format 3\x00"


class BackupFout(Exception):
    """Something the person running the command must know and can act on (in Dutch)."""


def soort() -> str:
    if connection.vendor == "postgresql":
        return "postgresql"
    if connection.vendor == "sqlite":
        return "sqlite"
    raise BackupFout(f"Backups worden niet ondersteund voor database-soort {connection.vendor}.")


def maak(pad: Path) -> None:
    pad = Path(pad)
    if not pad.parent.is_dir():
        raise BackupFout(f"De map {pad.parent} bestaat niet.")
    fd, tijdelijk = tempfile.mkstemp(prefix=f".{pad.name}.", dir=pad.parent)
    os.close(fd)
    try:
        if soort() == "postgresql":
            _pg("pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", tijdelijk)
        else:
            connection.ensure_connection()
            doel = sqlite3.connect(tijdelijk)
            try:
                connection.connection.backup(doel)
            finally:
                doel.close()
        os.replace(tijdelijk, pad)
    finally:
        if os.path.exists(tijdelijk):
            os.unlink(tijdelijk)


def herstel(pad: Path) -> None:
    """Replace everything in the database by the backup. The file is checked first; a file that
    is not a backup of this kind of database changes nothing."""
    pad = Path(pad)
    if not pad.is_file():
        raise BackupFout(f"Het bestand {pad} bestaat niet.")
    with pad.open("rb") as f:
        kop = f.read(16)
    if soort() == "postgresql":
        if not kop.startswith(PG_KOP):
            raise BackupFout(
                f"{pad} is geen backup van een PostgreSQL-database (gemaakt met maak_backup)."
            )
        _pg("pg_restore", "--list", str(pad), met_database=False)  # its table of contents reads
        connection.close()  # no open transaction of ours may hold a lock during the restore
        _pg(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(pad),
            database_als="-d",
        )
        return
    if kop != SQLITE_KOP:
        raise BackupFout(f"{pad} is geen backup van een SQLite-database (gemaakt met maak_backup).")
    bron = sqlite3.connect(f"file:{pad}?mode=ro", uri=True)
    try:
        try:
            controle = bron.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise BackupFout(f"{pad} is beschadigd en kan niet worden teruggezet.") from exc
        if controle != "ok":
            raise BackupFout(f"{pad} is beschadigd en kan niet worden teruggezet ({controle}).")
        connection.ensure_connection()
        bron.backup(connection.connection)
    finally:
        bron.close()


def inhoud() -> dict[str, tuple[int, str]]:
    """Per table of the application: the number of rows and a checksum over all their values."""
    tabellen = set(connection.introspection.table_names())
    uitkomst = {}
    for model in apps.get_models(include_auto_created=True):
        tabel = model._meta.db_table
        if not model._meta.managed or tabel not in tabellen or tabel in uitkomst:
            continue
        kolommen = [f.column for f in model._meta.concrete_fields]
        som = hashlib.sha256()
        aantal = 0
        qn = connection.ops.quote_name
        # Names from the models, quoted by the backend; no value from outside reaches the SQL.
        sql = f"SELECT {', '.join(map(qn, kolommen))} FROM {qn(tabel)} ORDER BY {qn(kolommen[0])}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql)
            for rij in cursor:
                som.update(repr(rij).encode())
                aantal += 1
        uitkomst[tabel] = (aantal, som.hexdigest())
    return uitkomst


def samenvatting(tabellen: dict[str, tuple[int, str]]) -> str:
    regels = "".join(f"{t}{n}{s}" for t, (n, s) in sorted(tabellen.items()))
    totaal = hashlib.sha256(regels.encode())
    rijen = sum(n for n, _ in tabellen.values())
    return f"{len(tabellen)} tabellen, {rijen} rijen, controlegetal {totaal.hexdigest()[:16]}"


def _programma(naam: str) -> str:
    """The client tools of the server's own major version when they are installed (a pg_dump
    older than the server refuses to dump it), else the ones on the PATH."""
    connection.ensure_connection()
    hoofdversie = connection.pg_version // 10000
    for kandidaat in (
        Path(os.environ.get("VIT_PG_BIN", "")) / naam,
        Path(f"/usr/lib/postgresql/{hoofdversie}/bin/{naam}"),
    ):
        if kandidaat.name == naam and kandidaat.is_file() and os.access(kandidaat, os.X_OK):
            return str(kandidaat)
    gevonden = shutil.which(naam)
    if not gevonden:
        raise BackupFout(f"{naam} is niet gevonden. Installeer de PostgreSQL-clientprogramma's.")
    return gevonden


def _pg(naam: str, *argumenten: str, met_database: bool = True, database_als: str = "") -> None:
    # The live connection's own parameters (however the settings spell host and port).
    connection.ensure_connection()
    info = connection.connection.info
    omgeving = dict(os.environ)
    for waarde, variabele in (
        (info.host, "PGHOST"),
        (info.port, "PGPORT"),
        (info.user, "PGUSER"),
        (info.password, "PGPASSWORD"),
    ):
        if waarde:
            omgeving[variabele] = str(waarde)
    opdracht = [_programma(naam), *argumenten]
    if met_database:
        opdracht += [database_als, info.dbname] if database_als else [info.dbname]
    uitkomst = subprocess.run(  # noqa: S603 (our own arguments, no shell)
        opdracht, env=omgeving, capture_output=True, text=True, check=False
    )
    if uitkomst.returncode != 0:
        melding = (uitkomst.stderr or uitkomst.stdout).strip().splitlines()
        raise BackupFout(f"{naam} is mislukt: {melding[-1] if melding else 'geen melding'}")
