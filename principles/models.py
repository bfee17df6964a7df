"""The framework (kader): versioned basisfunctionaliteiten, uitgangspunten, check-vragen,
answer scale and handreikingen.

A version is edited while it is a concept. Once published it is frozen: every object that
belongs to it refuses to be saved or deleted. A new version starts as a full copy of an
existing one, with the same stable keys, so scans of different versions can be compared on
what stayed the same.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from .models_basis import KaderBevrorenError, VersieOnderdeel
from .models_v2 import (
    Begrip,
    Handreiking,
    KaderPerspectief,
    PerspectiefVragen,
    VraagPerspectief,
    kopieer_v2_onderdelen,
    perspectief_prefetch,
)

__all__ = [
    "perspectief_prefetch",
    "Antwoordniveau",
    "Basisfunctionaliteit",
    "Begrip",
    "CheckVraag",
    "Handreiking",
    "KaderBevrorenError",
    "KaderPerspectief",
    "KaderVersie",
    "Koppeling",
    "Uitgangspunt",
    "VersieOnderdeel",
    "VraagPerspectief",
]


class KaderVersieQuerySet(models.QuerySet):
    def gepubliceerd(self):
        return self.filter(status=KaderVersie.Status.GEPUBLICEERD)

    def huidige(self):
        """The most recently published version, or None."""
        return self.gepubliceerd().order_by("-gepubliceerd_op", "-nummer").first()


class KaderVersie(models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"
        GEARCHIVEERD = "gearchiveerd", "Gearchiveerd"

    nummer = models.PositiveIntegerField("versienummer", unique=True)
    naam = models.CharField(max_length=200)
    toelichting = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONCEPT)
    gepubliceerd_op = models.DateTimeField(null=True, blank=True, editable=False)
    gebaseerd_op = models.ForeignKey(
        "self",
        verbose_name="kopie van",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kopieen",
        editable=False,
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = KaderVersieQuerySet.as_manager()

    class Meta:
        verbose_name = "kaderversie"
        verbose_name_plural = "kaderversies"
        ordering = ["-nummer"]

    def __str__(self):
        return f"{self.naam} (versie {self.nummer}, {self.get_status_display().lower()})"

    def save(self, *args, **kwargs):
        stored = self._stored_status()
        if stored == self.Status.GEPUBLICEERD and self.status == self.Status.CONCEPT:
            raise KaderBevrorenError(
                "Een gepubliceerde kaderversie kan niet terug naar concept. "
                "Maak een nieuwe versie als kopie."
            )
        if stored == self.Status.GEARCHIVEERD and self.status != self.Status.GEARCHIVEERD:
            raise KaderBevrorenError("Een gearchiveerde kaderversie kan niet meer veranderen.")
        if stored in (self.Status.GEPUBLICEERD, self.Status.GEARCHIVEERD):
            # Only the status may move on (gepubliceerd -> gearchiveerd); nothing else changes.
            original = type(self).objects.get(pk=self.pk)
            for field in ("nummer", "naam", "toelichting"):
                if getattr(original, field) != getattr(self, field):
                    raise KaderBevrorenError(
                        "Deze kaderversie is gepubliceerd en kan niet meer worden gewijzigd. "
                        "Maak een nieuwe versie als kopie."
                    )
        if self.status == self.Status.GEPUBLICEERD and self.gepubliceerd_op is None:
            self.gepubliceerd_op = timezone.now()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_status() != self.Status.CONCEPT:
            raise KaderBevrorenError("Alleen een conceptversie kan worden verwijderd.")
        return super().delete(*args, **kwargs)

    @property
    def is_bewerkbaar(self) -> bool:
        return self.status == self.Status.CONCEPT

    def _stored_status(self):
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()

    def publiceer(self):
        if self.status != self.Status.CONCEPT:
            raise KaderBevrorenError("Alleen een conceptversie kan worden gepubliceerd.")
        self.status = self.Status.GEPUBLICEERD
        self.save()

    def archiveer(self):
        if self.status != self.Status.GEPUBLICEERD:
            raise KaderBevrorenError("Alleen een gepubliceerde versie kan worden gearchiveerd.")
        self.status = self.Status.GEARCHIVEERD
        self.save()

    @transaction.atomic
    def maak_kopie(self, naam: str | None = None) -> "KaderVersie":
        """Create a new concept version holding a full copy of this one (same stable keys)."""
        nummer = (KaderVersie.objects.aggregate(m=Max("nummer"))["m"] or 0) + 1
        kopie = KaderVersie.objects.create(
            nummer=nummer,
            naam=naam or self.naam.replace(f"versie {self.nummer}", f"versie {nummer}"),
            toelichting=self.toelichting,
            gebaseerd_op=self,
        )
        Antwoordniveau.objects.bulk_create(
            Antwoordniveau(
                versie=kopie, waarde=n.waarde, label=n.label, omschrijving=n.omschrijving
            )
            for n in self.antwoordniveaus.all()
        )
        bf_map = _kopieer(self.basisfunctionaliteiten.all(), kopie, Basisfunctionaliteit)
        up_map = _kopieer(self.uitgangspunten.all(), kopie, Uitgangspunt)
        Koppeling.objects.bulk_create(
            Koppeling(
                uitgangspunt=up_map[k.uitgangspunt_id],
                basisfunctionaliteit=bf_map[k.basisfunctionaliteit_id],
                reden=k.reden,
            )
            for k in Koppeling.objects.filter(uitgangspunt__versie=self)
        )
        oude_vragen = list(CheckVraag.objects.filter(uitgangspunt__versie=self))
        nieuwe_vragen = CheckVraag.objects.bulk_create(
            CheckVraag(
                uitgangspunt=up_map[v.uitgangspunt_id],
                **{veld: getattr(v, veld) for veld in CheckVraag.KOPIEER_VELDEN},
            )
            for v in oude_vragen
        )
        vraag_map = {o.pk: n for o, n in zip(oude_vragen, nieuwe_vragen, strict=True)}
        kopieer_v2_onderdelen(self, kopie, up_map, vraag_map)
        return kopie


def _kopieer(origineel, kopie: KaderVersie, model) -> dict:
    """Bulk-copy the rows of a version's model into ``kopie``; old pk -> new object."""
    velden = [f.name for f in model._meta.concrete_fields if f.name not in ("id", "versie")]
    oude = list(origineel)
    nieuwe = model.objects.bulk_create(
        model(versie=kopie, **{veld: getattr(o, veld) for veld in velden}) for o in oude
    )
    return {o.pk: n for o, n in zip(oude, nieuwe, strict=True)}


