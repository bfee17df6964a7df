"""Pages for VNG-analisten: anonymised figures across gemeenten, never one gemeente."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from principles.models import KaderVersie
from vit.roles import is_vng_analist

from .. import anonimisering, vergelijking
from ..models import Grootteklasse

DIMENSIE_NAMEN = {
    "alle": "Alle gemeenten",
    "grootteklasse": "Grootteklasse",
    "provincie": "Provincie",
    "periode": "Periode",
}


def alleen_analisten(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_vng_analist(request.user):
            raise PermissionDenied("Deze pagina's zijn alleen voor analisten van de VNG.")
        return view(request, *args, **kwargs)

    return wrapper


def _keuzes(request, perioden):
    dimensie = request.GET.get("dimensie", "grootteklasse")
    if dimensie not in DIMENSIE_NAMEN:
        dimensie = "grootteklasse"
    try:
        periode = int(request.GET.get("periode", ""))
    except ValueError:
        periode = None
    if periode not in perioden:
        periode = perioden[0] if perioden else None
    return dimensie, periode


def _groepnamen(dimensie):
    if dimensie == "grootteklasse":
        return dict(Grootteklasse.choices)
    return {}


@require_safe
@alleen_analisten
def uitgangspunten(request):
    scans = vergelijking.deelnemende_scans()
    perioden = sorted({s.periode for s in scans.values()}, reverse=True)
    dimensie, periode = _keuzes(request, perioden)
    k = settings.VIT_ANONIMITEIT_K
    groepen = vergelijking.GROEPEN.get(dimensie, [])
    if dimensie == "periode":
        groepen = [str(p) for p in sorted(perioden)]
    per_up = vergelijking.deelnames_per_uitgangspunt(scans)
    versie = KaderVersie.objects.huidige()
    namen = _groepnamen(dimensie)
    rijen = []
    for up in versie.uitgangspunten.order_by("volgorde") if versie else []:
        uitsplitsing = anonimisering.uitsplitsen(
            per_up.get(up.sleutel, []), dimensie, periode=periode, k=k, groepen=groepen
        )
        rijen.append((up, uitsplitsing))
    kolommen = [namen.get(g, g) for g in groepen]
    deelname = anonimisering.uitsplitsen(
        [
            anonimisering.Deelname(
                s.gemeente.code, s.periode, s.gemeente.grootteklasse, s.gemeente.provincie, 0.0
            )
            for s in scans.values()
        ],
        dimensie,
        periode=periode,
        k=k,
        groepen=groepen,
    )
    return render(
        request,
        "assessments/vergelijken/uitgangspunten.html",
        {
            "rijen": rijen,
            "kolommen": kolommen,
            "deelname": deelname,
            "dimensie": dimensie,
            "dimensies": DIMENSIE_NAMEN.items(),
            "periode": periode,
            "perioden": perioden,
            "k": k,
        },
    )
