from django import forms
from django.contrib.auth import get_user_model

from vit.forms import WachtwoordZettenFormulier


class AccountMakenFormulier(WachtwoordZettenFormulier):
    """Name and password (twice) for a new account of the invited address. The password is
    checked with the site's validators (Dutch messages, see ``WachtwoordZettenFormulier``)
    against an unsaved user with this address and name."""

    naam = forms.CharField(
        label="Uw naam",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text="Zo zien uw collega's u in het team.",
        error_messages={"required": "Vul uw naam in."},
    )
    field_order = ["naam", "new_password1", "new_password2"]
    error_messages = {
        **WachtwoordZettenFormulier.error_messages,
        "password_mismatch": "De wachtwoorden zijn niet hetzelfde.",
    }

    def __init__(self, email: str, *args, **kwargs):
        gebruiker = get_user_model()(username=email.lower(), email=email)
        super().__init__(gebruiker, *args, **kwargs)
        self.fields["new_password1"].label = "Kies een wachtwoord"
        self.fields["new_password1"].error_messages["required"] = "Kies een wachtwoord."
        self.fields["new_password2"].label = "Herhaal het wachtwoord"
        self.fields["new_password2"].error_messages["required"] = "Herhaal het wachtwoord."
