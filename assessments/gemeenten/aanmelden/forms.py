from django import forms

from assessments.formvelden import Vrijetekst
from assessments.models import Gemeente

REDEN_MAX = 1000


class AanmeldFormulier(forms.Form):
    gemeente = forms.ModelChoiceField(
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
        self.fields["gemeente"].queryset = Gemeente.objects.filter(actief=True).order_by("naam")
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
