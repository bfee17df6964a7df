"""Reading the published framework for the public pages."""

from django.db.models import Count, Exists, OuterRef, Prefetch

from .models import (
    CheckVraag,
    Handreiking,
    KaderVersie,
    Koppeling,
    Uitgangspunt,
    VraagPerspectief,
)
from .models_v2 import perspectief_prefetch

__all__ = [
    "gestelde_vragen",
    "huidige_versie",
    "uitgangspunt_detail",
    "uitgangspunten_met_koppelingen",
    "vragen_voor_perspectief",
]


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
        Prefetch(
            "checkvragen",
            queryset=CheckVraag.objects.order_by("volgorde").prefetch_related(
                perspectief_prefetch()
            ),
        ),
        Prefetch("handreikingen", queryset=Handreiking.objects.order_by("soort", "titel")),
        Prefetch(
            "koppeling_set",
            queryset=Koppeling.objects.select_related("basisfunctionaliteit").order_by(
                "basisfunctionaliteit__volgorde"
            ),
        ),
    )
    return qs.filter(sleutel__iexact=sleutel).first()


def vragen_voor_perspectief(versie: KaderVersie, perspectief_sleutel: str):
    """The check-vragen of ``versie`` asked of this perspective, in the usual order (by
    uitgangspunt, then question), with their uitgangspunt and perspective rows fetched, so
    ``tekst_voor``/``helptekst_voor``/``gesteld_aan`` cost no query. A question without
    perspective rows (every v1 question) is asked of everyone, so is always included."""
    rijen = VraagPerspectief.objects.filter(checkvraag=OuterRef("pk"))
    return (
        CheckVraag.objects.filter(uitgangspunt__versie=versie)
        .filter(~Exists(rijen) | Exists(rijen.filter(perspectief__sleutel=perspectief_sleutel)))
        .select_related("uitgangspunt")
        .prefetch_related(perspectief_prefetch())
        .order_by("uitgangspunt__volgorde", "volgorde")
    )


def gestelde_vragen(versie: KaderVersie) -> dict[str, set[int]] | None:
    """Perspective key -> ids of the questions of ``versie`` asked of it, for every declared
    perspective (also those asked nothing: an empty set). None for a version without
    perspectives (v1: everyone answers everything). Two queries."""
    sleutels = list(versie.perspectieven.values_list("sleutel", flat=True))
    if not sleutels:
        return None
    gesteld: dict[str, set[int]] = {sleutel: set() for sleutel in sleutels}
    rijen = CheckVraag.objects.filter(uitgangspunt__versie=versie).values_list(
        "pk", "voor_perspectieven__perspectief__sleutel"
    )
    for pk, sleutel in rijen:
        for doel in [sleutel] if sleutel is not None else sleutels:
            gesteld[doel].add(pk)
    return gesteld
