"""The team page of a gemeente: who works for it in VIT, with their role; a coördinator changes
roles and takes people out of the team. Views read input, call the team service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.models import Lidmaatschap

from . import team

ROL = Lidmaatschap.Rol


@require_safe
@login_required
def kiezen(request):
    """With one gemeente straight to its team; with several, a choice."""
    lidmaatschappen = list(
        Lidmaatschap.objects.filter(gebruiker=request.user)
        .select_related("gemeente")
        .order_by("gemeente__naam")
    )
    if not lidmaatschappen:
        raise PermissionDenied("U werkt in VIT niet voor een gemeente.")
    if len(lidmaatschappen) == 1:
        return redirect("team:overzicht", code=lidmaatschappen[0].gemeente.code)
    return render(request, "assessments/team/kiezen.html", {"lidmaatschappen": lidmaatschappen})


@require_safe
@login_required
def overzicht(request, code):
    lid = team.lid_van(request.user, code)
    is_coordinator = lid.rol == ROL.COORDINATOR
    andere = (
        Lidmaatschap.objects.filter(gebruiker=request.user)
        .exclude(pk=lid.pk)
        .select_related("gemeente")
        .order_by("gemeente__naam")
    )
    return render(
        request,
        "assessments/team/overzicht.html",
        {
            "gemeente": lid.gemeente,
            "mijn_lid": lid,
            "is_coordinator": is_coordinator,
            "leden": team.teamleden(lid.gemeente),
            "geschiedenis": team.geschiedenis(lid.gemeente) if is_coordinator else [],
            "andere_gemeenten": list(andere),
        },
    )


def _coordinator(request, code) -> Lidmaatschap:
    lid = team.lid_van(request.user, code)
    if lid.rol != ROL.COORDINATOR:
        raise PermissionDenied("Alleen een coördinator kan het team wijzigen.")
    return lid


@require_POST
@login_required
def rol(request, code, pk):
    door = _coordinator(request, code)
    try:
        gewijzigd = team.wijzig_rol(
            door, pk, request.POST.get("gezien", ""), request.POST.get("rol", "")
        )
    except team.TeamFout as fout:
        messages.error(request, str(fout))
        return redirect("team:overzicht", code=code)
    messages.success(
        request,
        f"{team.naam_van(gewijzigd.gebruiker)} is nu {gewijzigd.get_rol_display().lower()}.",
    )
    return redirect("team:overzicht", code=code)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def verwijderen(request, code, pk):
    door = _coordinator(request, code)
    if request.method == "POST":
        try:
            weg = team.verwijder_lid(door, pk, request.POST.get("gezien", ""))
        except team.TeamFout as fout:
            messages.error(request, str(fout))
            return redirect("team:overzicht", code=code)
        messages.success(
            request,
            f"{team.naam_van(weg.gebruiker)} staat niet meer in het team van "
            f"{door.gemeente.naam}. Het account bestaat nog.",
        )
        if weg.gebruiker_id == request.user.pk:
            return redirect("mijn-omgeving")
        return redirect("team:overzicht", code=code)
    lid = get_object_or_404(
        Lidmaatschap.objects.select_related("gebruiker"), pk=pk, gemeente_id=door.gemeente_id
    )
    return render(
        request,
        "assessments/team/verwijderen.html",
        {
            "gemeente": door.gemeente,
            "lid": lid,
            "naam": team.naam_van(lid.gebruiker),
            "is_uzelf": lid.gebruiker_id == request.user.pk,
            "terug": reverse("team:overzicht", args=[code]),
        },
    )
