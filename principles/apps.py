from django.apps import AppConfig


class PrinciplesConfig(AppConfig):
    name = "principles"
    verbose_name = "Kader"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, signals  # noqa: F401

        for model in (
            models.KaderVersie,
            models.Antwoordniveau,
            models.Basisfunctionaliteit,
            models.Uitgangspunt,
            models.Koppeling,
            models.CheckVraag,
            models.Handreiking,
            models.KaderPerspectief,
            models.VraagPerspectief,
            models.Begrip,
        ):
            auditlog.register(model)
