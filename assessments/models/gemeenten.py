"""Gemeenten and who works for them in VIT (the tenancy)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models


class Provincie(models.TextChoices):
    GRONINGEN = "Groningen", "Groningen"
    FRYSLAN = "Fryslân", "Fryslân"
    DRENTHE = "Drenthe", "Drenthe"
    OVERIJSSEL = "Overijssel", "Overijssel"
    FLEVOLAND = "Flevoland", "Flevoland"
    GELDERLAND = "Gelderland", "Gelderland"
    UTRECHT = "Utrecht", "Utrecht"
    NOORD_HOLLAND = "Noord-Holland", "Noord-Holland"
    ZUID_HOLLAND = "Zuid-Holland", "Zuid-Holland"
    ZEELAND = "Zeeland", "Zeeland"
    NOORD_BRABANT = "Noord-Brabant", "Noord-Brabant"
    LIMBURG = "Limburg", "Limburg"


class Grootteklasse(models.TextChoices):
    TOT_20K = "tot-20000", "tot 20.000 inwoners"
    TOT_50K = "20000-50000", "20.000 tot 50.000 inwoners"
    TOT_100K = "50000-100000", "50.000 tot 100.000 inwoners"
    VANAF_100K = "100000-plus", "100.000 inwoners en meer"

    @classmethod
    def voor_inwoners(cls, inwoners: int | None) -> str:
        if inwoners is None:
            return ""
        if inwoners < 20_000:
            return cls.TOT_20K
        if inwoners < 50_000:
            return cls.TOT_50K
        if inwoners < 100_000:
            return cls.TOT_100K
        return cls.VANAF_100K


gemeentecode_validator = RegexValidator(
    r"^GM\d{4}$", "Een gemeentecode bestaat uit GM en vier cijfers, bijvoorbeeld GM0363."
)


class Gemeente(models.Model):
    code = models.CharField(
        "CBS-code", max_length=6, unique=True, validators=[gemeentecode_validator]
    )
    naam = models.CharField(max_length=100)
    provincie = models.CharField(max_length=20, choices=Provincie.choices)
    inwoners = models.PositiveIntegerField("aantal inwoners", null=True, blank=True)
    grootteklasse = models.CharField(
        max_length=20, choices=Grootteklasse.choices, blank=True, editable=False
    )
    actief = models.BooleanField(
        default=True, help_text="Uit: de gemeente bestaat niet meer (bijvoorbeeld na een fusie)."
    )

    class Meta:
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def save(self, *args, **kwargs):
        self.grootteklasse = Grootteklasse.voor_inwoners(self.inwoners)
        super().save(*args, **kwargs)


class Lidmaatschap(models.Model):
    """A user works for a gemeente in VIT, as coördinator or as lezer."""

    class Rol(models.TextChoices):
        COORDINATOR = "coordinator", "Coördinator"
        LEZER = "lezer", "Lezer"

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="leden")
    rol = models.CharField(max_length=20, choices=Rol.choices, default=Rol.LEZER)

    class Meta:
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"
        ordering = ["gemeente__naam", "gebruiker__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "gemeente"], name="een_lidmaatschap_per_gemeente"
            ),
        ]

    def __str__(self):
        return f"{self.gebruiker} – {self.gemeente} ({self.get_rol_display().lower()})"

    def get_additional_data(self):
        """Stored with every audit log entry, so the team's history can be found per gemeente
        and names the member, also after the membership was removed."""
        return {"gemeente_id": self.gemeente_id, "gebruiker_id": self.gebruiker_id}
