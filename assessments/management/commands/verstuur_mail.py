import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from assessments.scans.bewaren import ruim_op_als_het_tijd_is
from assessments.scans.mail import verstuur_wachtrij
from vit.models import Hartslag


def _ronde():
    # The heartbeat that the readiness check (/health/klaar/) reads.
    Hartslag.objects.update_or_create(werker="mail", defaults={"laatst": timezone.now()})
    verstuur_wachtrij()
    ruim_op_als_het_tijd_is()  # the retention of respondents' personal data, once an hour


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
        while True:
            _ronde()
            time.sleep(pauze)
