from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .bladeren import buren, zoek_uitgangspunt
from .models import CheckVraag, Handreiking
from .services import huidige_versie, uitgangspunt_detail, uitgangspunten_met_koppelingen
from .templatetags.begrippen import OpDezePagina


def huidige_versie_of_404():
    versie = huidige_versie()
    if versie is None:
        raise Http404("Er is nog geen gepubliceerde versie van het kader.")
    return versie


@require_safe
def kader(request):
    versie = huidige_versie_of_404()
    uitgangspunten = list(uitgangspunten_met_koppelingen(versie))
    basisfunctionaliteiten = list(versie.basisfunctionaliteiten.order_by("volgorde"))
    per_bf = {bf.pk: [] for bf in basisfunctionaliteiten}
    for up in uitgangspunten:
        for koppeling in up.koppeling_set.all():
            per_bf[koppeling.basisfunctionaliteit_id].append((up, koppeling.reden))
    return render(
        request,
        "principles/kader.html",
        {
            "versie": versie,
            "basisfunctionaliteiten": [(bf, per_bf[bf.pk]) for bf in basisfunctionaliteiten],
            "uitgangspunten": uitgangspunten,
            "antwoordschaal": versie.antwoordniveaus.order_by("waarde"),
            "fasen": CheckVraag.Fase.choices,
            "heeft_begrippen": versie.begrippen.exists(),
            "perspectieven": list(versie.perspectieven.all()),
        },
    )


@require_safe
def uitgangspunt(request, sleutel):
    versie = huidige_versie_of_404()
    up = uitgangspunt_detail(versie, sleutel)
    if up is None:
        raise Http404("Dit uitgangspunt bestaat niet in de huidige versie van het kader.")
    vragen = list(up.checkvragen.all())
    antwoordschaal = list(versie.antwoordniveaus.order_by("waarde"))
    for vraag in vragen:
        # (level, what it looks like) for a v2 question; empty for v1 (nothing is shown)
        vraag.niveau_rijen = list(zip(antwoordschaal, vraag.niveaus, strict=False))
    per_fase = [
        (fase, label, [v for v in vragen if v.fase == fase])
        for fase, label in CheckVraag.Fase.choices
    ]
    alle = list(versie.uitgangspunten.order_by("volgorde"))
    vorige, volgende = buren(alle, zoek_uitgangspunt(alle, up.sleutel)[0])
    return render(
        request,
        "principles/uitgangspunt.html",
        {
            "versie": versie,
            "up": up,
            "per_fase": per_fase,
            "aantal_vragen": len(vragen),
            "vorige": vorige,
            "volgende": volgende,
            "antwoordschaal": antwoordschaal,
            "begrippen": OpDezePagina(versie.begrippen.all()),
        },
    )


@require_safe
def handreikingen(request):
    versie = huidige_versie_of_404()
    soort = request.GET.get("soort", "")
    geldige_soorten = dict(Handreiking.Soort.choices)
    qs = versie.handreikingen.prefetch_related("uitgangspunten").order_by("titel")
    if soort in geldige_soorten:
        qs = qs.filter(soort=soort)
    else:
        soort = ""
    return render(
        request,
        "principles/handreikingen.html",
        {
            "versie": versie,
            "handreikingen": qs,
            "soorten": Handreiking.Soort.choices,
            "gekozen_soort": soort,
        },
    )


@require_safe
def begrippen(request):
    versie = huidige_versie_of_404()
    return render(
        request,
        "principles/begrippen.html",
        {
            "versie": versie,
            "begrippen": sorted(versie.begrippen.all(), key=lambda b: b.term.casefold()),
        },
    )
