from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError

from vit.forms import WachtwoordZettenFormulier

# Django 5.2 changed some validator messages and its Dutch catalogue does not have them yet;
# these say the same in plain Dutch, per validator code.
WACHTWOORD_FOUTEN = {
    "password_too_short": "Dit wachtwoord is te kort. Kies minstens {min_length} tekens.",
    "password_too_common": "Dit wachtwoord gebruiken veel mensen; het is makkelijk te raden. "
    "Kies een ander wachtwoord.",
    "password_entirely_numeric": "Dit wachtwoord bestaat alleen uit cijfers. Gebruik ook "
    "letters of andere tekens.",
    "password_too_similar": "Dit wachtwoord lijkt te veel op uw naam of e-mailadres.",
}


def _in_het_nederlands(fout: ValidationError) -> ValidationError:
    tekst = WACHTWOORD_FOUTEN.get(fout.code)
    if tekst is None:
        return fout
    return ValidationError(tekst.format(**(fout.params or {})), code=fout.code)


class AccountMakenFormulier(WachtwoordZettenFormulier):
    """Name and password (twice) for a new account of the invited address. The password is
    checked with the site's validators against an unsaved user with this address and name."""

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

    def validate_password_for_user(self, user, *args, **kwargs):
        """The site's validators, with their errors at the first password field."""
        wachtwoord = self.cleaned_data.get("new_password1")
        if not wachtwoord or self.has_error("new_password2"):
            return
        try:
            password_validation.validate_password(wachtwoord, user)
        except ValidationError as fouten:
            self.add_error("new_password1", [_in_het_nederlands(f) for f in fouten.error_list])

    def clean(self):
        self.user.first_name = self.cleaned_data.get("naam", "")
        return super().clean()
