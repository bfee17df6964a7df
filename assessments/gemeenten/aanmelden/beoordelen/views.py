"""The queue of requests for access and the decision on one. A functioneel beheerder (VNG,
after the second step) sees every confirmed request; a coördinator those for their own
gemeenten; anyone else is refused. Views read input, call the ``aanvragen`` service, render."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from assessments.models import Aanvraag
from vit.eenmalig import eenmalig, nieuwe_indiening

from ... import aanvragen
from ..forms import AfwijzenFormulier


def alleen_beoordelaars(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not aanvragen.mag_beoordelen(user):
            raise PermissionDenied("Aanvragen beoordelen de coördinatoren en de beheerder.")
        if user.is_superuser and not user.is_verified():
            raise PermissionDenied("Log eerst in met de tweede stap (code uit uw app).")
        return view(request, *args, **kwargs)

    return wrapper


def _link_van(request):
    return lambda token: request.build_absolute_uri(
        reverse("uitnodiging:openen", kwargs={"token": token})
    )


@require_safe
@alleen_beoordelaars
def lijst(request):
    lijsten = aanvragen.wachtrij(request.user)
    return render(
        request,
        "assessments/aanmelden/lijst.html",
        {
            "is_beheerder": request.user.is_superuser,
            "voor_vng": lijsten[Aanvraag.Beoordelaar.VNG],
            "voor_gemeente": lijsten[Aanvraag.Beoordelaar.GEMEENTE],
            "afgehandeld": aanvragen.afgehandeld(request.user),
        },
    )


def _detail(request, aanvraag, form=None, status=200):
    return render(
        request,
        "assessments/aanmelden/detail.html",
        {
            "aanvraag": aanvraag,
            "is_beheerder": request.user.is_superuser,
            "open": aanvraag.status == Aanvraag.Status.WACHT,
            "form": form or AfwijzenFormulier(),
            "indiening": nieuwe_indiening(),
        },
        status=status,
    )


def _zoek(request, pk) -> Aanvraag:
    aanvraag = aanvragen.zichtbaar_voor(request.user).filter(pk=pk).first()
    if aanvraag is None:
        raise Http404("Deze aanvraag bestaat niet of u mag hem niet zien.")
    return aanvraag


@require_safe
@alleen_beoordelaars
def detail(request, pk):
    return _detail(request, _zoek(request, pk))


@require_POST
@alleen_beoordelaars
@eenmalig
def goedkeuren(request, pk):
    try:
        aanvraag = aanvragen.goedkeuren(request.user, pk, _link_van(request))
    except Aanvraag.DoesNotExist as exc:
        raise Http404("Deze aanvraag bestaat niet of u mag hem niet zien.") from exc
    except aanvragen.AanvraagFout as fout:
        messages.error(request, str(fout))
        return _detail(request, _zoek(request, pk), status=409)
    messages.success(
        request,
        f"De aanvraag van {aanvraag.naam} is goedgekeurd. We hebben een uitnodiging gemaild "
        f"naar {aanvraag.email} om als coördinator voor {aanvraag.gemeente.naam} te werken.",
    )
    return redirect("aanvragen:lijst")


@require_POST
@alleen_beoordelaars
@eenmalig
def afwijzen(request, pk):
    aanvraag = _zoek(request, pk)
    form = AfwijzenFormulier(request.POST)
    if not form.is_valid():
        return _detail(request, aanvraag, form=form, status=400)
    try:
        aanvraag = aanvragen.afwijzen(request.user, pk, form.cleaned_data["reden"])
    except aanvragen.AanvraagFout as fout:
        messages.error(request, str(fout))
        return _detail(request, _zoek(request, pk), status=409)
    messages.success(
        request,
        f"De aanvraag van {aanvraag.naam} is afgewezen. We hebben de reden gemaild naar "
        f"{aanvraag.email}.",
    )
    return redirect("aanvragen:lijst")
