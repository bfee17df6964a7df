"""How people get into VIT by themselves: a request for access (aanvraag) and an invitation
(uitnodiging) to work for a gemeente.

Both are reached through a link that holds a random token; only its SHA-256 hash is stored,
every link expires and works once. An aanvraag first waits until the requester confirms the
address; then VNG (for a gemeente without coördinator) or the gemeente's own coördinatoren
decide. Approval creates an uitnodiging as coördinator; a coördinator's invitation of a
colleague is the same kind of uitnodiging. Nothing is usable before the invitation is used.
"""

from django.conf import settings
from django.db import models

from .gemeenten import Gemeente, Lidmaatschap


class Uitnodiging(models.Model):
    """An invitation to work for a gemeente in VIT with a role, sent to an e-mail address."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="uitnodigingen")
    email = models.EmailField("e-mailadres")
    naam = models.CharField(max_length=150, blank=True)
    rol = models.CharField(max_length=20, choices=Lidmaatschap.Rol.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    verloopt_op = models.DateTimeField()
    uitgenodigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verstuurd_op = models.DateTimeField(null=True, blank=True)
    keer_verstuurd = models.PositiveSmallIntegerField(default=0)
    gebruikt_op = models.DateTimeField(null=True, blank=True)
    gebruikt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ingetrokken_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "uitnodiging"
        verbose_name_plural = "uitnodigingen"
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return f"Uitnodiging voor {self.email} ({self.gemeente}, {self.get_rol_display().lower()})"

    def is_open_op(self, moment) -> bool:
        return not (self.gebruikt_op or self.ingetrokken_op) and self.verloopt_op > moment

    def get_additional_data(self):
        return {"gemeente_id": self.gemeente_id}


class Aanvraag(models.Model):
    """Someone asks access to VIT for a gemeente."""

    class Status(models.TextChoices):
        BEVESTIGEN = "bevestigen", "Wacht op bevestiging van het e-mailadres"
        WACHT = "wacht", "Wacht op beoordeling"
        GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
        AFGEWEZEN = "afgewezen", "Afgewezen"

    class Beoordelaar(models.TextChoices):
        VNG = "vng", "VNG"
        GEMEENTE = "gemeente", "De coördinatoren van de gemeente"

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="aanvragen")
    naam = models.CharField(max_length=150)
    email = models.EmailField("e-mailadres")
    functie = models.CharField("rol in de gemeente", max_length=150)
    reden = models.TextField(max_length=1000)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BEVESTIGEN)
    beoordelaar = models.CharField(max_length=20, choices=Beoordelaar.choices, blank=True)
    # Emptied (NULL, so unique still holds) once the address is confirmed: the link works once.
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    token_verloopt_op = models.DateTimeField(null=True, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    bevestigd_op = models.DateTimeField(null=True, blank=True)
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reden_afwijzing = models.TextField(blank=True, max_length=1000)
    uitnodiging = models.OneToOneField(
        Uitnodiging, null=True, blank=True, on_delete=models.SET_NULL, related_name="aanvraag"
    )
    versie = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "aanvraag"
        verbose_name_plural = "aanvragen"
        ordering = ["aangemaakt_op"]
        indexes = [
            models.Index(fields=["email", "aangemaakt_op"]),
            models.Index(fields=["ip_hash", "aangemaakt_op"]),
        ]

    def __str__(self):
        return f"Aanvraag van {self.naam} voor {self.gemeente}"

    def get_additional_data(self):
        return {"gemeente_id": self.gemeente_id}
