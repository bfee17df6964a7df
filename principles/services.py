"""Reading the published framework for the public pages."""

from django.db.models import Count, Prefetch
from django.http import Http404

from .models import CheckVraag, Handreiking, KaderVersie, Koppeling, Uitgangspunt

__all__ = ["huidige_versie_of_404", "uitgangspunten_met_koppelingen"]


def huidige_versie_of_404() -> KaderVersie:
    versie = KaderVersie.objects.huidige()
    if versie is None:
        raise Http404("Er is nog geen gepubliceerde versie van het kader.")
    return versie


def uitgangspunten_met_koppelingen(versie: KaderVersie):
    """All uitgangspunten of a version with their links and counts, in a fixed number of queries."""
    return (
        versie.uitgangspunten.annotate(aantal_vragen=Count("checkvragen", distinct=True))
        .prefetch_related(
            Prefetch(
                "koppeling_set",
                queryset=Koppeling.objects.select_related("basisfunctionaliteit").order_by(
                    "basisfunctionaliteit__volgorde"
                ),
            )
        )
        .order_by("volgorde")
    )


def uitgangspunt_detail(versie: KaderVersie, sleutel: str) -> Uitgangspunt:
    qs = versie.uitgangspunten.prefetch_related(
        Prefetch("checkvragen", queryset=CheckVraag.objects.order_by("volgorde")),
        Prefetch("handreikingen", queryset=Handreiking.objects.order_by("soort", "titel")),
        Prefetch(
            "koppeling_set",
            queryset=Koppeling.objects.select_related("basisfunctionaliteit"),
        ),
    )
    try:
        return qs.get(sleutel__iexact=sleutel)
    except Uitgangspunt.DoesNotExist as exc:
        raise Http404("Dit uitgangspunt bestaat niet in de huidige versie van het kader.") from exc