class Antwoordniveau(VersieOnderdeel):
    versie = models.ForeignKey(
        KaderVersie, on_delete=models.CASCADE, related_name="antwoordniveaus"
    )
    waarde = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=80)
    omschrijving = models.TextField()

    class Meta:
        verbose_name = "antwoordniveau"
        verbose_name_plural = "antwoordschaal"
        ordering = ["versie", "waarde"]
        constraints = [
            models.UniqueConstraint(fields=["versie", "waarde"], name="uniek_niveau_per_versie"),
            models.CheckConstraint(
                condition=models.Q(waarde__gte=1, waarde__lte=4), name="niveau_1_tot_4"
            ),
        ]

    def __str__(self):
        return f"{self.waarde}. {self.label}"


class Basisfunctionaliteit(VersieOnderdeel):
    versie = models.ForeignKey(
        KaderVersie, on_delete=models.CASCADE, related_name="basisfunctionaliteiten"
    )
    sleutel = models.SlugField("vaste sleutel", max_length=20)
    volgorde = models.PositiveSmallIntegerField()
    titel = models.CharField(max_length=300)
    korte_titel = models.CharField(max_length=80)
    omschrijving = models.TextField()

    class Meta:
        verbose_name = "basisfunctionaliteit"
        verbose_name_plural = "basisfunctionaliteiten"
        ordering = ["versie", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["versie", "sleutel"], name="uniek_bf_per_versie"),
        ]

    def __str__(self):
        return self.naam

    @property
    def naam(self) -> str:  # the one name VIT shows; the full title is the line that explains it
        return f"{self.volgorde}. {self.korte_titel}"


