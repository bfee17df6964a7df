from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.gemeenten.importeren import GemeentenBestandFout, importeer_cbs, lees_cbs


class Command(BaseCommand):
    help = (
        "Vernieuwt de lijst van gemeenten uit het CBS-bestand 'Gemeenten alfabetisch' (CSV). "
        "Bij een fout in het bestand verandert er niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="Pad naar het CSV-bestand van het CBS.")
        parser.add_argument(
            "--proef",
            action="store_true",
            help="Laat zien wat er zou veranderen, zonder iets op te slaan.",
        )

    def handle(self, bestand, proef, **options):
        pad = Path(bestand)
        if not pad.is_file():
            raise CommandError(f"Bestand {pad} bestaat niet.")
        try:
            resultaat = importeer_cbs(lees_cbs(pad.read_bytes()), dry_run=proef)
        except GemeentenBestandFout as exc:
            raise CommandError(
                "Het bestand is niet ingelezen; er is niets gewijzigd.\n" + "\n".join(exc.fouten)
            ) from exc
        voorvoegsel = "Proef, niets opgeslagen. " if proef else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{voorvoegsel}{len(resultaat.nieuw)} nieuw, {len(resultaat.gewijzigd)} gewijzigd, "
                f"{len(resultaat.opgeheven)} opgeheven, {resultaat.ongewijzigd} ongewijzigd."
            )
        )
        if resultaat.nieuw:
            self.stdout.write(
                "Nieuwe gemeenten hebben nog geen inwonersaantal en dus geen grootteklasse; "
                "vul dit aan in het beheer: " + ", ".join(resultaat.nieuw)
            )
