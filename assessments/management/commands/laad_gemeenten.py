from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from assessments.gemeenten.importeren import laad_gemeentelijst


class Command(BaseCommand):
    help = "Laadt de meegeleverde lijst van gemeenten (met inwonersaantallen). Kan vaker draaien."

    def add_arguments(self, parser):
        parser.add_argument(
            "bestand",
            nargs="?",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "gemeenten_2025.csv"),
        )

    def handle(self, bestand, **options):
        nieuw, gewijzigd = laad_gemeentelijst(Path(bestand))
        self.stdout.write(f"Gemeenten: {nieuw} toegevoegd, {gewijzigd} bijgewerkt.")
