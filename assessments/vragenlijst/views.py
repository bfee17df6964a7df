"""The questionnaire a respondent fills in from the personal link, without an account."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from assessments.models import Antwoord
from assessments.schaal import TOELICHTING_MAX, Waarde
from principles.bladeren import buren, zoek_uitgangspunt

from .forms import AntwoordFormulier, antwoordkeuzes
from .pagina import markeer_conflict, pagina_vragen, uitgangspunten_van
from .services import (
    Conflict,
    OngeldigeInvoer,
    onthoud_pagina,
    respondent_voor_token,
    rond_af,
    sla_antwoord_op,
    sla_antwoorden_op,
    voortgang,
)


def _ongeldige_link(request):
    return render(request, "assessments/vragenlijst/ongeldige_link.html", status=404)


def met_respondent(view):
    """Resolve the token in the URL; an unknown, expired or revoked link gets one plain page."""

    def wrapper(request, token, *args, **kwargs):
        respondent = respondent_voor_token(token)
        if respondent is None:
            return _ongeldige_link(request)
        return view(request, respondent, token, *args, **kwargs)

    wrapper.__name__ = view.__name__
    return never_cache(wrapper)


def _voortgang_per_up(respondent, uitgangspunten):
    waarden = dict(
        Antwoord.objects.filter(respondent=respondent).values_list("checkvraag_id", "waarde")
    )
    per_up = []
    alle = []
    for up in uitgangspunten:
        vragen = up.vragen  # only those asked of the respondent (``uitgangspunten_van``)
        w = [waarden.get(v.pk, "") for v in vragen]
        alle.extend(w)
        per_up.append((up, voortgang(w, len(vragen))))
    return per_up, voortgang(alle, len(alle))


def voortgang_tekst(totaal) -> str:
    return (
        f"U heeft {totaal.beantwoord} van de {totaal.van_toepassing} vragen beantwoord "
        "die voor u van toepassing zijn."
    )


BEVESTIG_VERGETEN = (
    "Vink aan dat u klaar bent en de vragenlijst wilt afronden; daarna kunt u niets meer wijzigen."
)


def _context(respondent, token, **extra):
    return {
        "respondent": respondent,
        "scan": respondent.scan,
        "token": token,
        "afgerond": respondent.afgerond_op is not None or not respondent.scan.is_open,
        "max_toelichting": TOELICHTING_MAX,
        **extra,
    }


@met_respondent
@require_http_methods(["GET", "HEAD"])
def start(request, respondent, token):
    uitgangspunten = uitgangspunten_van(respondent)
    per_up, totaal = _voortgang_per_up(respondent, uitgangspunten)
    hervat = None
    if respondent.laatste_pagina:
        hervat = next(
            (up for up in uitgangspunten if up.sleutel == respondent.laatste_pagina), None
        )
    return render(
        request,
        "assessments/vragenlijst/start.html",
        _context(
            respondent,
            token,
            eerste=uitgangspunten[0] if uitgangspunten else None,
            hervat=hervat,
            totaal=totaal,
            aantal_uitgangspunten=len(uitgangspunten),
            antwoordschaal=respondent.scan.kaderversie.antwoordniveaus.order_by("waarde"),
        ),
    )


@met_respondent
@require_http_methods(["GET", "HEAD", "POST"])
def pagina(request, respondent, token, sleutel):
    uitgangspunten = uitgangspunten_van(respondent)
    gevonden = zoek_uitgangspunt(uitgangspunten, sleutel)
    if gevonden is None:
        raise Http404("Deze pagina bestaat niet in deze vragenlijst.")
    index, up = gevonden
    vorige, volgende = buren(uitgangspunten, index)
    afgerond = respondent.afgerond_op is not None or not respondent.scan.is_open
    keuzes = antwoordkeuzes(respondent.scan.kaderversie)
    verzonden = request.method == "POST"
    if verzonden and afgerond:
        messages.error(request, "Deze vragenlijst is afgerond; er is niets gewijzigd.")
        return redirect("vragenlijst:overzicht", token=token)
    vragen = pagina_vragen(
        respondent, up, keuzes, data=request.POST if verzonden else None, alleen_lezen=afgerond
    )
    fouten = conflicten = []

    if verzonden:
        if not all(pv.formulier.is_valid() for pv in vragen):
            fouten = [pv for pv in vragen if pv.formulier.errors]
        else:
            conflicten = _sla_pagina_op(respondent, vragen)
            if not conflicten:
                onthoud_pagina(respondent, up.sleutel)
                actie = request.POST.get("actie", "volgende")
                if actie == "vorige" and vorige:
                    doel = reverse("vragenlijst:pagina", args=[token, vorige.sleutel.lower()])
                elif actie == "volgende" and volgende:
                    doel = reverse("vragenlijst:pagina", args=[token, volgende.sleutel.lower()])
                elif actie == "blijf":
                    doel = reverse("vragenlijst:pagina", args=[token, up.sleutel.lower()])
                else:
                    doel = reverse("vragenlijst:overzicht", args=[token])
                messages.success(request, f"Uw antwoorden bij '{up.naam}' zijn opgeslagen.")
                return redirect(doel)
    elif not afgerond:
        onthoud_pagina(respondent, up.sleutel)

    status = 400 if fouten else (409 if conflicten else 200)
    _, totaal = _voortgang_per_up(respondent, uitgangspunten)
    return render(
        request,
        "assessments/vragenlijst/pagina.html",
        _context(
            respondent,
            token,
            up=up,
            vragen=vragen,
            vorige=vorige,
            volgende=volgende,
            nummer=index + 1,
            aantal=len(uitgangspunten),
            fouten=fouten,
            conflicten=conflicten,
            afgerond=afgerond,
            # The general levels, unless every question describes its own (framework v2).
            niveaus=(
                keuzes.niveaus() if afgerond and not all(pv.vraag.niveaus for pv in vragen) else []
            ),
            totaal=totaal,
        ),
        status=status,
    )


def _sla_pagina_op(respondent, vragen):
    """Save the page in one go; returns the questions that were changed elsewhere meanwhile."""
    invoer = [
        (
            pv.vraag.pk,
            pv.formulier.cleaned_data["waarde"],
            pv.formulier.cleaned_data["toelichting"],
            pv.formulier.cleaned_data["versie"],
        )
        for pv in vragen
    ]
    _, conflict_ids = sla_antwoorden_op(respondent, invoer)
    if not conflict_ids:
        return []
    opgeslagen = {
        a.checkvraag_id: a
        for a in Antwoord.objects.filter(respondent=respondent, checkvraag_id__in=conflict_ids)
    }
    conflicten = [pv for pv in vragen if pv.vraag.pk in conflict_ids]
    for pv in conflicten:
        markeer_conflict(pv, opgeslagen.get(pv.vraag.pk))
    return conflicten


@met_respondent
@require_POST
def antwoord(request, respondent, token):
    """Autosave of one answer (JavaScript). Answers in JSON with the new version."""
    formulier = AntwoordFormulier(request.POST, keuzes=Waarde.choices)
    try:
        vraag_id = int(request.POST.get("vraag", ""))
    except ValueError:
        vraag_id = None
    if vraag_id is None or "versie" not in request.POST or not formulier.is_valid():
        fout = next(iter(formulier.errors.values()), ["Dit antwoord kon niet worden opgeslagen."])
        return JsonResponse({"fout": fout[0]}, status=400)
    if formulier.cleaned_data["versie"] < 0:
        return JsonResponse({"fout": "Dit antwoord kon niet worden opgeslagen."}, status=400)
    try:
        versie = sla_antwoord_op(
            respondent,
            vraag_id,
            formulier.cleaned_data["waarde"],
            formulier.cleaned_data["toelichting"],
            formulier.cleaned_data["versie"],
        )
    except OngeldigeInvoer as exc:
        return JsonResponse({"fout": str(exc)}, status=400)
    except Conflict:
        return JsonResponse(
            {
                "fout": "Dit antwoord is intussen in een ander venster gewijzigd. "
                "Laad de pagina opnieuw om het opgeslagen antwoord te zien; "
                "uw laatste wijziging is niet opgeslagen."
            },
            status=409,
        )
    _, totaal = _voortgang_per_up(respondent, uitgangspunten_van(respondent))
    return JsonResponse(
        {
            "versie": versie,
            "melding": "Opgeslagen",
            "voortgang": voortgang_tekst(totaal),
            "beantwoord": totaal.beantwoord,
            "van_toepassing": totaal.van_toepassing,
        }
    )


@met_respondent
@require_http_methods(["GET", "HEAD", "POST"])
def overzicht(request, respondent, token):
    uitgangspunten = uitgangspunten_van(respondent)
    per_up, totaal = _voortgang_per_up(respondent, uitgangspunten)
    fout_bevestig = ""
    nog_open = respondent.afgerond_op is None and respondent.scan.is_open
    if request.method == "POST" and nog_open and request.POST.get("bevestig") != "ja":
        # A form error beside the checkbox, with nothing changed.
        fout_bevestig = BEVESTIG_VERGETEN
    elif request.method == "POST":
        try:
            rond_af(respondent, int(request.POST.get("versie", "")))
        except ValueError:
            messages.error(request, "De vragenlijst kon niet worden afgerond. Probeer het opnieuw.")
        except OngeldigeInvoer as exc:
            messages.error(request, str(exc))
        except Conflict:
            messages.error(
                request,
                "De vragenlijst is intussen gewijzigd of al afgerond in een ander venster. "
                "Bekijk hieronder de actuele stand.",
            )
        else:
            messages.success(request, "Dank u wel. Uw antwoorden zijn afgerond en verstuurd.")
        return redirect("vragenlijst:overzicht", token=token)
    respondent.refresh_from_db(fields=["afgerond_op", "versie"])
    return render(
        request,
        "assessments/vragenlijst/overzicht.html",
        _context(respondent, token, per_up=per_up, totaal=totaal, fout_bevestig=fout_bevestig),
        status=400 if fout_bevestig else 200,
    )
