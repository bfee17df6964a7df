"""The ontwikkelplan of a scan: focus uitgangspunten and actions."""

from django.db import models

from assessments.schaal import TOELICHTING_MAX

from .scans import Scan


class Ontwikkelplan(models.Model):
    """What the gemeente will work on after the scan: 2–3 focus uitgangspunten and actions."""

    scan = models.OneToOneField(Scan, on_delete=models.CASCADE, related_name="ontwikkelplan")
    focus = models.ManyToManyField(
        "principles.Uitgangspunt", related_name="+", blank=True, verbose_name="focuspunten"
    )
    voorstel_aan_college = models.TextField("voorstel aan het college", max_length=5000, blank=True)
    versie = models.PositiveIntegerField(default=1)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ontwikkelplan"
        verbose_name_plural = "ontwikkelplannen"

    def __str__(self):
        return f"Ontwikkelplan {self.scan}"


class Actie(models.Model):
    class Status(models.TextChoices):
        GEPLAND = "gepland", "Gepland"
        BEZIG = "bezig", "Bezig"
        KLAAR = "klaar", "Klaar"
        GESTOPT = "gestopt", "Gestopt"

    plan = models.ForeignKey(Ontwikkelplan, on_delete=models.CASCADE, related_name="acties")
    uitgangspunt = models.ForeignKey(
        "principles.Uitgangspunt", on_delete=models.PROTECT, related_name="+"
    )
    omschrijving = models.TextField("wat gaan we doen", max_length=TOELICHTING_MAX)
    eigenaar = models.CharField("wie is eigenaar", max_length=150)
    planning = models.CharField(
        "wanneer", max_length=100, help_text="Bijvoorbeeld: eerste helft 2027, of vóór 1 juni."
    )
    succescriterium = models.TextField(
        "waaraan zien we dat het gelukt is", max_length=TOELICHTING_MAX
    )
    handreiking = models.ForeignKey(
        "principles.Handreiking", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.GEPLAND)
    versie = models.PositiveIntegerField(default=1)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "actie"
        verbose_name_plural = "acties"
        ordering = ["uitgangspunt__volgorde", "pk"]

    def __str__(self):
        return self.omschrijving[:60]
