"""The page behind an invitation link: make an account, or log in and accept.

Only a POST uses the link (mail scanners open links with GET). Who holds the link owns the
address, so the page may say whether it already has an account; the coördinator who invited
is never told. The second step at login, where it is required, follows from the normal
middleware on the next page, exactly as after the login form."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from assessments.gemeenten import uitnodigen
from assessments.models import Lidmaatschap

from .forms import AccountMakenFormulier

SJABLOON = "assessments/uitnodiging/openen.html"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _ongeldig(request, fout: uitnodigen.LinkOngeldig):
    """Why the link does not work. Someone already logged in is not told to log in."""
    reden = str(fout)
    ingelogd = request.user.is_authenticated
    if ingelogd and isinstance(fout, uitnodigen.AlGebruikt):
        reden = "Deze link is al gebruikt."
    return render(
        request,
        "assessments/uitnodiging/ongeldig.html",
        {"reden": reden, "anders": isinstance(fout, uitnodigen.AnderAccount), "ingelogd": ingelogd},
        status=fout.status,
    )


def _gelukt(request, lid: Lidmaatschap):
    gemeente = lid.gemeente.naam
    rol = lid.get_rol_display().lower()
    if lid.vorige_rol is None:
        tekst = f"U werkt nu in VIT voor {gemeente} als {rol}."
    elif lid.vorige_rol != lid.rol:
        tekst = f"U bent nu {rol} voor {gemeente}."
    else:
        tekst = f"U werkte al in VIT voor {gemeente} als {rol}; er is niets veranderd."
    messages.success(request, tekst)
    return redirect("mijn-omgeving")


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
@require_http_methods(["GET", "HEAD", "POST"])
def openen(request, token):
    try:
        uitnodiging = uitnodigen.zoek(token)
    except uitnodigen.LinkOngeldig as fout:
        return _ongeldig(request, fout)
    context = {
        "uitnodiging": uitnodiging,
        "gemeente": uitnodiging.gemeente,
        "rol": uitnodiging.get_rol_display().lower(),
    }
    user = request.user
    if user.is_authenticated:
        if not uitnodigen.is_adres_van(user, uitnodiging.email):
            context["ander_account"] = True
            return render(
                request, SJABLOON, context, status=403 if request.method == "POST" else 200
            )
        if request.method == "POST":
            try:
                lid = uitnodigen.neem_aan(token, user)
            except uitnodigen.LinkOngeldig as fout:
                return _ongeldig(request, fout)
            return _gelukt(request, lid)
        context["aannemen"] = True
        return render(request, SJABLOON, context)
    if uitnodigen.account_voor(uitnodiging.email) is not None:
        context["inloggen"] = f"{reverse('login')}?{urlencode({'next': request.path})}"
        return render(request, SJABLOON, context)
    form = AccountMakenFormulier(
        uitnodiging.email, request.POST or None, initial={"naam": uitnodiging.naam}
    )
    if request.method == "POST" and form.is_valid():
        try:
            gebruiker, lid = uitnodigen.maak_account(
                token, form.cleaned_data["naam"], form.cleaned_data["new_password1"]
            )
        except uitnodigen.LinkOngeldig as fout:
            return _ongeldig(request, fout)
        login(request, gebruiker, backend=BACKEND)
        return _gelukt(request, lid)
    context["form"] = form
    return render(request, SJABLOON, context)
