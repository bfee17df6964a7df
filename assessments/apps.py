from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Gemeenten en scans"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models
        from .scans.perspectieven import zorg_voor_perspectieven

        post_migrate.connect(zorg_voor_perspectieven, sender=self, dispatch_uid="vit_perspectieven")

        auditlog.register(models.Gemeente)
        auditlog.register(models.Lidmaatschap)
        auditlog.register(models.Uitnodiging, exclude_fields=["token_hash"])
        auditlog.register(models.Aanvraag, exclude_fields=["token_hash", "ip_hash", "versie"])
        auditlog.register(models.Scan, exclude_fields=["versie"])
        auditlog.register(models.Respondent, exclude_fields=["token_hash", "versie"])
        # Publishing a ronde is recorded with who did it; its figures are not logged one by one.
        auditlog.register(models.Ronde, exclude_fields=["onderdelen"])
