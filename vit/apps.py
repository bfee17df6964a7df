from django.apps import AppConfig
from django.db.models.signals import post_migrate


class VitConfig(AppConfig):
    name = "vit"
    verbose_name = "VIT"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .logboek import bewaar_rol
        from .roles import zorg_voor_rolgroepen

        post_migrate.connect(zorg_voor_rolgroepen, dispatch_uid="vit_rolgroepen")
        user_logged_in.connect(bewaar_rol, dispatch_uid="vit_rol_in_sessie")
