"""Two-step verification (TOTP): required for VNG roles and superusers (and coördinatoren when
the setting says so), and open to anyone else who turns it on.

After the password, these users give a 6-digit code from an authenticator app, or one of ten
single-use backup codes. Setting up shows a QR code (server-rendered SVG) and the key as text;
the app only counts once a correct code confirmed it."""

import math
from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import CodeFormulier, InlogFormulier, ReservecodesVernieuwenFormulier
from .roles import tweede_factor_verplicht, vereist_tweede_factor

__all__ = [
    "InlogView",
    "demo_tweede_factor",
    "heeft_apparaat",
    "maak_reservecodes",
    "wacht_melding",
]

AANTAL_RESERVECODES = 10
APP_NAAM = "Authenticator-app"
SESSIE_CODES = "vit_nieuwe_reservecodes"


def heeft_apparaat(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def maak_reservecodes(user) -> list[str]:
    """Ten new single-use backup codes; earlier codes stop working."""
    StaticDevice.objects.filter(user=user).delete()
    apparaat = StaticDevice.objects.create(user=user, name="Reservecodes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(AANTAL_RESERVECODES)]
    StaticToken.objects.bulk_create(StaticToken(device=apparaat, token=c) for c in codes)
    return codes


def demo_tweede_factor(user) -> tuple[str, list[str]]:
    """For demo accounts only: a confirmed app with a fresh random key and fresh backup codes,
    returned so they can be printed."""
    TOTPDevice.objects.filter(user=user).delete()
    apparaat = TOTPDevice.objects.create(user=user, name=APP_NAAM, confirmed=True)
    return b32encode(apparaat.bin_key).decode(), maak_reservecodes(user)


def _met_next(naam: str, volgende: str) -> str:
    return f"{_url(naam)}?{urlencode({'next': volgende})}" if volgende else _url(naam)


def _pad(doel: str, request) -> str | None:
    """A ``next`` that stays on this site: a path from the root ("/scans/"), nothing else (no
    other host, and no relative "foo" that would be taken for the name of a page)."""
    if (
        doel
        and doel.startswith("/")
        and not doel.startswith("//")
        and url_has_allowed_host_and_scheme(
            doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return doel
    return None


def _volgende(request, standaard=settings.LOGIN_REDIRECT_URL):
    return _pad(request.POST.get("next") or request.GET.get("next") or "", request) or standaard


def _schoon(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _wachttijd(apparaten) -> int | None:
    """Seconds to wait when every device refuses tries for now (too many wrong codes)."""
    wachten = []
    for apparaat in apparaten:
        toegestaan, info = apparaat.verify_is_allowed()
        if toegestaan:
            return None
        tot = (info or {}).get("locked_until")
        # Whole seconds, rounded up: 0.3 s left is "1 seconde", exactly 4 s is "4 seconden".
        wachten.append(max(1, math.ceil((tot - timezone.now()).total_seconds())) if tot else 60)
    return min(wachten) if wachten else None


def wacht_melding(seconden: int) -> str:
    """Why a code is not checked yet, and for how long: after each wrong code VIT waits a
    little longer (1, 2, 4... seconds) before it checks the next one."""
    if seconden < 60:
        duur = f"{seconden} seconde" if seconden == 1 else f"{seconden} seconden"
    else:
        minuten = -(-seconden // 60)
        duur = "1 minuut" if minuten == 1 else f"{minuten} minuten"
    return (
        f"Wacht nog {duur} en probeer het dan opnieuw met de code die op dat moment in uw app "
        "staat. Na een onjuiste code neemt VIT steeds een korte pauze, zodat niemand uw code "
        "kan raden door snel veel codes achter elkaar te proberen."
    )


def naar_tweede_stap(user, volgende: str) -> str:
    """Where someone who still owes the second step goes: the check, or setting up an app."""
    doel = "tweestaps-controleren" if heeft_apparaat(user) else "tweestaps-instellen"
    return _met_next(doel, volgende)


class InlogView(LoginView):
    """The password login; who needs a second factor goes on to it, then to ``next``."""

    authentication_form = InlogFormulier

    def get_success_url(self):
        volgende = super().get_success_url()
        user = self.request.user
        # auth.login() put the plain user on the request, without OTPMiddleware's is_verified.
        if vereist_tweede_factor(user) and not getattr(user, "is_verified", lambda: False)():
            return naar_tweede_stap(user, volgende)
        return volgende


def _bevestig_inlog(request, apparaat):
    otp_login(request, apparaat)
    request.session.cycle_key()


@sensitive_post_parameters("code")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def controleren(request):
    """The second step after the password."""
    volgende = _volgende(request)
    if request.user.is_verified():
        return redirect(volgende)
    if not heeft_apparaat(request.user):
        return redirect(_met_next("tweestaps-instellen", volgende))
    form = CodeFormulier(
        request.POST if request.method == "POST" else None, reservecode_toegestaan=True
    )
    if request.method == "POST" and form.is_valid():
        code = _schoon(form.cleaned_data["code"])
        apparaten = list(TOTPDevice.objects.filter(user=request.user, confirmed=True)) + list(
            StaticDevice.objects.filter(user=request.user, confirmed=True)
        )
        wachten = _wachttijd(apparaten)
        if wachten:
            form.add_error("code", wacht_melding(wachten))
        else:
            for apparaat in apparaten:
                if apparaat.verify_token(code):
                    _bevestig_inlog(request, apparaat)
                    if isinstance(apparaat, StaticDevice):
                        over = apparaat.token_set.count()
                        messages.warning(
                            request,
                            f"U bent ingelogd met een reservecode; die werkt niet nog eens. "
                            f"U heeft nog {over} reservecodes.",
                        )
                    return redirect(volgende)
            form.add_error(
                "code",
                "Deze code klopt niet. Neem de code die nu in uw app staat (die verandert elke "
                "30 seconden), of een reservecode die u nog niet gebruikte.",
            )
    return render(
        request, "registration/tweestaps/controleren.html", {"form": form, "next": volgende}
    )


def _url(naam):
    return reverse(naam)


def _qr_svg(data: str) -> str:
    svg = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=4).to_string(
        encoding="unicode"
    )
    # Only path data from the QR library; size it and give it a text alternative.
    begin = svg.index("<svg") + len("<svg")
    kop_einde = svg.index(">", begin)
    attributen = svg[begin:kop_einde]
    viewbox = attributen.split('viewBox="')[1].split('"')[0]
    return mark_safe(  # noqa: S308 (generated markup, no user input inside)
        f'<svg class="vit-qr" role="img" aria-label="QR-code om VIT toe te voegen aan uw '
        f'authenticator-app" width="232" height="232" viewBox="{viewbox}" '
        f'xmlns="http://www.w3.org/2000/svg"><rect width="100%" height="100%" fill="#ffffff"/>'
        f"{svg[kop_einde + 1 :]}"
    )


@sensitive_post_parameters("code")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def instellen(request):
    """Set up the authenticator app: scan, type a code, get backup codes."""
    user = request.user
    if heeft_apparaat(user) and not user.is_verified():
        # Adding a new app would get round the second step.
        return redirect(_met_next("tweestaps-controleren", request.get_full_path()))
    apparaat = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if apparaat is None:
        apparaat = TOTPDevice.objects.create(user=user, name=APP_NAAM, confirmed=False)
    form = CodeFormulier(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        wachten = _wachttijd([apparaat])
        if wachten:
            form.add_error("code", wacht_melding(wachten))
        elif apparaat.verify_token(_schoon(form.cleaned_data["code"])):
            TOTPDevice.objects.filter(user=user).exclude(pk=apparaat.pk).delete()
            apparaat.confirmed = True
            apparaat.save(update_fields=["confirmed"])
            _bevestig_inlog(request, apparaat)
            request.session[SESSIE_CODES] = maak_reservecodes(user)
            request.session["vit_na_codes"] = _volgende(request)
            return redirect("tweestaps-reservecodes")
        else:
            form.add_error(
                "code",
                "Deze code klopt niet. Controleer of de app VIT heeft toegevoegd en neem de "
                "code die nu in de app staat.",
            )
    sleutel = b32encode(apparaat.bin_key).decode()
    return render(
        request,
        "registration/tweestaps/instellen.html",
        {
            "form": form,
            "qr": _qr_svg(apparaat.config_url),
            "sleutel_blokken": [sleutel[i : i + 4] for i in range(0, len(sleutel), 4)],
            "next": _volgende(request, ""),
            "verplicht": tweede_factor_verplicht(user),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET"])
def reservecodes(request):
    """The new backup codes, shown once."""
    codes = request.session.pop(SESSIE_CODES, None)
    if not codes:
        return redirect("tweestaps")
    verder = _pad(request.session.pop("vit_na_codes", ""), request) or resolve_url(
        settings.LOGIN_REDIRECT_URL
    )
    return render(
        request, "registration/tweestaps/reservecodes.html", {"codes": codes, "verder": verder}
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def overzicht(request):
    """Status of the second step; new backup codes."""
    user = request.user
    if request.method == "POST" and not heeft_apparaat(user):
        return redirect("tweestaps-instellen")
    if request.method == "POST" and not user.is_verified():
        return redirect(_met_next("tweestaps-controleren", _url("tweestaps")))
    form = ReservecodesVernieuwenFormulier(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        request.session[SESSIE_CODES] = maak_reservecodes(user)
        request.session["vit_na_codes"] = _url("tweestaps")
        return redirect("tweestaps-reservecodes")
    app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    statisch = StaticDevice.objects.filter(user=user).first()
    return render(
        request,
        "registration/tweestaps/overzicht.html",
        {
            "form": form,
            "app": app,
            "codes_over": statisch.token_set.count() if statisch else 0,
            "verplicht": tweede_factor_verplicht(user),
        },
    )


@sensitive_post_parameters("code")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def uitzetten(request):
    """Turn the second step off again: only who chose it, and only with a valid current code or
    backup code (the middleware already made sure the login itself had the second step)."""
    user = request.user
    if tweede_factor_verplicht(user):
        raise Http404("Voor dit account blijft de tweede stap verplicht.")
    if not heeft_apparaat(user):
        return redirect("tweestaps")
    form = CodeFormulier(
        request.POST if request.method == "POST" else None, reservecode_toegestaan=True
    )
    if request.method == "POST" and form.is_valid():
        apparaten = list(TOTPDevice.objects.filter(user=user, confirmed=True)) + list(
            StaticDevice.objects.filter(user=user, confirmed=True)
        )
        wachten = _wachttijd(apparaten)
        code = _schoon(form.cleaned_data["code"])
        if wachten:
            form.add_error("code", wacht_melding(wachten))
        elif any(apparaat.verify_token(code) for apparaat in apparaten):
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
            messages.success(
                request,
                "Inloggen in twee stappen staat uit. U logt voortaan in met alleen uw "
                "wachtwoord. Uw reservecodes werken niet meer.",
            )
            return redirect("mijn-omgeving")
        else:
            form.add_error(
                "code",
                "Deze code klopt niet. Neem de code die nu in uw app staat, of een reservecode "
                "die u nog niet gebruikte. De tweede stap staat nog aan.",
            )
    return render(request, "registration/tweestaps/uitzetten.html", {"form": form})
