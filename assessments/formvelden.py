"""What the two answer pages (the respondent's questionnaire and the coördinator's vaststellen)
share in their forms: the field prefix of a check-vraag and free text as VIT accepts it.

Each check-vraag on a page is one small form with the prefix ``v<id>``, so its fields are named
``v<id>-waarde``, ``v<id>-toelichting`` (or ``-reden``) and ``v<id>-versie``. This module is the
only place that spelling lives.
"""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from assessments.opslaan import lees_versie
from assessments.schaal import TOELICHTING_MAX

__all__ = ["Paginaformulier", "Versie", "Vrijetekst", "vraag_prefix"]


def vraag_prefix(vraag_id: int) -> str:
    return f"v{vraag_id}"


class Versie(forms.CharField):
    """The version the page was read at, sent back with the answer (0: nothing stored yet).
    A garbled version becomes -1, which matches no stored row, so the write is refused as a
    conflict instead of overwriting anything."""

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=0, widget=forms.HiddenInput, **kwargs)

    def to_python(self, value):
        return 0 if value in self.empty_values else lees_versie(value)


class Vrijetekst(forms.CharField):
    """Free text of at most ``TOELICHTING_MAX`` characters, as typed, without the NUL character
    no database stores. Line ends count as one character, as the person sees them."""

    def __init__(self, *, wat: str, **kwargs):
        kwargs.setdefault("max_length", TOELICHTING_MAX)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)
        self.error_messages["max_length"] = (
            f"{wat} is %(show_value)d tekens lang; er passen er maximaal %(limit_value)d. "
            "Maak de tekst korter."
        )
        self.validators = [
            ProhibitNullCharactersValidator(
                message=f"{wat} bevat een onzichtbaar teken dat niet is toegestaan (een "
                "nul-teken, dat soms meekomt bij kopiëren en plakken). Haal het weg en probeer "
                "het opnieuw."
            )
            if isinstance(v, ProhibitNullCharactersValidator)
            else v
            for v in self.validators
        ]

    def to_python(self, value):
        tekst = super().to_python(value)
        return tekst.replace("\r\n", "\n")


class Paginaformulier(forms.Form):
    """One of the small forms of an answer page (a check-vraag, the ambition). It is rendered
    through the NL Design System pack inside the page's single <form> (no tag, no CSRF field of
    its own), read-only when nothing can change any more. ``opbouw`` keeps the arguments it was
    made with, so the page can show the same form again with what is stored now.

    Fields named in ``ZONDER_HINT`` get no "(niet verplicht)" from the pack: their label says
    itself when they are needed (a reason when departing from the proposal), or they are needed
    later rather than now (scores and ambitions before afronden)."""

    ZONDER_HINT: tuple[str, ...] = ()

    def __init__(self, *args, opbouw: dict, alleen_lezen=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.opbouw = opbouw
        for naam in self.ZONDER_HINT:
            self.fields[naam].zonder_hint = True
        if alleen_lezen:
            for veld in self.fields.values():
                veld.disabled = True
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    @property
    def fout_anker(self) -> str:
        """The id of the first field with an error, for the link in the error summary."""
        return next(self[naam].auto_id for naam in self.fields if self.errors.get(naam))

    def met_opgeslagen(self, stand: dict, melding: str) -> "Paginaformulier":
        """After a conflict: the same form showing what is stored now (``stand``), with
        ``melding`` (what this person had chosen) at its first field."""
        data = {self.add_prefix(k): "" if v is None else v for k, v in stand.items()}
        nieuw = type(self)(data, **self.opbouw)
        nieuw.is_valid()
        nieuw.add_error(next(iter(nieuw.fields)), melding)
        return nieuw
