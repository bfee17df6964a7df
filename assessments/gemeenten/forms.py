"""The form on the team page with which a coördinator invites a colleague."""

from django import forms

from assessments.models import Lidmaatschap


class CollegaUitnodigenFormulier(forms.Form):
    email = forms.EmailField(
        label="E-mailadres",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text="Het werkadres van uw collega. Daar komt de uitnodiging met een persoonlijke "
        "link. Heeft uw collega nog geen account, dan wordt dit adres de gebruikersnaam.",
        error_messages={
            "required": "Vul het e-mailadres van uw collega in.",
            "invalid": "Vul een geldig e-mailadres in, zoals naam@gemeente.nl.",
        },
    )
    naam = forms.CharField(
        label="Naam",
        max_length=150,
        required=False,
        help_text="Voor de aanhef van de uitnodiging en voor uw overzicht.",
    )
    rol = forms.ChoiceField(
        label="Rol",
        choices=[
            (
                Lidmaatschap.Rol.LEZER,
                "Lezer: bekijkt de scans, de spiegel en het rapport en wijzigt niets",
            ),
            (
                Lidmaatschap.Rol.COORDINATOR,
                "Coördinator: leidt de scans en beheert het team, net als u",
            ),
        ],
        initial=Lidmaatschap.Rol.LEZER,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies de rol van uw collega.",
            "invalid_choice": "Kies lezer of coördinator.",
        },
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
