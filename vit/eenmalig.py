"""A form that creates something is handled once, even when it is sent twice, or five times at
the same moment to different workers.

The form carries a random ``indiening`` value. The first POST with it stores the value in the
database (a unique column) in the same transaction as the work, and afterwards the page the
user was sent to. A second POST with the same value waits for the first to finish (the
database holds it on the unique value), finds it, and is answered with that page instead of
doing the work again (a double click, a reload, a back button). A POST that does not succeed
(a form with errors) leaves no trace, so the corrected form can be sent with the same value."""

import re
import secrets
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone

from .models import Indiening

__all__ = ["eenmalig", "nieuwe_indiening"]

BEWAREN = timedelta(days=2)
GELDIG = re.compile(r"[A-Za-z0-9_-]{1,64}")
AL_VERSTUURD = "Dit formulier was al verstuurd; het is niet nog eens verwerkt."


def nieuwe_indiening() -> str:
    return secrets.token_urlsafe(16)


def _al_gedaan(request, sleutel):
    eerder = Indiening.objects.filter(sleutel=sleutel).first()
    messages.info(request, AL_VERSTUURD)
    locatie = eerder.locatie if eerder and eerder.gebruiker_id == request.user.pk else ""
    return redirect(locatie or request.get_full_path())


def eenmalig(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        sleutel = request.POST.get("indiening", "") if request.method == "POST" else ""
        if not GELDIG.fullmatch(sleutel):
            return view(request, *args, **kwargs)
        if Indiening.objects.filter(sleutel=sleutel).exists():
            return _al_gedaan(request, sleutel)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    indiening = Indiening.objects.create(
                        sleutel=sleutel,
                        gebruiker=request.user if request.user.is_authenticated else None,
                    )
            except IntegrityError:
                # The same form arrived at the same moment elsewhere and was processed there.
                dubbel = True
            else:
                dubbel = False
                response = view(request, *args, **kwargs)
                if response.status_code == 302:
                    indiening.locatie = response["Location"][:500]
                    indiening.save(update_fields=["locatie"])
                else:
                    transaction.set_rollback(True)  # not done: the key may be used again
        if dubbel:
            return _al_gedaan(request, sleutel)
        Indiening.objects.filter(aangemaakt_op__lt=timezone.now() - BEWAREN).delete()
        return response

    return wrapper
