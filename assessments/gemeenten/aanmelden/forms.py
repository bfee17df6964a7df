from django import forms
from django.db.models import Case, CharField, F, When
from django.db.models.functions import Lower, Substr

from assessments.formvelden import Vrijetekst
from assessments.models import Gemeente

REDEN_MAX = 1000
# Official names that people look for under another name.
OOK_BEKEND_ALS = {"'s-Gravenhage": "Den Haag"}


def op_alfabet(gemeenten):
    """Sorted as people look names up: "'s-Hertogenbosch" under H, "'t Zandt" under Z."""
    sleutel = Case(
        When(naam__startswith="'s-", then=Substr("naam", 4)),
        When(naam__startswith="'t ", then=Substr("naam", 4)),
        default=F("naam"),
        output_field=CharField(),
    )
    return gemeenten.annotate(sorteernaam=Lower(sleutel)).order_by("sorteernaam", "naam")


class GemeenteKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        ook = OOK_BEKEND_ALS.get(obj.naam)
        return f"{obj.naam} ({ook})" if ook else obj.naam


class AanmeldFormulier(forms.Form):
    gemeente = GemeenteKeuze(
        queryset=Gemeente.objects.none(),
        label="Gemeente",
        empty_label="Kies uw gemeente",
        error_messages={
            "required": "Kies de gemeente waarvoor u werkt.",
            "invalid_choice": "Kies een gemeente uit de lijst.",
        },
    )
    naam = forms.CharField(
        label="Uw naam",
        max_length=150,
        error_messages={"required": "Vul uw naam in."},
    )
    email = forms.EmailField(
        label="Uw e-mailadres op het werk",
        max_length=254,
        help_text="Het adres dat u van de gemeente heeft. Hierheen sturen we de link.",
        error_messages={
            "required": "Vul uw e-mailadres in.",
            "invalid": "Vul een e-mailadres in zoals naam@gemeente.nl.",
        },
    )
    functie = forms.CharField(
        label="Uw functie bij de gemeente",
        max_length=150,
        help_text="Bijvoorbeeld: beleidsmedewerker Wmo of teamleider toegang.",
        error_messages={"required": "Vul uw functie in."},
    )
    reden = Vrijetekst(
        wat="De reden",
        label="Waarom wilt u met VIT werken?",
        max_length=REDEN_MAX,
        required=True,
        help_text=f"Een paar zinnen zijn genoeg, maximaal {REDEN_MAX} tekens.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Schrijf kort waarom u met VIT wilt werken."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = op_alfabet(Gemeente.objects.filter(actief=True))
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["naam"].widget.attrs["autocomplete"] = "name"
        self.fields["functie"].widget.attrs["autocomplete"] = "organization-title"


class AfwijzenFormulier(forms.Form):
    reden = Vrijetekst(
        wat="De reden",
        label="Waarom wijst u de aanvraag af?",
        max_length=REDEN_MAX,
        required=True,
        help_text="Deze tekst mailen we naar de aanvrager. Schrijf hem dus voor die persoon.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Schrijf waarom u de aanvraag afwijst."},
    )
