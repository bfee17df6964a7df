from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm


class InlogFormulier(AuthenticationForm):
    username = forms.CharField(
        label="Gebruikersnaam",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label="Wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": (
            "De combinatie van gebruikersnaam en wachtwoord klopt niet. "
            "Let op: na vijf mislukte pogingen wordt inloggen een half uur geblokkeerd."
        ),
        "inactive": "Dit account is niet actief. Neem contact op met de beheerder.",
    }


class WachtwoordResetFormulier(PasswordResetForm):
    email = forms.EmailField(
        label="E-mailadres",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="We sturen een link om een nieuw wachtwoord in te stellen naar dit adres, "
        "als er een account bij hoort.",
    )


class WachtwoordZettenFormulier(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Nieuw wachtwoord"
        self.fields[
            "new_password1"
        ].help_text = "Minstens 12 tekens, niet alleen cijfers, en niet te veel lijkend op uw naam."
        self.fields["new_password2"].label = "Herhaal het nieuwe wachtwoord"
        self.fields["new_password2"].help_text = ""
