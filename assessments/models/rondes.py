"""Published rondes of the comparison: frozen figures across gemeenten."""

from django.conf import settings
from django.db import models

from .gemeenten import Gemeente, Grootteklasse


class RondeBevrorenError(Exception):
    """A published ronde never changes."""


class _Bevroren(models.Model):
    """Rows of a published ronde: written once, when the ronde is published, never changed."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RondeBevrorenError("Een gepubliceerde ronde verandert niet meer.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RondeBevrorenError("Een gepubliceerde ronde verandert niet meer.")


class _Figuur(_Bevroren):
    """The figures of one cell as shown: n, median, quartiles, mean (None: hidden)."""

    n = models.PositiveIntegerField(null=True)
    mediaan = models.FloatField(null=True)
    q1 = models.FloatField(null=True)
    q3 = models.FloatField(null=True)
    gemiddelde = models.FloatField(null=True)

    class Meta:
        abstract = True


class Ronde(_Bevroren):
    """A published release of the comparison for one period: every figure across gemeenten
    that a page, a CSV or a spiegel shows, computed once and stored frozen (see ``rondes``)."""

    periode = models.PositiveSmallIntegerField("periode (jaar)", unique=True)
    gepubliceerd_op = models.DateTimeField()
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    gepubliceerd_door_naam = models.CharField("gepubliceerd door", max_length=150)
    aantal_gemeenten = models.PositiveIntegerField()
    k = models.PositiveSmallIntegerField("minimum aantal gemeenten per cijfer")
    # The parts the ronde holds figures of, with their labels as published:
    # [{"soort": ..., "sleutel": ..., "label": ..., "uitgangspunt": ...}, ...]
    onderdelen = models.JSONField(default=list)
    # The numbers of the framework versions its scans were made on, e.g. [1, 2]. With more
    # than one, per check-vraag only the scans with that question (the same key) count.
    kaderversies = models.JSONField(default=list)

    class Meta:
        verbose_name = "ronde"
        verbose_name_plural = "rondes"
        ordering = ["-periode"]
        permissions = [("publiceer_ronde", "Mag vergelijkingsrondes publiceren")]

    def __str__(self):
        return f"Ronde {self.periode}"

    @property
    def gemengde_kaderversies(self) -> bool:
        return len(self.kaderversies) > 1

    @property
    def kaderversies_tekst(self) -> str:
        """The version numbers as a page says them: "1", "1 en 2", "1, 2 en 3"."""
        nummers = [str(n) for n in self.kaderversies]
        if len(nummers) < 2:
            return "".join(nummers)
        return ", ".join(nummers[:-1]) + " en " + nummers[-1]


class RondeCijfer(_Figuur):
    """One shown (or hidden) figure of a ronde: all figures are aggregates, never one scan."""

    ronde = models.ForeignKey(Ronde, on_delete=models.PROTECT, related_name="cijfers")
    soort = models.CharField(max_length=10)  # rondes.DEELNAME, SCORE or NIVEAU
    onderdeel = models.CharField(max_length=40, blank=True)
    dimensie = models.CharField(max_length=20)
    groep = models.CharField(max_length=40)
    volgorde = models.PositiveSmallIntegerField(default=0)
    aandelen = models.JSONField(null=True)

    class Meta:
        verbose_name = "cijfer van een ronde"
        verbose_name_plural = "cijfers van rondes"
        constraints = [
            models.UniqueConstraint(
                fields=["ronde", "soort", "onderdeel", "dimensie", "groep"],
                name="een_cijfer_per_cel",
            ),
        ]
        indexes = [models.Index(fields=["ronde", "soort", "dimensie"])]

    def __str__(self):
        return f"{self.ronde}: {self.soort} {self.onderdeel} {self.dimensie} {self.groep}"


class RondeVergelijking(_Figuur):
    """The spiegel comparison of one gemeente that took part in a ronde: the figures of the
    other gemeenten of its grootteklasse, without itself. Read only by that gemeente."""

    ronde = models.ForeignKey(Ronde, on_delete=models.PROTECT, related_name="vergelijkingen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    grootteklasse = models.CharField(max_length=20, choices=Grootteklasse.choices)
    uitgangspunt = models.CharField(max_length=40)

    class Meta:
        verbose_name = "spiegelvergelijking van een ronde"
        verbose_name_plural = "spiegelvergelijkingen van rondes"
        constraints = [
            models.UniqueConstraint(
                fields=["ronde", "gemeente", "uitgangspunt"], name="een_vergelijking_per_up"
            ),
        ]

    def __str__(self):
        return f"{self.ronde}: vergelijking {self.uitgangspunt}"
