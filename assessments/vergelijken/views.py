"""Pages for VNG-analisten: anonymised figures across gemeenten, never one gemeente.

Every page is a list of tables from ``analyse``; its CSV export is made from the same tables."""

import hashlib
from dataclasses import replace
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_safe

from assessments import grafieken
from assessments.models import Ronde
from vit.roles import is_vng_analist, mag_publiceren

from . import analyse, publiceren, rondes

BEWAARTIJD = 24 * 3600  # seconds a rendered comparison page is kept

PAGINAS = {
    "overzicht": "Deelname",
    "uitgangspunten": "Scores",
    "checkvragen": "Check-vragen",
    "ontwikkeling": "Ontwikkeling",
    "rondes": "Rondes",
}


def alleen_analisten(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not (is_vng_analist(request.user) or mag_publiceren(request.user)):
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


def _zichtbaar(tabel, dimensie):
    """A breakdown by group shows the rows that can be shown; the hidden groups are only named
    (as the rows said "afgeschermd" before). The first row, all gemeenten, always stays."""
    if dimensie not in ("grootteklasse", "provincie") or tabel.soort == "deelname":
        return tabel, []
    eerste, *groepen = tabel.rijen
    verborgen = [rij.label for rij in groepen if rij.cel.verborgen]
    if not verborgen:
        return tabel, []
    rijen = [eerste] + [rij for rij in groepen if not rij.cel.verborgen]
    return replace(tabel, rijen=rijen), verborgen


def _grafiek(tabel):
    rijen = [(rij.label, rij.cel) for rij in tabel.rijen]
    if tabel.soort == "niveaus":
        return "verdeling", grafieken.verdeling(rijen)
    if tabel.soort in ("scores", "ontwikkeling"):
        return "spreiding", grafieken.spreiding(rijen)
    return None, None


def _pagina(request, naam, bouwer, dimensies=(), met_uitgangspunt=False):
    bron = publiceren.lees_bron()
    perioden = bron.perioden
    uitgangspunten = []
    if met_uitgangspunt and perioden:
        uitgangspunten = bron.onderdelen(perioden[0], rondes.UP)
    keuze = _keuze(request, perioden, list(dimensies), uitgangspunten)
    csv = request.GET.get("formaat") == "csv"
    # A page is a function of the choices and the published rondes, which never change: what
    # is computed and rendered once is kept (the key names the rondes, so a new ronde is a new
    # key and nothing has to be invalidated).
    sleutel = (
        "vit:vergelijken:"
        + hashlib.sha256(
            repr(
                (
                    naam,
                    csv,
                    keuze.dimensie,
                    keuze.periode,
                    keuze.uitgangspunt,
                    [(r.pk, r.periode, r.gepubliceerd_op.isoformat()) for r in bron.rondes],
                )
            ).encode()
        ).hexdigest()
    )
    inhoud = cache.get(sleutel)
    if inhoud is None:
        tabellen = bouwer(bron, keuze) if perioden else []
        if csv:
            inhoud = analyse.als_csv(tabellen)
        else:
            blokken = []
            for tabel in tabellen:
                tabel, verborgen = _zichtbaar(tabel, keuze.dimensie)
                soort, grafiek = _grafiek(tabel)
                blokken.append(
                    {
                        "tabel": tabel,
                        "grafieksoort": soort,
                        "grafiek": grafiek,
                        "verborgen": verborgen,
                    }
                )
            inhoud = render_to_string("assessments/vergelijken/_blokken.html", {"blokken": blokken})
        cache.set(sleutel, inhoud, BEWAARTIJD)
    if csv:
        response = HttpResponse(inhoud, content_type="text/csv; charset=utf-8")
        delen = [naam, keuze.dimensie if dimensies else "", str(keuze.periode or "")]
        if met_uitgangspunt:
            delen.append(keuze.uitgangspunt or "")
        bestandsnaam = "vit-vergelijken-" + "-".join(d for d in delen if d).lower() + ".csv"
        response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
        return response
    csv_query = request.GET.copy()
    csv_query["formaat"] = "csv"
    csv_query["dimensie"] = keuze.dimensie
    if keuze.periode:
        csv_query["periode"] = keuze.periode
    if keuze.uitgangspunt:
        csv_query["uitgangspunt"] = keuze.uitgangspunt
    gekozen_up = next((up for up in uitgangspunten if up.sleutel == keuze.uitgangspunt), None)
    toon_periode = keuze.dimensie != "periode" and naam != "ontwikkeling"
    ronde = bron.per_periode.get(keuze.periode) if toon_periode else None
    return render(
        request,
        f"assessments/vergelijken/{naam}.html",
        {
            **_navigatie(request, naam),
            "blokken_html": mark_safe(inhoud),  # noqa: S308 - rendered by our own template
            "keuze": keuze,
            "dimensies": [(d, analyse.DIMENSIES[d]) for d in dimensies],
            "toon_periode": toon_periode,
            "perioden": perioden,
            "ronde": ronde,
            "kaderversies": _kaderversies([ronde] if ronde else bron.rondes),
            "uitgangspunten": uitgangspunten,
            "gekozen_uitgangspunt": gekozen_up,
            "k": publiceren.k_instelling(),
            "csv_url": "?" + csv_query.urlencode(),
        },
    )


def _kaderversies(getoond) -> list[Ronde]:
    """The rondes shown (oldest first) when their scans were made on more than one framework
    version together, so the page can say so; [] when all are on one version (or were
    published before rondes recorded their versions)."""
    getoond = sorted((r for r in getoond if r.kaderversies), key=lambda r: r.periode)
    if len({n for r in getoond for n in r.kaderversies}) < 2:
        return []
    return getoond


def _navigatie(request, naam):
    return {
        "pagina": naam,
        "paginas": [(n, titel, reverse(f"vergelijken:{n}")) for n, titel in PAGINAS.items()],
    }


@require_safe
@alleen_analisten
def rondes_lijst(request):
    """The published rondes, and for a publisher the periods that can be published."""
    publiceren_mag = mag_publiceren(request.user)
    return render(
        request,
        "assessments/vergelijken/rondes.html",
        {
            **_navigatie(request, "rondes"),
            "rondes": list(Ronde.objects.order_by("-periode")),
            "mag_publiceren": publiceren_mag,
            "publiceerbaar": publiceren.publiceerbare_perioden() if publiceren_mag else [],
            "k": publiceren.k_instelling(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@alleen_analisten
def ronde_publiceren(request, periode):
    """Confirmation before publishing: counts of gemeenten per cell and which cells will be
    hidden for too few gemeenten, never scores. POST publishes."""
    if not mag_publiceren(request.user):
        raise PermissionDenied("Alleen een rondebeheerder van de VNG publiceert rondes.")
    if periode not in publiceren.publiceerbare_perioden():
        raise Http404("Deze periode kan niet worden gepubliceerd.")
    fout = None
    if request.method == "POST":
        if request.POST.get("bevestig") != "ja":
            fout = "Vink aan dat u de ronde wilt publiceren; daarna verandert hij niet meer."
        else:
            try:
                ronde = publiceren.publiceer(periode, request.user)
            except publiceren.NietPubliceerbaar as exc:
                messages.error(request, f"De ronde is niet gepubliceerd. {exc}")
                return redirect("vergelijken:rondes")
            messages.success(
                request,
                f"De ronde {ronde.periode} is gepubliceerd, met {ronde.aantal_gemeenten} "
                "gemeenten. De vergelijkingspagina's en de spiegels tonen nu deze cijfers.",
            )
            return redirect("vergelijken:rondes")
    voorvertoning = publiceren.voorvertoning(periode)
    return render(
        request,
        "assessments/vergelijken/publiceren.html",
        {
            **_navigatie(request, "rondes"),
            "v": voorvertoning,
            "tabellen": [
                (
                    analyse.DIMENSIES[dimensie],
                    [
                        (
                            analyse.groeplabel(dimensie, cel.groep),
                            voorvertoning.aantallen[dimensie][cel.groep],
                            cel.verborgen,
                        )
                        for cel in u.cellen
                    ],
                )
                for dimensie, u in voorvertoning.per_dimensie.items()
            ],
            "fout": fout,
            "k": voorvertoning.k,
        },
        status=400 if fout else 200,
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
