from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Gemeenten en scans"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Gemeente)
        auditlog.register(models.Lidmaatschap)
