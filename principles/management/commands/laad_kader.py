from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from principles.loader import KaderBestandFout, kaderbestanden, laad_kader


class Command(BaseCommand):
    help = (
        "Laadt het kader uit JSON. Zonder bestand: elk fixtures/kader_v<nummer>.json, "
        "laagste nummer eerst. Een versie die er al is, blijft ongemoeid."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", nargs="?", help="Eén kaderbestand (JSON).")
        parser.add_argument(
            "--concept", action="store_true", help="Laad als concept in plaats van gepubliceerd."
        )

    def handle(self, bestand, concept, **options):
        if bestand:
            bestanden = [Path(bestand)]
        else:
            bestanden = kaderbestanden(Path(settings.BASE_DIR) / "fixtures")
            if not bestanden:
                raise CommandError("Er staat geen fixtures/kader_v<nummer>.json; niets geladen.")
        for pad in bestanden:
            self._laad(pad, concept)

    def _laad(self, pad: Path, concept: bool) -> None:
        try:
            versie, nieuw = laad_kader(pad, publiceer=not concept)
        except KaderBestandFout as exc:
            raise CommandError(
                f"Het kader is niet geladen; er is niets gewijzigd. (Bestand: {pad.name})\n"
                + "\n".join(f"- {fout}" for fout in exc.fouten)
            ) from exc
        if nieuw:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Kaderversie {versie.nummer} geladen: {versie.uitgangspunten.count()} "
                    f"uitgangspunten, {versie.handreikingen.count()} handreikingen, "
                    f"{versie.perspectieven.count()} perspectieven, "
                    f"{versie.begrippen.count()} begrippen."
                )
            )
        else:
            self.stdout.write(f"Kaderversie {versie.nummer} stond er al; niets gewijzigd.")
