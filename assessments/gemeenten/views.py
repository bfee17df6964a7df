"""The team page of a gemeente: who works for it in VIT, with their role; a coördinator changes
roles, takes people out of the team and invites colleagues. Views read input, call the team
service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.models import Aanvraag, Lidmaatschap
from vit.eenmalig import eenmalig, nieuwe_indiening

from . import collegas, team
from .forms import CollegaUitnodigenFormulier
from .uitnodigen import LINK_GELDIG

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


def _pagina(request, lid: Lidmaatschap, form=None, status=200):
    is_coordinator = lid.rol == ROL.COORDINATOR
    andere = (
        Lidmaatschap.objects.filter(gebruiker=request.user)
        .exclude(pk=lid.pk)
        .select_related("gemeente")
        .order_by("gemeente__naam")
    )
    context = {
        "gemeente": lid.gemeente,
        "mijn_lid": lid,
        "is_coordinator": is_coordinator,
        "leden": team.teamleden(lid.gemeente),
        "geschiedenis": team.geschiedenis(lid.gemeente) if is_coordinator else [],
        "andere_gemeenten": list(andere),
    }
    if is_coordinator:
        context |= {
            "form": form or CollegaUitnodigenFormulier(),
            "indiening": request.POST.get("indiening") or nieuwe_indiening(),
            "uitnodigingen": collegas.open_uitnodigingen(lid.gemeente),
            "nu": timezone.now(),
            "link_dagen": LINK_GELDIG.days,
            "aanvragen_wachten": Aanvraag.objects.filter(
                gemeente=lid.gemeente,
                status=Aanvraag.Status.WACHT,
                beoordelaar=Aanvraag.Beoordelaar.GEMEENTE,
            ).count(),
        }
    return render(request, "assessments/team/overzicht.html", context, status=status)


@require_safe
@login_required
def overzicht(request, code):
    return _pagina(request, team.lid_van(request.user, code))


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


def _link_van(request):
    return lambda token: request.build_absolute_uri(reverse("uitnodiging:openen", args=[token]))


@require_POST
@login_required
@eenmalig
def collega_uitnodigen(request, code):
    """An address of someone already in this team gets a message at the field (the team list
    above shows them anyway); for any other address the answer is the same, whether it has an
    account or not: the team page never tells who has an account elsewhere."""
    door = _coordinator(request, code)
    form = CollegaUitnodigenFormulier(request.POST)
    if not form.is_valid():
        return _pagina(request, door, form=form)
    gegevens = form.cleaned_data
    try:
        collegas.nodig_collega_uit(
            door, gegevens["email"], gegevens["rol"], gegevens["naam"], _link_van(request)
        )
    except collegas.AlInTeam as fout:
        form.add_error("email", str(fout))
        return _pagina(request, door, form=form)
    except team.TeamFout as fout:
        messages.error(request, str(fout))
        return redirect("team:overzicht", code=code)
    messages.success(
        request,
        f"We hebben een uitnodiging gestuurd naar {gegevens['email']}. De link in de mail werkt "
        f"één keer en is {LINK_GELDIG.days} dagen geldig.",
    )
    return redirect("team:overzicht", code=code)


@require_POST
@login_required
def opnieuw(request, code, pk):
    door = _coordinator(request, code)
    try:
        uitnodiging = collegas.stuur_collega_opnieuw(door, pk, _link_van(request))
    except team.TeamFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(
            request,
            f"We hebben de uitnodiging opnieuw gestuurd naar {uitnodiging.email}, met een nieuwe "
            "link. De vorige link werkt niet meer.",
        )
    return redirect("team:overzicht", code=code)


@require_POST
@login_required
def intrekken(request, code, pk):
    door = _coordinator(request, code)
    try:
        uitnodiging = collegas.trek_collega_in(door, pk)
    except team.TeamFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(
            request,
            f"De uitnodiging aan {uitnodiging.email} is ingetrokken. De link werkt niet meer.",
        )
    return redirect("team:overzicht", code=code)
