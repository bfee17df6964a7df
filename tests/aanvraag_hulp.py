"""Shared steps for the tests of requests for access: send the form, read the queued mail."""

import re

from django.urls import reverse
from mailer.models import Message

FORMULIER = reverse("aanmelden:formulier")


def gegevens(gemeente, email="bea.beleid@gemeente.example", **extra):
    return {
        "gemeente": gemeente.pk,
        "naam": "Bea Beleid",
        "email": email,
        "functie": "Beleidsmedewerker Wmo",
        "reden": "Wij willen onze toegang samen met inwoners bekijken.",
        **extra,
    }


def vraag_aan(client, gemeente, email="bea.beleid@gemeente.example", ip="192.0.2.1", **extra):
    return client.post(FORMULIER, gegevens(gemeente, email, **extra), REMOTE_ADDR=ip, follow=True)


def mails_aan(adres):
    return [m for m in Message.objects.order_by("pk") if adres in m.to_addresses]


def link_uit(bericht) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", bericht.email.body).group(1)


def token_uit(bericht) -> str:
    return link_uit(bericht).rstrip("/").rpartition("/")[2]
