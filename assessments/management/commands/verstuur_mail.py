import logging
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from assessments.scans.bewaren import ruim_op_als_het_tijd_is
from assessments.scans.mail import verstuur_wachtrij
from vit.models import Hartslag

werkerlog = logging.getLogger("vit.werker")


def _ronde():
    # The heartbeat that the readiness check (/health/klaar/) reads.
    Hartslag.objects.update_or_create(werker="mail", defaults={"laatst": timezone.now()})
    verstuur_wachtrij()
    opgeruimd = ruim_op_als_het_tijd_is()  # retention of respondents' personal data, hourly
    if opgeruimd:
        werkerlog.info(
            "bewaartermijn: %s personen, %s ongebruikte links, %s mails verwijderd",
            opgeruimd.personen,
            opgeruimd.ongebruikte_links,
            opgeruimd.mails,
            extra={"werker": "mail", "aantal": opgeruimd.personen + opgeruimd.ongebruikte_links},
        )


class Command(BaseCommand):
    help = (
        "Verstuurt de e-mail uit de wachtrij, met nieuwe pogingen na een mislukking, en ruimt "
        "eens per uur persoonsgegevens van respondenten op na de bewaartermijn. "
        "Draait tot het wordt gestopt; met --een-keer één ronde."
    )

    def add_arguments(self, parser):
        parser.add_argument("--een-keer", action="store_true", help="Eén ronde en dan stoppen.")
        parser.add_argument(
            "--pauze", type=float, default=5.0, help="Seconden tussen twee ronden (standaard 5)."
        )

    def handle(self, een_keer, pauze, **options):
        if een_keer:
            _ronde()
            return
        self.stdout.write("Mailwachtrij: versturen gestart (stoppen met Ctrl+C).")
        werkerlog.info("mailwerker gestart", extra={"werker": "mail"})
        while True:
            _ronde()
            time.sleep(pauze)
