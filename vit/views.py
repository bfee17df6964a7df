from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from principles.models import KaderVersie

from .roles import (
    is_inhoudsbeheerder,
    is_vng_analist,
    mag_publiceren,
    tweede_factor_aan,
    tweede_factor_verplicht,
)


@require_safe
def home(request):
    versie = KaderVersie.objects.huidige()
    context = {"versie": versie}
    if versie is not None:
        context["basisfunctionaliteiten"] = versie.basisfunctionaliteiten.all()
        context["aantal_uitgangspunten"] = versie.uitgangspunten.count()
    return render(request, "vit/home.html", context)


@require_safe
def toegankelijkheid(request):
    return render(request, "vit/toegankelijkheid.html")


@require_safe
def privacy(request):
    return render(
        request,
        "vit/privacy.html",
        {
            "bewaartermijn_maanden": settings.VIT_BEWAARTERMIJN_MAANDEN,
            "link_opruimen_dagen": settings.VIT_LINK_OPRUIMEN_DAGEN,
        },
    )


@require_safe
@login_required
def mijn_omgeving(request):
    """The start page after logging in: per role this person has, what it lets them do and
    the links to it. Someone with no role at all is told whom to ask."""
    user = request.user
    lidmaatschappen = list(
        user.lidmaatschappen.select_related("gemeente").order_by("gemeente__naam")
    )
    rollen = {
        "is_vng_analist": is_vng_analist(user),
        "is_rondebeheerder": mag_publiceren(user),
        "is_inhoudsbeheerder": is_inhoudsbeheerder(user),
        "is_functioneel_beheerder": user.is_superuser,
    }
    return render(
        request,
        "vit/mijn_omgeving.html",
        {
            "lidmaatschappen": lidmaatschappen,
            "is_coordinator": any(lid.rol == "coordinator" for lid in lidmaatschappen),
            # Requests for access waiting for this coördinator's gemeenten (/aanvragen/): how
            # many per gemeente, as the team page says it (one query).
            "aanvragen_wachten": list(
                user.lidmaatschappen.filter(rol="coordinator")
                .annotate(
                    wachten=Count(
                        "gemeente__aanvragen",
                        filter=Q(
                            gemeente__aanvragen__status="wacht",
                            gemeente__aanvragen__beoordelaar="gemeente",
                        ),
                    )
                )
                .filter(wachten__gt=0)
                .select_related("gemeente")
                .order_by("gemeente__naam")
            ),
            **rollen,
            "heeft_rol": bool(lidmaatschappen) or any(rollen.values()),
            "mag_beheer_openen": user.is_staff,
            "tweede_factor_verplicht": tweede_factor_verplicht(user),
            "tweede_factor_aan": tweede_factor_aan(user),
            "tweede_stap_coordinatoren": settings.VIT_TWEEDE_STAP_COORDINATOREN,
        },
    )


def niet_gevonden(request, exception=None):
    return render(request, "404.html", status=404)


def geen_toegang(request, exception=None):
    return render(request, "403.html", status=403)


def serverfout(request):
    # Rendered without the request context: the database may be what failed.
    return HttpResponseServerError(render_to_string("500.html"))


def csrf_fout(request, reason=""):
    """A form sent without a valid security token: refused, explained in Dutch."""
    return render(request, "csrf_fout.html", status=403)
