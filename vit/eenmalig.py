"""A form that creates something is handled once, even when it is sent twice.

The form carries a random ``indiening`` value. After a successful POST the value is remembered
in the session with the page the user was sent to; the same value again is answered with that
page instead of doing the work a second time (a double click, a reload, a back button)."""

import secrets
from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect

SESSIE_SLEUTEL = "vit_indieningen"
MAX_ONTHOUDEN = 50


def nieuwe_indiening() -> str:
    return secrets.token_urlsafe(16)


def eenmalig(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        sleutel = request.POST.get("indiening", "") if request.method == "POST" else ""
        gezien = request.session.get(SESSIE_SLEUTEL, {})
        if sleutel and sleutel in gezien:
            messages.info(request, "Dit formulier was al verstuurd; het is niet nog eens verwerkt.")
            return redirect(gezien[sleutel])
        response = view(request, *args, **kwargs)
        if sleutel and response.status_code == 302:
            gezien = request.session.get(SESSIE_SLEUTEL, {})
            gezien[sleutel] = response["Location"]
            request.session[SESSIE_SLEUTEL] = dict(list(gezien.items())[-MAX_ONTHOUDEN:])
        return response

    return wrapper
