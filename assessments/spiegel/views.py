"""The spiegel of a scan, its exports and PDF, and the ontwikkelplan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import grafieken
from assessments.gemeenten.toegang import scan_voor
from assessments.models import Actie, Lidmaatschap
from assessments.opslaan import Conflict
from vit.eenmalig import eenmalig, nieuwe_indiening

from . import export, rapport
from .forms import ActieFormulier, FocusFormulier, PlanFormulier, VoorstelFormulier
from .inhoud import maak_spiegel
from .plan import (
    ACTIEVELDEN,
    deel_in,
    focus_van,
    plan_van,
    sla_actie_op,
    sla_plan_op,
    verwijder_actie,
)


@require_safe
@login_required
def spiegel(request, pk):
    scan, lid = scan_voor(request, pk)
    uitkomst = maak_spiegel(scan)
    rijen = [(u.up.naam, u.score, u.ambitie) for u in uitkomst.uitgangspunten]
    perspectieven = uitkomst.perspectieven_met_respondenten
    per_perspectief = [
        (u.up.naam, {p.naam: u.per_perspectief.get(p.pk) for p in perspectieven})
        for u in uitkomst.uitgangspunten
    ]
    return render(
        request,
        "assessments/spiegel/spiegel.html",
        {
            "scan": scan,
            "spiegel": uitkomst,
            "staafgrafiek": grafieken.staven(rijen),
            "radargrafiek": grafieken.radar(rijen),
            "perspectievengrafiek": grafieken.perspectieven(
                per_perspectief,
                [p.naam for p in perspectieven],
                niet_gevraagd=[
                    {p.naam for p in perspectieven if p.pk in u.niet_gevraagd}
                    for u in uitkomst.uitgangspunten
                ],
            ),
            "is_coordinator": lid.rol == Lidmaatschap.Rol.COORDINATOR,
        },
    )


def _bestandsnaam(scan, extensie):
    return f"vit-{scan.gemeente.code.lower()}-{scan.periode}-{scan.pk}.{extensie}"


@require_safe
@login_required
def export_csv(request, pk):
    scan, _ = scan_voor(request, pk)
    inhoud = export.scan_als_csv(maak_spiegel(scan))
    response = HttpResponse(inhoud, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(scan, "csv")}"'
    return response


@require_safe
@login_required
def export_json(request, pk):
    scan, _ = scan_voor(request, pk)
    inhoud = export.scan_als_json(scan, maak_spiegel(scan))
    response = HttpResponse(inhoud, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(scan, "json")}"'
    return response


PLAN_CONFLICT = (
    "Iemand anders heeft het plan intussen gewijzigd. Hieronder staat wat u invulde; "
    "laad de pagina opnieuw om de nieuwe stand te zien. Er is niets overschreven."
)
# Which part of the plan a submission changes: step 1 (focus), step 3 (voorstel) or both.
PLAN_ONDERDELEN = {"focus": FocusFormulier, "voorstel": VoorstelFormulier}
PLAN_OPGESLAGEN = {
    "focus": "De focuspunten zijn opgeslagen. Voeg nu per focuspunt acties toe.",
    "voorstel": "Het voorstel aan het college is opgeslagen.",
    None: "De focuspunten en het voorstel zijn opgeslagen.",
}


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def plan(request, pk):
    scan, lid = scan_voor(request, pk, schrijven=request.method == "POST")
    ontwikkelplan = plan_van(scan)
    uitkomst = maak_spiegel(scan)
    ups = scan.kaderversie.uitgangspunten.order_by("volgorde")
    ontwikkelpunten = [u.up for u in uitkomst.ontwikkelpunten]
    focus_ids = set(ontwikkelplan.focus.values_list("pk", flat=True)) if ontwikkelplan.pk else set()
    initial = {
        # No focus yet: the spiegel's ontwikkelpunten are ticked as a suggestion.
        "focus": sorted(focus_ids) or [up.pk for up in ontwikkelpunten],
        "voorstel_aan_college": ontwikkelplan.voorstel_aan_college,
        "versie": ontwikkelplan.versie,
    }
    onderdeel = request.POST.get("onderdeel") if request.method == "POST" else None
    formulieren = {
        naam: klasse(
            request.POST if onderdeel == naam else None,
            uitgangspunten=ups,
            ontwikkelpunten=ontwikkelpunten,
            initial=initial,
            auto_id=f"{naam}_%s",
        )
        for naam, klasse in PLAN_ONDERDELEN.items()
    }
    form = formulieren.get(onderdeel)
    if request.method == "POST" and form is None:
        form = PlanFormulier(request.POST, uitgangspunten=ups, initial=initial)
        formulieren["focus"] = form
    if form is not None and form.is_valid():
        try:
            sla_plan_op(
                scan,
                form.cleaned_data["versie"],
                focus=form.cleaned_data.get("focus"),
                voorstel_aan_college=form.cleaned_data.get("voorstel_aan_college"),
            )
        except Conflict:
            form.add_error(None, PLAN_CONFLICT)
        else:
            messages.success(request, PLAN_OPGESLAGEN.get(onderdeel, PLAN_OPGESLAGEN[None]))
            return redirect("scans:plan", pk=scan.pk)
        ontwikkelplan = plan_van(scan)
        focus_ids = (
            set(ontwikkelplan.focus.values_list("pk", flat=True)) if ontwikkelplan.pk else set()
        )
    acties = (
        list(ontwikkelplan.acties.select_related("uitgangspunt", "handreiking"))
        if ontwikkelplan.pk
        else []
    )
    focus = [u for u in uitkomst.uitgangspunten if u.up.pk in focus_ids]
    return render(
        request,
        "assessments/spiegel/plan.html",
        {
            "scan": scan,
            "plan": ontwikkelplan,
            "focus_form": formulieren["focus"],
            "voorstel_form": formulieren["voorstel"],
            "indeling": deel_in(focus, acties),
            "focus": focus,
            "ontwikkelpunten": uitkomst.ontwikkelpunten,
            "is_coordinator": lid.rol == Lidmaatschap.Rol.COORDINATOR,
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@eenmalig
def actie(request, pk, actie_pk=None):
    scan, _ = scan_voor(request, pk, schrijven=True)
    bestaand = get_object_or_404(Actie, pk=actie_pk, plan__scan=scan) if actie_pk else None
    focus = list(focus_van(scan))
    if bestaand is None and not focus and request.method != "POST":
        messages.info(
            request, "Kies eerst de focuspunten; daarna voegt u per focuspunt acties toe."
        )
        return redirect("scans:plan", pk=scan.pk)
    form = ActieFormulier(
        request.POST or None,
        instance=bestaand,
        scan=scan,
        focus=focus,
        initial={"uitgangspunt": request.GET.get("uitgangspunt")} if bestaand is None else None,
    )
    if request.method == "POST" and form.is_valid():
        velden = {f: form.cleaned_data[f] for f in ACTIEVELDEN}
        try:
            actie = sla_actie_op(scan, bestaand, velden, form.cleaned_data["versie"])
        except Conflict:
            form.add_error(
                None,
                "Iemand anders heeft deze actie intussen gewijzigd. Uw wijziging is niet "
                "opgeslagen; laad de pagina opnieuw om de nieuwe stand te zien.",
            )
        else:
            messages.success(
                request,
                "De actie is toegevoegd." if bestaand is None else "De actie is opgeslagen.",
            )
            return redirect(f"{reverse('scans:plan', args=[scan.pk])}#up-{actie.uitgangspunt_id}")
    return render(
        request,
        "assessments/spiegel/actie.html",
        {
            "scan": scan,
            "form": form,
            "bestaand": bestaand,
            "focus": focus,
            "indiening": request.POST.get("indiening") or nieuwe_indiening(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def actie_verwijderen(request, pk, actie_pk):
    scan, _ = scan_voor(request, pk, schrijven=True)
    verwijder_actie(scan, actie_pk)
    messages.success(request, "De actie is verwijderd.")
    return redirect("scans:plan", pk=scan.pk)


@require_safe
@login_required
def rapport_pdf(request, pk):
    scan, _ = scan_voor(request, pk)
    pdf = rapport.maak_pdf(scan, maak_spiegel(scan))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(scan, "pdf")}"'
    return response
