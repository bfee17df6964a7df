from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from assessments.demodata import maak_demohistorie
from assessments.gemeenten.aanvragen import maak_demo_aanvraag
from assessments.models import Gemeente, Lidmaatschap
from vit.roles import INHOUDSBEHEERDER, RONDEBEHEERDER, VNG_ANALIST
from vit.tweestaps import demo_tweede_factor

DEMO_GEMEENTE_CODE = "GM0307"  # Amersfoort
DEMO_WACHTWOORD = "demo-vit-2026"  # noqa: S105 (printed on purpose, development only)

DEMO_ACCOUNTS = [
    # username, voornaam, achternaam, omschrijving
    ("coordinator", "Carla", "Coördinator", "coördinator van de demogemeente"),
    ("lezer", "Lars", "Lezer", "lezer (wethouder) van de demogemeente"),
    ("collega", "Cem", "Collega", "tweede coördinator van de demogemeente (zie /team/)"),
    ("analist", "Anna", "Analist", "VNG-analist en rondebeheerder (publiceert rondes)"),
    ("inhoud", "Ivo", "Inhoudsbeheerder", "inhoudsbeheerder (kader bewerken in het beheer)"),
    ("beheerder", "Bea", "Beheerder", "functioneel beheerder (alle rechten)"),
]


class Command(BaseCommand):
    help = "Maakt demo-accounts (alleen voor ontwikkeling) en toont hoe u inlogt."

    def add_arguments(self, parser):
        parser.add_argument(
            "--ook-zonder-debug",
            action="store_true",
            help="Ook uitvoeren als DEBUG uit staat (bijvoorbeeld in tests).",
        )
        parser.add_argument(
            "--zonder-historie",
            action="store_true",
            help="Alleen de accounts, zonder de demoscans van andere gemeenten.",
        )

    @transaction.atomic
    def handle(self, ook_zonder_debug, zonder_historie=False, **options):
        if not settings.DEBUG and not ook_zonder_debug:
            raise CommandError(
                "Demo-accounts hebben een bekend wachtwoord en horen niet in productie. "
                "Zet DJANGO_DEBUG=1 of gebruik --ook-zonder-debug."
            )
        try:
            gemeente = Gemeente.objects.get(code=DEMO_GEMEENTE_CODE)
        except Gemeente.DoesNotExist as exc:
            raise CommandError("Laad eerst de gemeenten: python manage.py laad_gemeenten") from exc
        User = get_user_model()
        gebruikers = {}
        for username, voornaam, achternaam, _ in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": voornaam,
                    "last_name": achternaam,
                    "email": f"{username}@demo.vit.invalid",
                },
            )
            user.set_password(DEMO_WACHTWOORD)
            user.save()
            gebruikers[username] = user
        Lidmaatschap.objects.update_or_create(
            gebruiker=gebruikers["coordinator"],
            gemeente=gemeente,
            defaults={"rol": Lidmaatschap.Rol.COORDINATOR},
        )
        Lidmaatschap.objects.update_or_create(
            gebruiker=gebruikers["collega"],
            gemeente=gemeente,
            defaults={"rol": Lidmaatschap.Rol.COORDINATOR},
        )
        Lidmaatschap.objects.update_or_create(
            gebruiker=gebruikers["lezer"],
            gemeente=gemeente,
            defaults={"rol": Lidmaatschap.Rol.LEZER},
        )
        gebruikers["analist"].groups.add(
            Group.objects.get(name=VNG_ANALIST), Group.objects.get(name=RONDEBEHEERDER)
        )
        inhoud = gebruikers["inhoud"]
        inhoud.is_staff = True
        inhoud.save()
        inhoud.groups.add(Group.objects.get(name=INHOUDSBEHEERDER))
        beheerder = gebruikers["beheerder"]
        beheerder.is_staff = beheerder.is_superuser = True
        beheerder.save()

        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_WACHTWOORD}):")
        for username, _, _, omschrijving in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<12} {omschrijving}")
        self.stdout.write(
            "Tweede stap voor analist, inhoud en beheerder: een code uit een authenticator-app "
            "(sleutel hieronder, tijdgebaseerd, 6 cijfers) of een reservecode (elk één keer):"
        )
        for username in ("analist", "inhoud", "beheerder"):
            sleutel, codes = demo_tweede_factor(gebruikers[username])
            self.stdout.write(f"  {username:<12} sleutel {sleutel}")
            self.stdout.write(f"  {'':<12} reservecodes {' '.join(codes)}")
        self.stdout.write(f"Demogemeente: {gemeente.naam} ({gemeente.code}).")
        aanvraag = maak_demo_aanvraag(uitsluiten=gemeente.code)
        if aanvraag is not None:
            self.stdout.write(
                f"Aanvraag in de wachtrij van de beheerder: {aanvraag.naam} voor "
                f"{aanvraag.gemeente.naam} ({aanvraag.get_status_display().lower()}), "
                "zie /aanvragen/."
            )
        if not zonder_historie:
            t = maak_demohistorie(
                gemeente,
                coordinator=gebruikers["coordinator"],
                rondebeheerder=gebruikers["analist"],
            )
            self.stdout.write(
                f"Demohistorie{'' if t['nieuw'] else ' (stond er al)'}: "
                f"{t['gemeenten']} gemeenten, "
                f"{t['afgerond']} afgeronde scans, {t['open']} open scan, "
                f"{t['respondenten']} respondenten, {t['antwoorden']} antwoorden; "
                f"gepubliceerde rondes: {', '.join(map(str, t['rondes'])) or 'geen'}."
            )
