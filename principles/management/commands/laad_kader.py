from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from principles.loader import KaderBestandFout, laad_kader


class Command(BaseCommand):
    help = (
        "Laadt een versie van het kader uit een JSON-bestand. "
        "Een bestaande versie blijft ongemoeid."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "bestand",
            nargs="?",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "kader_v1.json"),
        )
        parser.add_argument(
            "--concept", action="store_true", help="Laad als concept in plaats van gepubliceerd."
        )

    def handle(self, bestand, concept, **options):
        try:
            versie, nieuw = laad_kader(Path(bestand), publiceer=not concept)
        except KaderBestandFout as exc:
            raise CommandError(
                "Het kader is niet geladen; er is niets gewijzigd.\n"
                + "\n".join(f"- {fout}" for fout in exc.fouten)
            ) from exc
        if nieuw:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Kaderversie {versie.nummer} geladen: {versie.uitgangspunten.count()} "
                    f"uitgangspunten, {versie.handreikingen.count()} handreikingen."
                )
            )
        else:
            self.stdout.write(f"Kaderversie {versie.nummer} stond er al; niets gewijzigd.")
