"""The vaststellen pages: per uitgangspunt the answers side by side, the proposal, the fixed
score per check-vraag and the ambition."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from assessments.gemeenten.toegang import scan_voor
from assessments.models import Lidmaatschap
from assessments.schaal import KORTE_NAMEN, NVT, WEET_NIET
from principles.bladeren import buren, zoek_uitgangspunt

from . import services
from .forms import AmbitieFormulier, VaststelFormulier
from .vaststellen import (
    niveau_tekst,
    overzicht_rijen,
    sla_ambitie_op,
    sla_vaststellingen_op,
    vaststel_gegevens,
)

AMBITIE_CONFLICT = (
    "De ambitie is intussen door iemand anders gewijzigd. Hieronder staat de opgeslagen "
    "ambitie; kies opnieuw als u die wilt aanpassen."
)


@require_safe
@login_required
def vaststellen_overzicht(request, pk):
    scan, lid = scan_voor(request, pk)
    rijen = overzicht_rijen(scan)
    is_coordinator = lid.rol == Lidmaatschap.Rol.COORDINATOR
    return render(
        request,
        "assessments/scans/vaststellen_overzicht.html",
        {
            "scan": scan,
            "rijen": rijen,
            "is_coordinator": is_coordinator,
            "ontbrekend": (
                services.ontbrekend_voor_afronden(scan) if scan.is_open and is_coordinator else []
            ),
            "totaal": {
                "vastgesteld": sum(r["vastgesteld"] for r in rijen),
                "vragen": sum(r["up"].n for r in rijen),
                "ambities": sum(1 for r in rijen if r["ambitie"]),
            },
        },
    )


def _formulieren(rijen, ambitie, niveaus, data):
    """One form per check-vraag (bound to ``data`` when sent) and one for the ambition."""
    for rij in rijen:
        rij.formulier = VaststelFormulier(
            data,
            initial=rij.opgeslagen,
            vraag=rij.vraag,
            antwoordniveaus=niveaus,
            voorstel=rij.voorstel,
        )
    return AmbitieFormulier(data, initial=_ambitie_stand(ambitie), antwoordniveaus=niveaus)


def _ambitie_stand(ambitie) -> dict:
    return {
        "niveau": ambitie.niveau if ambitie else None,
        "versie": ambitie.versie if ambitie else 0,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def vaststellen(request, pk, sleutel):
    scan, lid = scan_voor(request, pk, schrijven=request.method == "POST")
    ups = list(scan.kaderversie.uitgangspunten.order_by("volgorde"))
    gevonden = zoek_uitgangspunt(ups, sleutel)
    if gevonden is None:
        raise Http404
    index, up = gevonden
    vorige, volgende = buren(ups, index)
    niveaus = list(scan.kaderversie.antwoordniveaus.order_by("waarde"))
    is_coordinator = lid.rol == Lidmaatschap.Rol.COORDINATOR
    # A lezer, and anyone once the scan is afgerond, gets the page as text: no form at all.
    bewerkbaar = scan.is_open and is_coordinator
    verzonden = request.method == "POST"
    if verzonden and not scan.is_open:
        messages.error(request, "Deze scan is afgerond; er is niets gewijzigd.")
        return redirect("scans:detail", pk=scan.pk)
    perspectieven, rijen, ambitie = vaststel_gegevens(scan, up, niveaus)
    ambitie_form = None
    if bewerkbaar:
        ambitie_form = _formulieren(rijen, ambitie, niveaus, request.POST if verzonden else None)
    fouten, conflicten, opgeslagen = [], [], {}
    if verzonden:
        fouten, conflicten, ambitie_form, opgeslagen, ambitie = _verwerk(
            request, scan, up, rijen, ambitie_form, ambitie
        )
        if not fouten and not conflicten:
            messages.success(request, f"De scores en de ambitie voor '{up.naam}' zijn opgeslagen.")
            if request.POST.get("actie") == "volgende" and volgende:
                return redirect("scans:vaststellen", pk=scan.pk, sleutel=volgende.sleutel.lower())
            return redirect("scans:vaststellen-overzicht", pk=scan.pk)
    status = 409 if conflicten else (400 if fouten else 200)
    return render(
        request,
        "assessments/scans/vaststellen.html",
        {
            "scan": scan,
            "up": up,
            "rijen": rijen,
            "perspectieven": perspectieven,
            "ambitie_form": ambitie_form,
            "ambitie_tekst": (
                niveau_tekst(ambitie.niveau, rijen[0].labels if rijen else {})
                if ambitie and ambitie.niveau
                else ""
            ),
            "aantal_vastgesteld": sum(1 for rij in rijen if rij.is_vastgesteld),
            "fouten": fouten,
            "conflicten": conflicten,
            "opgeslagen": opgeslagen,
            "nummer": index + 1,
            "aantal": len(ups),
            "vorige": vorige,
            "volgende": volgende,
            "antwoordschaal": niveaus,
            "andere_koppen": [KORTE_NAMEN[WEET_NIET], KORTE_NAMEN[NVT]],
            "bewerkbaar": bewerkbaar,
            "is_coordinator": is_coordinator,
        },
        status=status,
    )


def _verwerk(request, scan, up, rijen, ambitie_form, ambitie):
    """Validate and store the page. Returns the rows (or "ambitie") with errors, those in
    conflict, the ambition form to show, what of the page is stored now ({"scores": n,
    "ambitie": bool}; empty when nothing is) and the ambition as stored now. Invalid input
    stores nothing; the scores of the page are stored all or none (except those someone else
    changed meanwhile)."""
    geldig = all(rij.formulier.is_valid() for rij in rijen) & ambitie_form.is_valid()
    fouten = [rij for rij in rijen if rij.formulier.errors]
    if ambitie_form.errors:
        fouten.append("ambitie")
    if not geldig:
        return fouten, [], ambitie_form, {}, ambitie
    invoer = [
        (
            rij.vraag.pk,
            rij.formulier.cleaned_data["waarde"],
            rij.formulier.cleaned_data["reden"],
            rij.voorstel,
            rij.formulier.cleaned_data["versie"],
        )
        for rij in rijen
    ]
    fout_per_vraag, versies, conflict_ids = sla_vaststellingen_op(scan, invoer, request.user)
    for rij in rijen:
        if rij.vraag.pk in fout_per_vraag:
            rij.formulier.add_error("waarde", fout_per_vraag[rij.vraag.pk])
            fouten.append(rij)
        rij.conflict = rij.vraag.pk in conflict_ids
    conflicten = [rij for rij in rijen if rij.conflict]
    ambitie_stand, ambitie_versie = "opgeslagen", 0
    try:
        ambitie_versie = sla_ambitie_op(
            scan, up.pk, ambitie_form.cleaned_data["niveau"], ambitie_form.cleaned_data["versie"]
        )
    except services.OngeldigeInvoer as exc:
        ambitie_form.add_error("niveau", str(exc))
        fouten.append("ambitie")
        ambitie_stand = "fout"
    except services.Conflict:
        conflicten.append("ambitie")
        ambitie_stand = "conflict"
    if fouten or conflicten:
        ambitie = _ververs(scan, up, rijen, scores_opgeslagen=not fout_per_vraag)
        if ambitie_stand == "conflict":
            ambitie_form = ambitie_form.met_opgeslagen(_ambitie_stand(ambitie), AMBITIE_CONFLICT)
        elif ambitie_stand == "opgeslagen":
            ambitie_form = AmbitieFormulier(initial=_ambitie_stand(ambitie), **ambitie_form.opbouw)
    # What the page sent that is in the database now (a row left empty is nothing stored).
    scores = sum(1 for k, v in versies.items() if v and k not in conflict_ids)
    ambitie_bewaard = ambitie_stand == "opgeslagen" and ambitie_versie > 0
    opgeslagen = {"scores": scores, "ambitie": ambitie_bewaard} if scores or ambitie_bewaard else {}
    return fouten, conflicten, ambitie_form, opgeslagen, ambitie


def _ververs(scan, up, rijen, scores_opgeslagen: bool):
    """After a partly stored page: rows stored now show their new version; a row changed by
    someone else meanwhile shows what is stored, with what this coördinator had chosen beside
    it; rows with an error keep what was typed. Nothing of anyone is overwritten or lost.
    Returns the ambition as stored now."""
    _, vers, ambitie = vaststel_gegevens(scan, up)
    for rij, nu in zip(rijen, vers, strict=True):
        rij.vastgesteld = nu.vastgesteld
        if rij.conflict:
            poging = rij.formulier.cleaned_data
            melding = (
                "Intussen door iemand anders vastgesteld. U had gekozen: "
                f"{poging['waarde'] or 'niets'}"
            )
            if poging["reden"]:
                melding += f', met als reden: "{poging["reden"]}"'
            rij.formulier = rij.formulier.met_opgeslagen(rij.opgeslagen, melding + ".")
        elif scores_opgeslagen:
            rij.formulier = VaststelFormulier(initial=rij.opgeslagen, **rij.formulier.opbouw)
    return ambitie
