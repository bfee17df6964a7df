"""Mail about access (confirm an address, an invitation, a decision) through the mail queue.

The message is put in the database queue (django-mailer) in the transaction that made the link,
so a link is never mailed for something that was rolled back; the worker
(``manage.py verstuur_mail``) sends it and retries when the mail server does not answer."""

from email.utils import make_msgid

from django.template.loader import render_to_string
from mailer.models import PRIORITY_MEDIUM, make_message

__all__ = ["zet_klaar"]


def zet_klaar(aan: str, sjabloon: str, context: dict, soort: str) -> str:
    """Queue a mail rendered from ``<sjabloon>_onderwerp.txt`` and ``<sjabloon>.txt``; returns
    its Message-ID."""
    onderwerp = " ".join(render_to_string(f"{sjabloon}_onderwerp.txt", context).split())
    tekst = render_to_string(f"{sjabloon}.txt", context).strip() + "\n"
    bericht_id = make_msgid(idstring=f"vit-{soort}", domain="vit.invalid")
    make_message(
        subject=onderwerp,
        body=tekst,
        from_email=None,
        to=[aan],
        headers={"Message-ID": bericht_id},
        priority=PRIORITY_MEDIUM,
    ).save()
    return bericht_id
