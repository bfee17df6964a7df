from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vit import backup


class Command(BaseCommand):
    help = (
        "Zet een backup van maak_backup terug: alles in de database wordt vervangen door de "
        "inhoud van de backup. Stop eerst de webprocessen en de achtergrondtaken."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad", type=Path, help="De backup die terug moet.")
        parser.add_argument(
            "--zonder-vragen",
            action="store_true",
            help="Niet om bevestiging vragen (voor scripts).",
        )

    def handle(self, pad, zonder_vragen=False, **options):
        if not zonder_vragen:
            antwoord = input(
                "Alles in de database wordt vervangen door de backup. "
                "Typ 'herstel' om door te gaan: "
            )
            if antwoord.strip().lower() != "herstel":
                raise CommandError("Niet teruggezet: u heeft niet 'herstel' getypt.")
        try:
            backup.herstel(pad)
        except backup.BackupFout as exc:
            raise CommandError(f"{exc} Er is niets veranderd.") from exc
        self.stdout.write(f"Backup teruggezet: {pad} ({backup.samenvatting(backup.inhoud())}).")
        self.stdout.write(
            "Was de backup van een oudere versie van VIT? Voer dan nog "
            "'python manage.py migrate' uit."
        )
