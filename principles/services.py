"""Reading the published framework for the public pages."""

from django.db.models import Count, Prefetch

from .models import CheckVraag, Handreiking, KaderVersie, Koppeling, Uitgangspunt

__all__ = ["huidige_versie", "uitgangspunt_detail", "uitgangspunten_met_koppelingen"]


def huidige_versie() -> KaderVersie | None:
    """The published version the public pages show, or None before any is published."""
    return KaderVersie.objects.huidige()


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


def uitgangspunt_detail(versie: KaderVersie, sleutel: str) -> Uitgangspunt | None:
    """The uitgangspunt with this key (any case) with its questions, handreikingen and links."""
    qs = versie.uitgangspunten.prefetch_related(
        Prefetch("checkvragen", queryset=CheckVraag.objects.order_by("volgorde")),
        Prefetch("handreikingen", queryset=Handreiking.objects.order_by("soort", "titel")),
        Prefetch(
            "koppeling_set",
            queryset=Koppeling.objects.select_related("basisfunctionaliteit"),
        ),
    )
    return qs.filter(sleutel__iexact=sleutel).first()
