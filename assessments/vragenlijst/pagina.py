"""Reading a questionnaire page (one uitgangspunt) for a respondent, with one answer form per
check-vraag."""

from dataclasses import dataclass

from django.db.models import Prefetch

from assessments.models import Antwoord, Respondent
from principles.models import CheckVraag, Uitgangspunt, perspectief_prefetch

from .forms import AntwoordFormulier

__all__ = ["PaginaVraag", "markeer_conflict", "pagina_vragen", "uitgangspunten_van"]


# Fetched with the questions, so who is asked and in which words costs no query per question.


@dataclass
class PaginaVraag:
    vraag: CheckVraag
    formulier: AntwoordFormulier
    antwoord: Antwoord | None = None
    conflict: bool = False
    perspectief: str = ""  # the respondent's perspective key

    @property
    def tekst(self) -> str:
        """The question in the wording for the respondent's perspective."""
        return self.vraag.tekst_voor(self.perspectief)

    @property
    def fout(self) -> str:
        return " ".join(e for fouten in self.formulier.errors.values() for e in fouten)

    @property
    def nummer(self) -> int:
        """The place of the question on its page ("Vraag 2 van 5"), as the respondent sees it."""
        return self.formulier.opbouw["nummer"]

    @property
    def antwoord_tekst(self) -> str:
        """The stored answer as the options name it ("3. Grotendeels", "Weet ik niet"), for a
        finished questionnaire that shows answers instead of options."""
        waarde = self.antwoord.waarde if self.antwoord else ""
        if not waarde:
            return "Niet beantwoord"
        return dict(self.formulier.fields["waarde"].choices).get(str(waarde), str(waarde))

    @property
    def antwoord_uitleg(self) -> str:
        """What the chosen level looks like for this question (framework v2), else ""."""
        waarde = self.antwoord.waarde if self.antwoord else ""
        niveaus = self.vraag.niveaus
        return niveaus[int(waarde) - 1] if waarde in ("1", "2", "3", "4") and niveaus else ""

    @property
    def toelichting(self) -> str:
        return self.antwoord.toelichting if self.antwoord else ""

    @property
    def versie(self) -> int:
        return self.antwoord.versie if self.antwoord else 0


def uitgangspunten_van(respondent: Respondent) -> list[Uitgangspunt]:
    """The uitgangspunten of the scan's framework version that ask this respondent anything,
    each with ``vragen``: its questions asked of the respondent's perspective (4 queries). An
    uitgangspunt without such a question is left out, so the navigation skips it."""
    sleutel = respondent.perspectief.sleutel
    ups = list(
        Uitgangspunt.objects.filter(versie_id=respondent.scan.kaderversie_id)
        .order_by("volgorde")
        .prefetch_related(
            Prefetch(
                "checkvragen",
                queryset=CheckVraag.objects.order_by("volgorde").prefetch_related(
                    perspectief_prefetch()
                ),
            )
        )
    )
    for up in ups:
        up.vragen = [v for v in up.checkvragen.all() if v.gesteld_aan(sleutel)]
    return [up for up in ups if up.vragen]


def _initieel(antwoord: Antwoord | None) -> dict:
    if antwoord is None:
        return {"waarde": "", "toelichting": "", "versie": 0}
    return {
        "waarde": antwoord.waarde,
        "toelichting": antwoord.toelichting,
        "versie": antwoord.versie,
    }


def pagina_vragen(
    respondent: Respondent, uitgangspunt: Uitgangspunt, keuzes, data=None, alleen_lezen=False
) -> list[PaginaVraag]:
    """The questions of one page asked of the respondent (``uitgangspunten_van``), each with
    its form: bound to ``data`` when the page was sent, otherwise filled with the respondent's
    stored answers (1 query)."""
    vragen = uitgangspunt.vragen
    sleutel = respondent.perspectief.sleutel
    antwoorden = {
        a.checkvraag_id: a
        for a in Antwoord.objects.filter(respondent=respondent, checkvraag__in=vragen)
    }
    return [
        PaginaVraag(
            vraag=vraag,
            antwoord=antwoorden.get(vraag.pk),
            formulier=AntwoordFormulier(
                data,
                initial=_initieel(antwoorden.get(vraag.pk)),
                vraag=vraag,
                keuzes=keuzes,
                nummer=nummer,
                aantal=len(vragen),
                alleen_lezen=alleen_lezen,
                perspectief=sleutel,
            ),
            perspectief=sleutel,
        )
        for nummer, vraag in enumerate(vragen, start=1)
    ]


def markeer_conflict(pv: PaginaVraag, opgeslagen: Antwoord | None) -> None:
    """The answer was changed elsewhere meanwhile: show what is stored now, and keep what the
    respondent had chosen visible in the message beside it."""
    poging = pv.formulier.cleaned_data
    stand = _initieel(opgeslagen)
    melding = (
        f"Intussen elders gewijzigd. Opgeslagen is nu: {stand['waarde'] or 'geen antwoord'}. "
        f"U had gekozen: {poging.get('waarde') or 'geen antwoord'}"
    )
    if poging.get("toelichting"):
        melding += f', met de toelichting: "{poging["toelichting"]}"'
    pv.formulier = pv.formulier.met_opgeslagen(stand, melding + ".")
    pv.antwoord, pv.conflict = opgeslagen, True
