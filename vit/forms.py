from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError


class InlogFormulier(AuthenticationForm):
    username = forms.CharField(
        label="Gebruikersnaam",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
        help_text="Heeft u uw account gemaakt via een uitnodiging? Dan is uw e-mailadres uw "
        "gebruikersnaam.",
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


class WachtwoordZettenFormulier(SetPasswordForm):
    """Setting a password (after a reset link, or for a new account): the site's validators,
    with their messages in Dutch, at the first password field."""

    def validate_password_for_user(self, user, *args, **kwargs):
        wachtwoord = self.cleaned_data.get("new_password1")
        if not wachtwoord or self.has_error("new_password2"):
            return
        try:
            password_validation.validate_password(wachtwoord, user)
        except ValidationError as fouten:
            self.add_error("new_password1", [_in_het_nederlands(f) for f in fouten.error_list])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Nieuw wachtwoord"
        self.fields[
            "new_password1"
        ].help_text = "Minstens 12 tekens, niet alleen cijfers, en niet te veel lijkend op uw naam."
        self.fields["new_password2"].label = "Herhaal het nieuwe wachtwoord"
        self.fields["new_password2"].help_text = ""


class CodeFormulier(forms.Form):
    """The code of the second step: 6 digits from the app (or, when allowed, a backup code)."""

    code = forms.CharField(
        label="Code",
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "spellcheck": "false",
                "autocapitalize": "off",
            }
        ),
        error_messages={"required": "Vul de code in."},
    )

    def __init__(self, *args, reservecode_toegestaan=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.reservecode_toegestaan = reservecode_toegestaan
        if reservecode_toegestaan:
            self.fields["code"].label = "Code uit uw app of een reservecode"
            self.fields["code"].help_text = (
                "De code van 6 cijfers die uw authenticator-app nu toont. Geen telefoon bij de "
                "hand? Gebruik een van uw reservecodes van 8 tekens."
            )
            self.fields["code"].widget.attrs["inputmode"] = "text"
        else:
            self.fields["code"].label = "Code uit uw app"
            self.fields["code"].help_text = "De code van 6 cijfers die de app nu toont."

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).replace("-", "")
        if self.reservecode_toegestaan and len(code) == 8 and code.isalnum():
            return code
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(
                "Een code uit de app bestaat uit 6 cijfers"
                + (
                    ", een reservecode uit 8 letters en cijfers."
                    if self.reservecode_toegestaan
                    else "."
                )
            )
        return code


class ReservecodesVernieuwenFormulier(forms.Form):
    """New backup codes only after an explicit tick: the old ones stop working at once."""

    bevestig = forms.BooleanField(
        label="Ik wil nieuwe reservecodes; mijn huidige reservecodes werken dan niet meer",
        error_messages={
            "required": "Vink aan dat u nieuwe reservecodes wilt. Uw huidige codes werken "
            "daarna niet meer."
        },
    )
