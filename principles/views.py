from django.shortcuts import render
from django.views.decorators.http import require_safe

from .models import CheckVraag, Handreiking
from .services import huidige_versie_of_404, uitgangspunt_detail, uitgangspunten_met_koppelingen


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
        },
    )


@require_safe
def uitgangspunt(request, sleutel):
    versie = huidige_versie_of_404()
    up = uitgangspunt_detail(versie, sleutel)
    vragen = list(up.checkvragen.all())
    per_fase = [
        (fase, label, [v for v in vragen if v.fase == fase])
        for fase, label in CheckVraag.Fase.choices
    ]
    alle = list(versie.uitgangspunten.order_by("volgorde"))
    index = next(i for i, u in enumerate(alle) if u.pk == up.pk)
    return render(
        request,
        "principles/uitgangspunt.html",
        {
            "versie": versie,
            "up": up,
            "per_fase": per_fase,
            "aantal_vragen": len(vragen),
            "vorige": alle[index - 1] if index > 0 else None,
            "volgende": alle[index + 1] if index + 1 < len(alle) else None,
            "antwoordschaal": versie.antwoordniveaus.order_by("waarde"),
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
