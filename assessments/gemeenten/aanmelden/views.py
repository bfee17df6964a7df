"""The public pages to ask access to VIT for a gemeente (no login). Views read input, call the
``aanvragen`` service and render; whatever the address, the answer reads the same."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from assessments.models import Aanvraag
from vit.eenmalig import eenmalig, nieuwe_indiening
from vit.netwerk import client_ip

from .. import aanvragen
from .forms import AanmeldFormulier

SESSIE_ADRES = "vit_aanmelden_adres"
SESSIE_BEVESTIGD = "vit_aanmelden_bevestigd"
TE_VEEL = (
    "Er zijn in korte tijd veel aanvragen verstuurd. Daarom nemen we nu geen nieuwe aanvraag "
    "aan. Probeer het over een uur opnieuw; met hetzelfde e-mailadres kan dat morgen weer. "
    "Er is niets bewaard en niets verstuurd."
)


@require_http_methods(["GET", "HEAD", "POST"])
@eenmalig
def formulier(request):
    form = AanmeldFormulier(request.POST or None)
    status, te_veel = 200, False
    if request.method == "POST":
        if form.is_valid():
            try:
                aanvragen.vraag_aan(
                    **form.cleaned_data,
                    ip=client_ip(request),
                    link_van=lambda token: request.build_absolute_uri(
                        reverse("aanmelden:bevestigen", kwargs={"token": token})
                    ),
                )
            except aanvragen.TeVeel:
                status, te_veel = 429, True
            else:
                request.session[SESSIE_ADRES] = form.cleaned_data["email"].strip()
                return redirect("aanmelden:verstuurd")
        else:
            status = 400
    return render(
        request,
        "assessments/aanmelden/formulier.html",
        {
            "form": form,
            "te_veel": TE_VEEL if te_veel else "",
            "indiening": request.POST.get("indiening") or nieuwe_indiening(),
        },
        status=status,
    )


@require_safe
def verstuurd(request):
    adres = request.session.get(SESSIE_ADRES, "")
    if not adres:
        return redirect("aanmelden:formulier")
    return render(
        request,
        "assessments/aanmelden/verstuurd.html",
        {"adres": adres, "geldig_uren": int(aanvragen.BEVESTIGEN_GELDIG.total_seconds() // 3600)},
    )


def _ongeldig(request, fout: aanvragen.LinkOngeldig):
    return render(
        request,
        "assessments/aanmelden/ongeldig.html",
        {"verlopen": fout.verlopen},
        status=410 if fout.verlopen else 404,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@eenmalig
def bevestigen(request, token):
    """GET only shows the button (mail scanners open links); the POST confirms."""
    try:
        if request.method != "POST":
            aanvraag = aanvragen.zoek_bevestiging(token)
            return render(
                request,
                "assessments/aanmelden/bevestigen.html",
                {"aanvraag": aanvraag, "indiening": nieuwe_indiening()},
            )
        aanvraag = aanvragen.bevestig(
            token,
            link_naar=lambda a: request.build_absolute_uri(
                reverse("aanvragen:detail", kwargs={"pk": a.pk})
            ),
        )
    except aanvragen.LinkOngeldig as fout:
        return _ongeldig(request, fout)
    request.session[SESSIE_BEVESTIGD] = {
        "gemeente": aanvraag.gemeente.naam,
        "door_gemeente": aanvraag.beoordelaar == Aanvraag.Beoordelaar.GEMEENTE,
    }
    return redirect("aanmelden:bevestigd")


@require_safe
def bevestigd(request):
    """Who decides now: the gemeente's coördinatoren, or the VNG when it has none yet."""
    return render(
        request,
        "assessments/aanmelden/bevestigd.html",
        {"bevestigd": request.session.get(SESSIE_BEVESTIGD) or {}},
    )
