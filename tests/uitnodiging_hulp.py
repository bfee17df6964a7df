"""Shared steps for the invitation tests: invite through the team page, read the link from the
queued mail."""

import re

from django.contrib.messages import get_messages
from django.urls import reverse

from .aanvraag_hulp import mails_aan

LINK = re.compile(r"https?://\S+?/uitnodiging/([A-Za-z0-9_-]+)/")


def nodig_uit_via_pagina(client, gemeente, email, rol="lezer", naam="", indiening=None):
    data = {"email": email, "rol": rol, "naam": naam}
    if indiening:
        data["indiening"] = indiening
    return client.post(reverse("team:uitnodigen", args=[gemeente.code]), data)


def token_uit_mail(email) -> str:
    """The token of the newest invitation link mailed to this address."""
    bericht = mails_aan(email)[-1]
    gevonden = LINK.findall(bericht.email.body)
    assert len(gevonden) == 1, bericht.email.body
    return gevonden[0]


def link(token) -> str:
    return reverse("uitnodiging:openen", args=[token])


def meldingen(response) -> list[str]:
    """The messages this request added (not those still waiting from earlier requests)."""
    return [str(m) for m in get_messages(response.wsgi_request)._queued_messages]
