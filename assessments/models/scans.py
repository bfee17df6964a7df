"""A scan of one gemeente, the perspectives, and the people invited to answer it."""

from django.conf import settings
from django.db import models

from .gemeenten import Gemeente


class Perspectief(models.Model):
    """A point of view from which people answer (bestuur, beleid, uitvoering, ...)."""

    sleutel = models.SlugField(max_length=40, unique=True)
    naam = models.CharField(max_length=100)
    omschrijving = models.CharField(max_length=300, blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "perspectief"
        verbose_name_plural = "perspectieven"
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam


class Scan(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        AFGEROND = "afgerond", "Afgerond"

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="scans")
    titel = models.CharField(max_length=200)
    periode = models.PositiveSmallIntegerField("periode (jaar)")
    kaderversie = models.ForeignKey(
        "principles.KaderVersie", on_delete=models.PROTECT, related_name="scans"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    vorige_scan = models.ForeignKey(
        "self",
        verbose_name="gestart als kopie van",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vervolgscans",
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    afgerond_op = models.DateTimeField(null=True, blank=True)
    toestemming_vergelijking = models.BooleanField(
        "toestemming voor geanonimiseerde vergelijking", default=False
    )
    toestemming_gewijzigd_op = models.DateTimeField(null=True, blank=True)
    versie = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "scan"
        verbose_name_plural = "scans"
        ordering = ["-periode", "-aangemaakt_op"]

    def __str__(self):
        return f"{self.titel} ({self.gemeente}, {self.periode})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Respondent(models.Model):
    """One invitation to answer a scan, from one perspective, with its answers.

    The personal link holds a random token; only its SHA-256 hash is stored.
    """

    class Status(models.TextChoices):
        NIET_BEGONNEN = "niet_begonnen", "Nog niet begonnen"
        BEZIG = "bezig", "Bezig"
        AFGEROND = "afgerond", "Afgerond"
        INGETROKKEN = "ingetrokken", "Ingetrokken"
        VERLOPEN = "verlopen", "Link verlopen"

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="respondenten")
    perspectief = models.ForeignKey(Perspectief, on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(max_length=150, blank=True)
    email = models.EmailField("e-mailadres", blank=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="respondenten",
        help_text="Gevuld als een coördinator zelf de vragenlijst invult.",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_verloopt_op = models.DateTimeField(null=True, blank=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    uitgenodigd_op = models.DateTimeField(null=True, blank=True)
    herinnerd_op = models.DateTimeField(null=True, blank=True)
    gestart_op = models.DateTimeField(null=True, blank=True)
    afgerond_op = models.DateTimeField(null=True, blank=True)
    laatste_pagina = models.CharField(max_length=20, blank=True)
    # The invitation mail in the queue (``assessments.mail``): the queued message, which the
    # queue removes once sent, and the Message-ID that its log keeps.
    mail_bericht = models.BigIntegerField(null=True, blank=True, editable=False)
    mail_id = models.CharField(max_length=200, blank=True, editable=False)
    versie = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "respondent"
        verbose_name_plural = "respondenten"
        ordering = ["perspectief__volgorde", "aangemaakt_op"]

    def __str__(self):
        return self.naam or f"Respondent {self.pk} ({self.perspectief})"

    def status_op(self, moment) -> str:
        if self.ingetrokken_op:
            return self.Status.INGETROKKEN
        if self.afgerond_op:
            return self.Status.AFGEROND
        if self.token_verloopt_op and self.token_verloopt_op <= moment:
            return self.Status.VERLOPEN
        if self.gestart_op:
            return self.Status.BEZIG
        return self.Status.NIET_BEGONNEN
