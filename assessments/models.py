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


class Waarde(models.TextChoices):
    """An answer to a check-vraag: a level on the scale, or one of two non-answers."""

    NIVEAU_1 = "1", "1"
    NIVEAU_2 = "2", "2"
    NIVEAU_3 = "3", "3"
    NIVEAU_4 = "4", "4"
    WEET_NIET = "weet_niet", "Weet ik niet"
    NVT = "nvt", "Niet van toepassing"


def waarde_als_score(waarde: str) -> int | None:
    """The numeric level of an answer, or None for no answer, weet niet and n.v.t."""
    return int(waarde) if waarde in ("1", "2", "3", "4") else None


TOELICHTING_MAX = 1000


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

    @property
    def score(self) -> int | None:
        return waarde_als_score(self.waarde)


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

    class Meta:
        verbose_name = "ronde"
        verbose_name_plural = "rondes"
        ordering = ["-periode"]
        permissions = [("publiceer_ronde", "Mag vergelijkingsrondes publiceren")]

    def __str__(self):
        return f"Ronde {self.periode}"


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
