from django import forms
from django.utils import timezone
from django.utils.html import format_html

from assessments.formvelden import Paginaformulier, Versie, Vrijetekst, vraag_prefix
from assessments.models import Perspectief, Scan
from assessments.schaal import AMBITIES, NVT, TOELICHTING_MAX


class NieuweScanFormulier(forms.Form):
    gemeente = forms.ModelChoiceField(queryset=None, label="Gemeente", empty_label=None)
    titel = forms.CharField(
        label="Titel", max_length=200, help_text="Bijvoorbeeld: Verkenning toegang 2026."
    )
    periode = forms.IntegerField(
        label="Periode (jaar)",
        min_value=2015,
        max_value=2100,
        help_text=(
            "Het jaar waarover de scan gaat. Vergelijkingen gebruiken per gemeente "
            "één scan per jaar."
        ),
    )
    vorige_scan = forms.ModelChoiceField(
        queryset=Scan.objects.none(),
        required=False,
        label="Beginnen vanuit een eerdere scan",
        empty_label="Nee, een nieuwe scan zonder ambities",
        help_text="Neemt de ambities per uitgangspunt over; de antwoorden niet.",
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        self.fields["vorige_scan"].queryset = Scan.objects.filter(
            gemeente__in=gemeenten
        ).select_related("gemeente")
        self.fields["vorige_scan"].label_from_instance = lambda s: (
            f"{s.titel} ({s.gemeente.naam}, {s.periode})"
        )
        self.initial.setdefault("periode", timezone.localdate().year)
        self.initial.setdefault("titel", f"Verkenning toegang {timezone.localdate().year}")

    def clean(self):
        data = super().clean()
        vorige, gemeente = data.get("vorige_scan"), data.get("gemeente")
        if vorige and gemeente and vorige.gemeente_id != gemeente.pk:
            self.add_error("vorige_scan", "Kies een eerdere scan van dezelfde gemeente.")
        return data


class UitnodigingFormulier(forms.Form):
    perspectief = forms.ModelChoiceField(
        queryset=Perspectief.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Perspectief",
        help_text="Vanuit welke rol kijkt deze persoon naar de toegang?",
    )
    naam = forms.CharField(
        label="Naam",
        max_length=150,
        required=False,
        help_text=(
            "Voor uw overzicht, in de uitnodiging en als begroeting in de vragenlijst. Bij de "
            "antwoorden, in de spiegel en in het rapport staan geen namen, wel het perspectief."
        ),
    )
    email = forms.EmailField(
        label="E-mailadres",
        required=False,
        help_text="Als u een adres invult, sturen we de uitnodiging met de link per e-mail.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perspectief"].label_from_instance = lambda p: (
            f"{p.naam} ({p.omschrijving})" if p.omschrijving else p.naam
        )


class ZelfInvullenFormulier(forms.Form):
    perspectief = forms.ModelChoiceField(
        queryset=Perspectief.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Vanuit welk perspectief vult u zelf in?",
    )


class VaststelFormulier(Paginaformulier):
    """The fixed score of one check-vraag on the vaststellen page (prefix ``v<id>``): a level
    or "niet van toepassing", the reason, and the version read. Whether a reason is needed
    (a departure from the proposal) is the rule of :func:`vaststellen.sla_vaststellingen_op`."""

    waarde = forms.ChoiceField(
        label="Vastgestelde score",
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Kies een niveau van 1 tot en met 4 of 'niet van toepassing'."
        },
    )
    reden = Vrijetekst(
        wat="De reden",
        label=(
            f"Reden (verplicht als u afwijkt van het voorstel, maximaal {TOELICHTING_MAX} tekens)"
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    versie = Versie()

    ZONDER_HINT = ("waarde", "reden")

    def __init__(self, *args, vraag, antwoordniveaus, voorstel="", alleen_lezen=False, **kwargs):
        opbouw = {"vraag": vraag, "antwoordniveaus": antwoordniveaus, "voorstel": voorstel}
        super().__init__(
            *args, prefix=vraag_prefix(vraag.pk), opbouw=opbouw, alleen_lezen=alleen_lezen, **kwargs
        )
        keuzes = [(str(n.waarde), f"{n.waarde}. {n.label}") for n in antwoordniveaus]
        keuzes.append((str(NVT), NVT.label))
        self.fields["waarde"].choices = keuzes
        uitleg = dict(keuzes).get(voorstel, "geen voorstel")
        self.fields["waarde"].help_text = format_html(
            "Voorstel (mediaan van alle antwoorden): <strong>{}</strong>",
            uitleg.lower() if voorstel == NVT else uitleg,
        )


class AmbitieFormulier(Paginaformulier):
    """The ambition for the uitgangspunt: the level the gemeente wants to reach."""

    niveau = forms.TypedChoiceField(
        label="Ambitie voor dit uitgangspunt: welk niveau wilt u bereiken?",
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Kies een ambitie van 1 tot en met 4."},
    )
    versie = Versie()

    ZONDER_HINT = ("niveau",)

    def __init__(self, *args, antwoordniveaus, alleen_lezen=False, **kwargs):
        super().__init__(
            *args,
            prefix="ambitie",
            opbouw={"antwoordniveaus": antwoordniveaus},
            alleen_lezen=alleen_lezen,
            **kwargs,
        )
        self.fields["niveau"].choices = [
            (n.waarde, f"{n.waarde}. {n.label}") for n in antwoordniveaus if n.waarde in AMBITIES
        ]

    def add_prefix(self, field_name):
        # The level is posted as "ambitie", its version as "ambitie-versie".
        return self.prefix if field_name == "niveau" else super().add_prefix(field_name)
