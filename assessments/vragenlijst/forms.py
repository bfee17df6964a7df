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


class NiveauKeuze(forms.RadioSelect):
    """The options of a check-vraag. With ``uitleg`` (level value -> what that level looks
    like for this question, framework v2) each level option carries its description, linked
    to the radio button with aria-describedby."""

    uitleg: dict[str, str] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        tekst = self.uitleg.get(str(value))
        if tekst:
            option["uitleg"] = tekst
            option["uitleg_id"] = f"{option['attrs']['id']}_uitleg"
            option["attrs"]["aria-describedby"] = option["uitleg_id"]
        return option


class AntwoordFormulier(Paginaformulier):
    """One check-vraag: the chosen option, an optional toelichting and the version read.

    On the page each form has the prefix ``v<id>``; the autosave posts the same fields
    without prefix. Nothing chosen is a valid answer ("not answered yet")."""

    waarde = Antwoordkeuze(
        required=False,
        widget=NiveauKeuze,
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
        self,
        *args,
        vraag=None,
        keuzes,
        nummer=None,
        aantal=None,
        alleen_lezen=False,
        perspectief="",
        **kwargs,
    ):
        if vraag is not None:
            kwargs.setdefault("prefix", vraag_prefix(vraag.pk))
        opbouw = {
            "vraag": vraag,
            "keuzes": keuzes,
            "nummer": nummer,
            "aantal": aantal,
            "perspectief": perspectief,
        }
        super().__init__(*args, opbouw=opbouw, alleen_lezen=alleen_lezen, **kwargs)
        self.fields["waarde"].choices = keuzes
        if vraag is not None:
            # In the wording for the respondent's perspective (v1: the question's own text).
            self.fields["waarde"].label = format_html(
                '<span class="vit-question-number">Vraag {} van {}</span> {}',
                nummer,
                aantal,
                vraag.tekst_voor(perspectief),
            )
            # The pack prints help text as HTML; framework text is escaped here.
            self.fields["waarde"].help_text = escape(vraag.helptekst_voor(perspectief))
            self.fields["waarde"].widget.uitleg = {
                str(i): tekst for i, tekst in enumerate(vraag.niveaus, start=1) if tekst
            }
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

    @property
    def eigen_niveaus(self) -> bool:
        """The question describes its own levels (framework v2): they stand at the options,
        instead of the general disclosure."""
        return bool(self.fields["waarde"].widget.uitleg)