class Uitgangspunt(VersieOnderdeel):
    versie = models.ForeignKey(KaderVersie, on_delete=models.CASCADE, related_name="uitgangspunten")
    sleutel = models.SlugField("vaste sleutel", max_length=20)
    volgorde = models.PositiveSmallIntegerField()
    titel = models.CharField(max_length=300)
    korte_titel = models.CharField(max_length=80)
    omschrijving = models.TextField()
    goed_als = models.TextField(
        "zo ziet het eruit als het goed gaat", help_text="Eén punt per regel."
    )
    signalen = models.TextField(
        "signalen dat het nog niet goed gaat", help_text="Eén punt per regel."
    )
    basisfunctionaliteiten = models.ManyToManyField(
        Basisfunctionaliteit, through="Koppeling", related_name="uitgangspunten"
    )

    class Meta:
        verbose_name = "uitgangspunt"
        verbose_name_plural = "uitgangspunten"
        ordering = ["versie", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["versie", "sleutel"], name="uniek_up_per_versie"),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("principles:uitgangspunt", kwargs={"sleutel": self.sleutel.lower()})

    @property
    def naam(self) -> str:  # the one name VIT shows; the full title is the line that explains it
        return f"{self.volgorde}. {self.korte_titel}"

    @property
    def goed_als_lijst(self) -> list[str]:
        return [regel.strip() for regel in self.goed_als.splitlines() if regel.strip()]

    @property
    def signalen_lijst(self) -> list[str]:
        return [regel.strip() for regel in self.signalen.splitlines() if regel.strip()]


class Koppeling(VersieOnderdeel):
    """An uitgangspunt serves a basisfunctionaliteit, for a stated reason."""

    uitgangspunt = models.ForeignKey(Uitgangspunt, on_delete=models.CASCADE)
    basisfunctionaliteit = models.ForeignKey(Basisfunctionaliteit, on_delete=models.CASCADE)
    reden = models.TextField()

    class Meta:
        verbose_name = "koppeling met basisfunctionaliteit"
        verbose_name_plural = "koppelingen met basisfunctionaliteiten"
        constraints = [
            models.UniqueConstraint(
                fields=["uitgangspunt", "basisfunctionaliteit"], name="unieke_koppeling"
            ),
        ]

    def __str__(self):
        return f"{self.uitgangspunt} → {self.basisfunctionaliteit}"

    def get_versie_id(self):
        return (
            Uitgangspunt.objects.filter(pk=self.uitgangspunt_id)
            .values_list("versie_id", flat=True)
            .first()
        )

    def clean(self):
        if (
            self.uitgangspunt_id
            and self.basisfunctionaliteit_id
            and self.uitgangspunt.versie_id != self.basisfunctionaliteit.versie_id
        ):
            raise ValidationError("Uitgangspunt en basisfunctionaliteit horen bij andere versies.")


class CheckVraag(PerspectiefVragen, VersieOnderdeel):
    """A question of the framework. Who answers it and in which words: see
    ``PerspectiefVragen`` (``gesteld_aan``, ``tekst_voor``, ``helptekst_voor``,
    ``perspectief_sleutels``)."""

    class Fase(models.TextChoices):
        RICHTEN = "richten", "Richten (visie en beleid)"
        INRICHTEN = "inrichten", "Inrichten (organisatie)"
        VERRICHTEN = "verrichten", "Verrichten (praktijk)"

    uitgangspunt = models.ForeignKey(
        Uitgangspunt, on_delete=models.CASCADE, related_name="checkvragen"
    )
    sleutel = models.SlugField("vaste sleutel", max_length=20)
    volgorde = models.PositiveSmallIntegerField()
    fase = models.CharField(max_length=20, choices=Fase.choices)
    tekst = models.TextField()
    helptekst = models.TextField(blank=True)
    niveau_1 = models.TextField("zo ziet niveau 1 eruit", blank=True)
    niveau_2 = models.TextField("zo ziet niveau 2 eruit", blank=True)
    niveau_3 = models.TextField("zo ziet niveau 3 eruit", blank=True)
    niveau_4 = models.TextField("zo ziet niveau 4 eruit", blank=True)

    KOPIEER_VELDEN = ("sleutel", "volgorde", "fase", "tekst", "helptekst") + tuple(
        f"niveau_{n}" for n in range(1, 5)
    )

    class Meta:
        verbose_name = "check-vraag"
        verbose_name_plural = "check-vragen"
        ordering = ["uitgangspunt__versie", "uitgangspunt__volgorde", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["uitgangspunt", "sleutel"], name="unieke_vraag_per_uitgangspunt"
            ),
        ]

    def __str__(self):
        return f"{self.sleutel}: {self.tekst[:60]}"

    def get_versie_id(self):
        return (
            Uitgangspunt.objects.filter(pk=self.uitgangspunt_id)
            .values_list("versie_id", flat=True)
            .first()
        )

    @property
    def niveaus(self) -> list[str]:
        """What each of the levels 1-4 looks like for this question; [] when not described."""
        niveaus = [self.niveau_1, self.niveau_2, self.niveau_3, self.niveau_4]
        return niveaus if any(n.strip() for n in niveaus) else []
