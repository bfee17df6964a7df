from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vit import backup


class Command(BaseCommand):
    help = (
        "Maakt een backup van de hele database in PAD (PostgreSQL: pg_dump, eigen formaat; "
        "SQLite: een kopie via de backup-functie van SQLite). "
        "Kan draaien terwijl VIT in gebruik is."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad", type=Path, help="Bestand waarin de backup komt.")

    def handle(self, pad, **options):
        try:
            backup.maak(pad)
        except backup.BackupFout as exc:
            raise CommandError(str(exc)) from exc
        grootte = pad.stat().st_size / 1_000_000
        self.stdout.write(
            f"Backup gemaakt: {pad} ({grootte:.1f} MB; {backup.samenvatting(backup.inhoud())})."
        )
