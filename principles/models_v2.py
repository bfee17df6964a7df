"""Framework version 2 additions: the perspectives questions are asked of, each question's own
wording per perspective, the begrippenlijst, and handreikingen that may name a source (bron)
instead of a web address.

API for the rest of the product (see ``PerspectiefVragen`` on ``CheckVraag`` and
``principles.services``): a question with no ``VraagPerspectief`` rows is asked of everyone
(every v1 question); the loader gives every question of a version with perspectives at least one
row. Fetch questions with ``prefetch_related(perspectief_prefetch())`` (one query for the rows
with their perspective) and the methods below make no further queries.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from .models_basis import VersieOnderdeel

__all__ = [
    "Begrip",
    "Handreiking",
    "KaderPerspectief",
    "PerspectiefVragen",
    "VraagPerspectief",
    "kopieer_v2_onderdelen",
    "perspectief_prefetch",
]


def perspectief_prefetch():
    """The questions' perspective rows with their perspective, in one query."""
    return models.Prefetch(
        "voor_perspectieven",
        queryset=VraagPerspectief.objects.select_related("perspectief"),
    )


class PerspectiefVragen:
    """Mixed into ``CheckVraag``: who answers the question, and in which words.

    All methods read ``self.voor_perspectieven.all()``, so with
    ``prefetch_related(PERSPECTIEF_PREFETCH)`` they cost no query.
    """

    def _rijen(self) -> dict:
        rijen = sorted(self.voor_perspectieven.all(), key=lambda r: r.perspectief.volgorde)
        return {rij.perspectief.sleutel: rij for rij in rijen}

    def gesteld_aan(self, perspectief_sleutel: str) -> bool:
        """Whether this question is asked of the perspective with this key. A question without
        perspective rows (framework v1) is asked of everyone."""
        rijen = self._rijen()
        return not rijen or perspectief_sleutel in rijen

    def tekst_voor(self, perspectief_sleutel: str) -> str:
        """The question as this perspective reads it: its own wording if set, else ``tekst``."""
        rij = self._rijen().get(perspectief_sleutel)
        return rij.tekst if rij is not None and rij.tekst else self.tekst

    def helptekst_voor(self, perspectief_sleutel: str) -> str:
        """The help text for this perspective: its own if set, else ``helptekst``."""
        rij = self._rijen().get(perspectief_sleutel)
        return rij.helptekst if rij is not None and rij.helptekst else self.helptekst

    def perspectief_sleutels(self) -> list[str] | None:
        """Keys of the perspectives asked, in the version's order; None means everyone."""
        return list(self._rijen()) or None

    def perspectieven(self) -> list:
        """The KaderPerspectief objects asked, in order (empty: everyone)."""
        return [rij.perspectief for rij in self._rijen().values()]

    def eigen_formuleringen(self) -> list[tuple]:
        """(perspectief, tekst, helptekst) for each perspective with its own wording."""
        return [
            (rij.perspectief, rij.tekst, rij.helptekst)
            for rij in self._rijen().values()
            if rij.tekst or rij.helptekst
        ]


class KaderPerspectief(VersieOnderdeel):
    """A group the questions of a version are put to (bestuur, beleid, inwoner, ...)."""

    versie = models.ForeignKey(
        "principles.KaderVersie", on_delete=models.CASCADE, related_name="perspectieven"
    )
    sleutel = models.SlugField("vaste sleutel", max_length=30)
    naam = models.CharField(max_length=100)
    omschrijving = models.TextField(blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "perspectief"
        verbose_name_plural = "perspectieven"
        ordering = ["versie", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["versie", "sleutel"], name="uniek_perspectief_per_versie"
            ),
        ]

    def __str__(self):
        return self.naam


class VraagPerspectief(VersieOnderdeel):
    """A check-vraag is asked of this perspective, optionally in its own words."""

    checkvraag = models.ForeignKey(
        "principles.CheckVraag", on_delete=models.CASCADE, related_name="voor_perspectieven"
    )
    perspectief = models.ForeignKey(
        KaderPerspectief, on_delete=models.CASCADE, related_name="vragen"
    )
    tekst = models.TextField(
        "eigen formulering", blank=True, help_text="Leeg: de tekst van de vraag zelf."
    )
    helptekst = models.TextField(
        "eigen helptekst", blank=True, help_text="Leeg: de helptekst van de vraag zelf."
    )

    class Meta:
        verbose_name = "perspectief van de vraag"
        verbose_name_plural = "perspectieven van de vraag"
        ordering = ["perspectief__volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["checkvraag", "perspectief"], name="uniek_perspectief_per_vraag"
            ),
        ]

    def __str__(self):
        return f"{self.checkvraag.sleutel} → {self.perspectief}"

    def get_versie_id(self):
        return (
            self._meta.get_field("checkvraag")
            .related_model.objects.filter(pk=self.checkvraag_id)
            .values_list("uitgangspunt__versie_id", flat=True)
            .first()
        )

    def clean(self):
        if (
            self.checkvraag_id
            and self.perspectief_id
            and self.checkvraag.uitgangspunt.versie_id != self.perspectief.versie_id
        ):
            raise ValidationError("Vraag en perspectief horen bij andere versies.")


