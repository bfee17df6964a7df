"""The answer form of one check-vraag on the respondent's page (and of the autosave)."""

from functools import cache

from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.html import escape, format_html

from assessments.formvelden import Paginaformulier, Versie, Vrijetekst, vraag_prefix
from assessments.schaal import ANDERE_ANTWOORDEN, TOELICHTING_MAX, Waarde

__all__ = ["AntwoordFormulier", "antwoordkeuzes"]

ONBEKEND_ANTWOORD = (
    "Dit antwoord bestaat niet. Kies een niveau van 1 tot en met 4, 'weet ik niet' of "
    "'niet van toepassing'."
)


def antwoordkeuzes(kaderversie):
    """The options of a check-vraag: the four levels of the framework version by their short
    label ("3. Grotendeels"), then "weet ik niet" and "niet van toepassing". What the levels
    mean is shown once per question in a disclosure (``keuzes.niveaus()``, the same rows). Read
    once, and only when a page shows them: checking an answer needs only the scale."""

    @cache
    def niveaus():
        return list(kaderversie.antwoordniveaus.order_by("waarde"))

    def keuzes():
        return _keuzes(niveaus())

    keuzes.niveaus = niveaus
    return keuzes


def _keuzes(antwoordniveaus) -> list[tuple[str, str]]:
    return [(str(n.waarde), f"{n.waarde}. {n.label}") for n in antwoordniveaus] + [
        (str(w), label) for w, label in ANDERE_ANTWOORDEN
    ]


class Antwoordkeuze(forms.ChoiceField):
    """What is a valid answer is the scale's (``schaal``); the labels are framework content."""

    def valid_value(self, value):
        return value in Waarde.values


class AntwoordFormulier(Paginaformulier):
    """One check-vraag: the chosen option, an optional toelichting and the version read.

    On the page each form has the prefix ``v<id>``; the autosave posts the same fields
    without prefix. Nothing chosen is a valid answer ("not answered yet")."""

    waarde = Antwoordkeuze(
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": ONBEKEND_ANTWOORD},
    )
    toelichting = Vrijetekst(
        wat="De toelichting",
        label=f"Toelichting (niet verplicht, maximaal {TOELICHTING_MAX} tekens)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    versie = Versie()

    ZONDER_HINT = ("waarde", "toelichting")
    # The options besides a level; the page sets them apart under the four levels.
    ANDERE = tuple(str(w) for w, _ in ANDERE_ANTWOORDEN)

    def __init__(
        self, *args, vraag=None, keuzes, nummer=None, aantal=None, alleen_lezen=False, **kwargs
    ):
        if vraag is not None:
            kwargs.setdefault("prefix", vraag_prefix(vraag.pk))
        opbouw = {"vraag": vraag, "keuzes": keuzes, "nummer": nummer, "aantal": aantal}
        super().__init__(*args, opbouw=opbouw, alleen_lezen=alleen_lezen, **kwargs)
        self.fields["waarde"].choices = keuzes
        if vraag is not None:
            self.fields["waarde"].label = format_html(
                '<span class="vit-question-number">Vraag {} van {}</span> {}',
                nummer,
                aantal,
                vraag.tekst,
            )
            # The pack prints help text as HTML; framework text is escaped here.
            self.fields["waarde"].help_text = escape(vraag.helptekst)
            # The question with its options, the disclosure of what the levels mean and the
            # line where the autosave says whether the answer is stored.
            self.helper.layout = Layout(
                Field("waarde", template="assessments/vragenlijst/_schaalvraag.html"),
                "toelichting",
                "versie",
            )

    @property
    def niveaus(self):
        """The four levels with what they mean, for the disclosure beside the options."""
        return self.opbouw["keuzes"].niveaus()
