"""Pages for VNG-analisten: anonymised figures across gemeenten, never one gemeente.

Every page is a list of tables from ``analyse``; its CSV export is made from the same tables."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from principles.models import KaderVersie
from vit.roles import is_vng_analist

from .. import analyse, grafieken, vergelijking

PAGINAS = {
    "overzicht": "Deelname",
    "uitgangspunten": "Scores",
    "checkvragen": "Check-vragen",
    "ontwikkeling": "Ontwikkeling",
}


def alleen_analisten(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_vng_analist(request.user):
            raise PermissionDenied("Deze pagina's zijn alleen voor analisten van de VNG.")
        if not request.user.is_verified():
            raise PermissionDenied("Log eerst in met de tweede stap (code uit uw app).")
        return view(request, *args, **kwargs)

    return wrapper


def _keuze(request, perioden, dimensies, uitgangspunten=()):
    dimensie = request.GET.get("dimensie", "")
    if dimensie not in dimensies:
        dimensie = dimensies[0] if dimensies else "alle"
    try:
        periode = int(request.GET.get("periode", ""))
    except ValueError:
        periode = None
    if periode not in perioden:
        periode = perioden[0] if perioden else None
    uitgangspunt = request.GET.get("uitgangspunt", "")
    sleutels = [up.sleutel for up in uitgangspunten]
    if uitgangspunt not in sleutels:
        uitgangspunt = sleutels[0] if sleutels else None
    return analyse.Keuze(dimensie, periode, uitgangspunt, perioden)


def _grafiek(tabel):
    rijen = [(rij.label, rij.cel) for rij in tabel.rijen]
    if tabel.soort == "niveaus":
        return "verdeling", grafieken.verdeling(rijen)
    if tabel.soort in ("scores", "ontwikkeling"):
        return "spreiding", grafieken.spreiding(rijen)
    return None, None


def _pagina(request, naam, bouwer, dimensies=(), met_uitgangspunt=False):
    scans = vergelijking.deelnemende_scans()
    perioden = sorted({s.periode for s in scans.values()}, reverse=True)
    uitgangspunten = []
    if met_uitgangspunt:
        versie = KaderVersie.objects.huidige()
        uitgangspunten = list(versie.uitgangspunten.order_by("volgorde")) if versie else []
    keuze = _keuze(request, perioden, list(dimensies), uitgangspunten)
    k = analyse.k_instelling()
    tabellen = bouwer(scans, keuze, k) if perioden else []
    if request.GET.get("formaat") == "csv":
        response = HttpResponse(analyse.als_csv(tabellen), content_type="text/csv; charset=utf-8")
        delen = [naam, keuze.dimensie if dimensies else "", str(keuze.periode or "")]
        if met_uitgangspunt:
            delen.append(keuze.uitgangspunt or "")
        bestandsnaam = "vit-vergelijken-" + "-".join(d for d in delen if d).lower() + ".csv"
        response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
        return response
    blokken = []
    for tabel in tabellen:
        soort, grafiek = _grafiek(tabel)
        blokken.append({"tabel": tabel, "grafieksoort": soort, "grafiek": grafiek})
    csv_query = request.GET.copy()
    csv_query["formaat"] = "csv"
    csv_query["dimensie"] = keuze.dimensie
    if keuze.periode:
        csv_query["periode"] = keuze.periode
    if keuze.uitgangspunt:
        csv_query["uitgangspunt"] = keuze.uitgangspunt
    gekozen_up = next((up for up in uitgangspunten if up.sleutel == keuze.uitgangspunt), None)
    return render(
        request,
        f"assessments/vergelijken/{naam}.html",
        {
            "pagina": naam,
            "paginas": [(n, titel, reverse(f"vergelijken:{n}")) for n, titel in PAGINAS.items()],
            "blokken": blokken,
            "keuze": keuze,
            "dimensies": [(d, analyse.DIMENSIES[d]) for d in dimensies],
            "toon_periode": keuze.dimensie != "periode" and naam != "ontwikkeling",
            "perioden": perioden,
            "uitgangspunten": uitgangspunten,
            "gekozen_uitgangspunt": gekozen_up,
            "k": k,
            "csv_url": "?" + csv_query.urlencode(),
        },
    )


@require_safe
@alleen_analisten
def overzicht(request):
    return _pagina(request, "overzicht", analyse.overzicht)


@require_safe
@alleen_analisten
def uitgangspunten(request):
    return _pagina(
        request, "uitgangspunten", analyse.scores, ("alle", "grootteklasse", "provincie")
    )


@require_safe
@alleen_analisten
def checkvragen(request):
    return _pagina(
        request,
        "checkvragen",
        analyse.checkvragen,
        ("alle", "grootteklasse", "provincie", "periode"),
        met_uitgangspunt=True,
    )


@require_safe
@alleen_analisten
def ontwikkeling(request):
    return _pagina(request, "ontwikkeling", analyse.ontwikkeling)