class Begrip(VersieOnderdeel):
    """A term of the begrippenlijst, explained in plain words."""

    versie = models.ForeignKey(
        "principles.KaderVersie", on_delete=models.CASCADE, related_name="begrippen"
    )
    term = models.CharField(max_length=120)
    uitleg = models.TextField()

    class Meta:
        verbose_name = "begrip"
        verbose_name_plural = "begrippen"
        ordering = ["versie", "term"]
        constraints = [
            models.UniqueConstraint(fields=["versie", "term"], name="uniek_begrip_per_versie"),
        ]

    def __str__(self):
        return self.term

    def clean(self):
        super().clean()
        dubbel = Begrip.objects.filter(versie_id=self.versie_id, term__iexact=self.term.strip())
        if self.versie_id and dubbel.exclude(pk=self.pk).exists():
            raise ValidationError({"term": "Dit begrip staat al in de lijst van deze versie."})

    @property
    def anker(self) -> str:
        """The id of the term on the begrippen page (``/kader/begrippen/#<anker>``)."""
        return slugify(self.term) or f"begrip-{self.pk}"

    def get_absolute_url(self):
        return f"{reverse('principles:begrippen')}#{self.anker}"


class Handreiking(VersieOnderdeel):
    class Soort(models.TextChoices):
        HANDREIKING = "handreiking", "Handreiking"
        TIP = "tip", "Tip"
        GOED_VOORBEELD = "goed_voorbeeld", "Goed voorbeeld"
        HULPLIJN = "hulplijn", "Hulplijn"
        INSPIRATIEBRON = "inspiratiebron", "Inspiratiebron"

    versie = models.ForeignKey(
        "principles.KaderVersie", on_delete=models.CASCADE, related_name="handreikingen"
    )
    sleutel = models.SlugField("vaste sleutel", max_length=80)
    titel = models.CharField(max_length=300)
    uitgever = models.CharField(max_length=200)
    url = models.URLField(
        "adres", max_length=500, blank=True, help_text="Mag leeg zijn als er een bron is."
    )
    bron = models.CharField(
        max_length=300,
        blank=True,
        help_text="Waar de handreiking te vinden is als er geen webadres is.",
    )
    soort = models.CharField(max_length=20, choices=Soort.choices)
    omschrijving = models.TextField()
    uitgangspunten = models.ManyToManyField(
        "principles.Uitgangspunt", related_name="handreikingen", blank=True
    )

    class Meta:
        verbose_name = "handreiking"
        verbose_name_plural = "handreikingen"
        ordering = ["versie", "titel"]
        constraints = [
            models.UniqueConstraint(fields=["versie", "sleutel"], name="unieke_handreiking"),
        ]

    def __str__(self):
        return self.titel

    def clean(self):
        super().clean()
        if not self.url.strip() and not self.bron.strip():
            raise ValidationError(
                {"url": "Vul een adres in, of een bron als de handreiking niet online staat."}
            )


def kopieer_v2_onderdelen(bron, kopie, up_map: dict, vraag_map: dict) -> None:
    """Copy perspectives, question-perspective rows, begrippen and handreikingen of version
    ``bron`` into ``kopie``; ``up_map``/``vraag_map`` map old pks to the new objects."""
    oude = list(bron.perspectieven.all())
    nieuwe = KaderPerspectief.objects.bulk_create(
        KaderPerspectief(
            versie=kopie, sleutel=p.sleutel, naam=p.naam, omschrijving=p.omschrijving,
            volgorde=p.volgorde,
        )
        for p in oude
    )  # fmt: skip
    perspectief_map = {oud.pk: nieuw for oud, nieuw in zip(oude, nieuwe, strict=True)}
    VraagPerspectief.objects.bulk_create(
        VraagPerspectief(
            checkvraag=vraag_map[r.checkvraag_id], perspectief=perspectief_map[r.perspectief_id],
            tekst=r.tekst, helptekst=r.helptekst,
        )
        for r in VraagPerspectief.objects.filter(checkvraag__uitgangspunt__versie=bron)
    )  # fmt: skip
    Begrip.objects.bulk_create(
        Begrip(versie=kopie, term=b.term, uitleg=b.uitleg) for b in bron.begrippen.all()
    )
    oude_hr = list(bron.handreikingen.prefetch_related("uitgangspunten"))
    nieuwe_hr = Handreiking.objects.bulk_create(
        Handreiking(
            versie=kopie, sleutel=hr.sleutel, titel=hr.titel, uitgever=hr.uitgever, url=hr.url,
            bron=hr.bron, soort=hr.soort, omschrijving=hr.omschrijving,
        )
        for hr in oude_hr
    )  # fmt: skip
    Handreiking.uitgangspunten.through.objects.bulk_create(
        Handreiking.uitgangspunten.through(handreiking=nieuw, uitgangspunt=up_map[up.pk])
        for oud, nieuw in zip(oude_hr, nieuwe_hr, strict=True)
        for up in oud.uitgangspunten.all()
    )
