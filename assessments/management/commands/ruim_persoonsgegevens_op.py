from django.conf import settings
from django.core.management.base import BaseCommand

from assessments.scans.bewaren import ruim_op


class Command(BaseCommand):
    help = (
        "Verwijdert namen en e-mailadressen van respondenten van scans die langer dan de "
        "bewaartermijn zijn afgerond (de antwoorden blijven, zonder de persoon), en uitnodigingen "
        "zonder antwoorden waarvan de link lang geleden verliep, en oude aanvragen en "
        "uitnodigingen voor het team. De mailwerker doet dit ook zelf, "
        "elk uur."
    )

    def handle(self, **options):
        uitkomst = ruim_op()
        self.stdout.write(
            f"Bewaartermijn {settings.VIT_BEWAARTERMIJN_MAANDEN} maanden na afronden: "
            f"van {uitkomst.personen} respondent(en) naam en e-mailadres verwijderd; "
            f"{uitkomst.ongebruikte_links} ongebruikte uitnodiging(en) verwijderd "
            f"(link langer dan {settings.VIT_LINK_OPRUIMEN_DAGEN} dagen verlopen of ingetrokken); "
            f"{uitkomst.mails} mail(s) uit wachtrij en log verwijderd; "
            f"{uitkomst.aanvragen} afgehandelde aanvraag/aanvragen en "
            f"{uitkomst.uitnodigingen} gebruikte of verlopen uitnodiging(en) voor het team "
            "verwijderd."
        )
