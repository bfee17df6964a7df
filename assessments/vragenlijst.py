"""Reading and validating a questionnaire page (one uitgangspunt) for a respondent."""

from dataclasses import dataclass

from django.db.models import Prefetch

from principles.models import CheckVraag, Uitgangspunt

from .models import Antwoord, Respondent
from .services import OngeldigeInvoer, controleer_antwoord

__all__ = ["PaginaVraag", "lees_pagina_invoer", "pagina_vragen", "uitgangspunten_van"]

VELD_WAARDE = "v{pk}-waarde"
VELD_TOELICHTING = "v{pk}-toelichting"
VELD_VERSIE = "v{pk}-versie"


@dataclass
class PaginaVraag:
    vraag: CheckVraag
    waarde: str = ""
    toelichting: str = ""
    versie: int = 0
    versie_invoer: int = 0
    fout: str = ""
    conflict: bool = False
    opgeslagen_waarde: str = ""
    opgeslagen_toelichting: str = ""

    @property
    def veld_waarde(self):
        return VELD_WAARDE.format(pk=self.vraag.pk)

    @property
    def veld_toelichting(self):
        return VELD_TOELICHTING.format(pk=self.vraag.pk)

    @property
    def veld_versie(self):
        return VELD_VERSIE.format(pk=self.vraag.pk)


def uitgangspunten_van(respondent: Respondent) -> list[Uitgangspunt]:
    """All uitgangspunten of the scan's framework version with their questions (2 queries)."""
    return list(
        Uitgangspunt.objects.filter(versie_id=respondent.scan.kaderversie_id)
        .order_by("volgorde")
        .prefetch_related(Prefetch("checkvragen", queryset=CheckVraag.objects.order_by("volgorde")))
    )


def pagina_vragen(respondent: Respondent, uitgangspunt: Uitgangspunt) -> list[PaginaVraag]:
    """The questions of one page with the respondent's stored answers (1 query)."""
    vragen = list(uitgangspunt.checkvragen.all())
    antwoorden = {
        a.checkvraag_id: a
        for a in Antwoord.objects.filter(respondent=respondent, checkvraag__in=vragen)
    }
    resultaat = []
    for vraag in vragen:
        antwoord = antwoorden.get(vraag.pk)
        resultaat.append(
            PaginaVraag(
                vraag=vraag,
                waarde=antwoord.waarde if antwoord else "",
                toelichting=antwoord.toelichting if antwoord else "",
                versie=antwoord.versie if antwoord else 0,
            )
        )
    return resultaat


def lees_pagina_invoer(vragen: list[PaginaVraag], data) -> bool:
    """Fill the page questions from POST data. Returns True when all input is valid."""
    geldig = True
    for pv in vragen:
        waarde = data.get(pv.veld_waarde, "")
        toelichting = data.get(pv.veld_toelichting, "").replace("\r\n", "\n").strip()
        try:
            versie = int(data.get(pv.veld_versie, "0"))
        except ValueError:
            versie = -1
        pv.opgeslagen_waarde, pv.opgeslagen_toelichting = pv.waarde, pv.toelichting
        pv.waarde, pv.toelichting, pv.versie_invoer = waarde, toelichting, versie
        try:
            pv.toelichting = controleer_antwoord(waarde, toelichting)
        except OngeldigeInvoer as exc:
            pv.fout = str(exc)
            geldig = False
    return geldig
