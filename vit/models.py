from django.conf import settings
from django.db import models


class Indiening(models.Model):
    """A form that creates something, handled once (see ``vit.eenmalig``): its random key is
    unique in the database, so of several identical submissions at the same moment, over any
    number of workers and app instances, exactly one is processed."""

    sleutel = models.CharField(max_length=64, unique=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    locatie = models.CharField("doorgestuurd naar", max_length=500, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "indiening"
        verbose_name_plural = "indieningen"

    def __str__(self):
        return self.sleutel


class Hartslag(models.Model):
    """The last moment a background worker was alive (the mail worker writes it every round);
    the readiness check reads it."""

    werker = models.CharField(max_length=40, unique=True)
    laatst = models.DateTimeField()

    class Meta:
        verbose_name = "hartslag"
        verbose_name_plural = "hartslagen"

    def __str__(self):
        return f"{self.werker}: {self.laatst:%Y-%m-%d %H:%M:%S}"
