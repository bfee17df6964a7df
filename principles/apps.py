from django.apps import AppConfig


class PrinciplesConfig(AppConfig):
    name = "principles"
    verbose_name = "Kader"

    def ready(self):
        from auditlog.registry import auditlog

        from vit.roles import INHOUDSBEHEERDER, ROLGROEPEN

        from . import models, signals  # noqa: F401

        # The content editors also edit the framework-v2 parts. vit.roles lists the models of
        # version 1; the group's permissions are set from ROLGROEPEN after every migrate.
        rechten = ROLGROEPEN[INHOUDSBEHEERDER]
        for model in ("kaderperspectief", "vraagperspectief", "begrip"):
            for actie in ("view", "add", "change", "delete"):
                if ("principles", f"{actie}_{model}") not in rechten:
                    rechten.append(("principles", f"{actie}_{model}"))

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
