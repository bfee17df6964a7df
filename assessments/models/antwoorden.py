"""Answers of respondents and what the gemeente fixed from them: scores and ambitions."""

from django.conf import settings
from django.db import models

from assessments.schaal import TOELICHTING_MAX, Waarde

from .scans import Respondent, Scan


class Antwoord(models.Model):
    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="antwoorden")
    checkvraag = models.ForeignKey(
        "principles.CheckVraag", on_delete=models.PROTECT, related_name="antwoorden"
    )
    waarde = models.CharField(max_length=10, choices=Waarde.choices, blank=True)
    toelichting = models.TextField(max_length=TOELICHTING_MAX, blank=True)
    versie = models.PositiveIntegerField(default=1)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "antwoord"
        verbose_name_plural = "antwoorden"
        constraints = [
            models.UniqueConstraint(
                fields=["respondent", "checkvraag"], name="een_antwoord_per_vraag"
            ),
        ]

    def __str__(self):
        return f"{self.respondent} – {self.checkvraag.sleutel}: {self.waarde or '–'}"


class VastgesteldeScore(models.Model):
    """The score the gemeente fixed for a check-vraag after the conversation."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="vastgestelde_scores")
    checkvraag = models.ForeignKey(
        "principles.CheckVraag", on_delete=models.PROTECT, related_name="+"
    )
    waarde = models.CharField(max_length=10, choices=Waarde.choices, blank=True)
    voorstel = models.CharField(
        "voorstel (mediaan)",
        max_length=10,
        blank=True,
        help_text="Het voorstel bij het vaststellen.",
    )
    reden = models.TextField(max_length=TOELICHTING_MAX, blank=True)
    versie = models.PositiveIntegerField(default=1)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "vastgestelde score"
        verbose_name_plural = "vastgestelde scores"
        constraints = [
            models.UniqueConstraint(fields=["scan", "checkvraag"], name="een_score_per_vraag"),
        ]

    def __str__(self):
        return f"{self.scan} – {self.checkvraag.sleutel}: {self.waarde or '–'}"


class Ambitie(models.Model):
    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="ambities")
    uitgangspunt = models.ForeignKey(
        "principles.Uitgangspunt", on_delete=models.PROTECT, related_name="+"
    )
    niveau = models.PositiveSmallIntegerField(null=True, blank=True)
    versie = models.PositiveIntegerField(default=1)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ambitie"
        verbose_name_plural = "ambities"
        constraints = [
            models.UniqueConstraint(fields=["scan", "uitgangspunt"], name="een_ambitie_per_up"),
            models.CheckConstraint(
                condition=models.Q(niveau__isnull=True) | models.Q(niveau__gte=1, niveau__lte=4),
                name="ambitie_1_tot_4",
            ),
        ]

    def __str__(self):
        return f"{self.scan} – {self.uitgangspunt.sleutel}: {self.niveau or '–'}"
