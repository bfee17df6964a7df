"""What every part of a framework version shares: it is frozen once the version is published.

Kept apart from ``models`` so the framework-v2 models (``models_v2``) can build on it without an
import circle; ``principles.models`` re-exports everything.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

__all__ = ["KaderBevrorenError", "VersieOnderdeel"]

BEVROREN = (
    "Deze kaderversie is gepubliceerd en kan niet meer worden gewijzigd. "
    "Maak een nieuwe versie als kopie."
)


class KaderBevrorenError(ValidationError):
    """Raised when something tries to change a published or archived framework version."""


class VersieOnderdeel(models.Model):
    """Base for everything that belongs to a framework version: frozen once published."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.controleer_bewerkbaar()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.controleer_bewerkbaar()
        return super().delete(*args, **kwargs)

    def get_versie_id(self) -> int:
        return self.versie_id

    def controleer_bewerkbaar(self):
        versie_model = apps.get_model("principles", "KaderVersie")
        status = (
            versie_model.objects.filter(pk=self.get_versie_id())
            .values_list("status", flat=True)
            .first()
        )
        if status is not None and status != versie_model.Status.CONCEPT:
            raise KaderBevrorenError(BEVROREN)
