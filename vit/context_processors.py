from django.urls import reverse

from .roles import is_inhoudsbeheerder, is_vng_analist, mag_publiceren, vereist_tweede_factor


def navigatie(request):
    """The main menu, with the current section marked."""
    pad = request.path
    items = [
        ("Over VIT", reverse("home"), pad == reverse("home")),
        ("Het kader", reverse("principles:kader"), pad.startswith(reverse("principles:kader"))),
    ]
    user = getattr(request, "user", None)
    # Until the second step is done, the menu offers only the public pages.
    halverwege = (
        user is not None
        and vereist_tweede_factor(user)
        and not getattr(user, "is_verified", lambda: False)()
    )
    if user is not None and user.is_authenticated and not halverwege:
        mijn = reverse("mijn-omgeving")
        items.append(("Mijn omgeving", mijn, pad.startswith(mijn)))
        if is_vng_analist(user):
            vergelijken = reverse("vergelijken:overzicht")
            items.append(("Vergelijken", vergelijken, pad.startswith(vergelijken)))
        elif mag_publiceren(user):
            # A rondebeheerder who does not compare reaches the rondes directly.
            rondes = reverse("vergelijken:rondes")
            items.append(("Rondes", rondes, pad.startswith(rondes)))
        if user.lidmaatschappen.exists():
            scans = reverse("scans:lijst")
            items.append(("Scans", scans, pad.startswith(scans)))
        if user.is_staff and (user.is_superuser or is_inhoudsbeheerder(user)):
            beheer = reverse("admin:index")
            items.append(("Beheer", beheer, pad.startswith(beheer)))
    # Someone answering from a personal link needs no account: no "Inloggen", no site menu
    # that leads away from the questions (the page has its own navigation).
    match = getattr(request, "resolver_match", None)
    ingelogd = user is not None and user.is_authenticated
    if match is not None and match.namespace == "vragenlijst" and not ingelogd:
        return {"hoofdmenu": [], "zonder_inloggen": True}
    return {
        "hoofdmenu": [
            {"label": label, "url": url, "actief": actief} for label, url, actief in items
        ]
    }
