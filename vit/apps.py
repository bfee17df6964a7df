from django.apps import AppConfig
from django.db.models.signals import post_migrate


class VitConfig(AppConfig):
    name = "vit"
    verbose_name = "VIT"

    def ready(self):
        from .roles import zorg_voor_rolgroepen

        post_migrate.connect(zorg_voor_rolgroepen, dispatch_uid="vit_rolgroepen")
