"""Invitation mail through the queue: a mail is put in the database queue (django-mailer) in
the same transaction as the invitation, and the worker (``manage.py verstuur_mail``) sends it.

A message that fails (the mail server does not answer) is put aside and tried again after 30
seconds, then 1, 2, 4 ... minutes (at most an hour between tries), up to ``VIT_MAIL_POGINGEN``
tries; after that it counts as failed and the coördinator can send it again. A worker that dies
while sending leaves the message in the queue (its database lock ends with the connection), so
the next run sends it."""

from dataclasses import dataclass
from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from mailer import engine
from mailer.models import (
    PRIORITY_DEFERRED,
    PRIORITY_MEDIUM,
    RESULT_SUCCESS,
    Message,
    MessageLog,
    get_message_id,
    make_message,
)

from assessments.models import Respondent

__all__ = ["MailStatus", "mailstatus", "opnieuw_versturen", "verstuur_wachtrij", "zet_klaar"]

EERSTE_WACHTTIJD = 30  # seconds before the first retry; doubles each time
LANGSTE_WACHTTIJD = 3600


def zet_klaar(respondent: Respondent, onderwerp: str, tekst: str) -> None:
    """Queue the mail for ``respondent`` (call inside the transaction that made the link)."""
    bericht_id = make_msgid(idstring=f"vit-uitnodiging-{respondent.pk}", domain="vit.invalid")
    bericht = make_message(
        subject=onderwerp,
        body=tekst,
        from_email=None,
        to=[respondent.email],
        headers={"Message-ID": bericht_id},
        priority=PRIORITY_MEDIUM,
    )
    bericht.save()
    Respondent.objects.filter(pk=respondent.pk).update(
        mail_bericht=bericht.pk, mail_id=bericht_id, uitgenodigd_op=timezone.now()
    )
    respondent.mail_bericht, respondent.mail_id = bericht.pk, bericht_id


@dataclass(frozen=True)
class MailStatus:
    code: str  # "verzonden", "wacht", "opnieuw" (failed, tried again later) or "mislukt"
    label: str

    @property
    def opnieuw_te_versturen(self) -> bool:
        return self.code == "mislukt"


def mailstatus(respondenten) -> dict[int, MailStatus]:
    """Per respondent with a mail: whether it went out, waits or failed (two queries)."""
    met_mail = [r for r in respondenten if r.mail_id]
    in_wachtrij = {
        pk: (prioriteit, pogingen)
        for pk, prioriteit, pogingen in Message.objects.filter(
            pk__in=[r.mail_bericht for r in met_mail]
        ).values_list("pk", "priority", "retry_count")
    }
    verzonden = dict(
        MessageLog.objects.filter(
            message_id__in=[r.mail_id for r in met_mail], result=RESULT_SUCCESS
        ).values_list("message_id", "when_attempted")
    )
    uit = {}
    for r in met_mail:
        if r.mail_id in verzonden:
            moment = timezone.localtime(verzonden[r.mail_id])
            uit[r.pk] = MailStatus("verzonden", f"verzonden op {moment:%d-%m-%Y om %H:%M}")
        elif r.mail_bericht in in_wachtrij:
            prioriteit, pogingen = in_wachtrij[r.mail_bericht]
            if prioriteit != PRIORITY_DEFERRED:
                uit[r.pk] = MailStatus("wacht", "wacht op verzending")
            elif pogingen < settings.VIT_MAIL_POGINGEN:
                uit[r.pk] = MailStatus("opnieuw", "niet gelukt, wordt opnieuw geprobeerd")
            else:
                uit[r.pk] = MailStatus("mislukt", "niet verzonden")
        else:
            uit[r.pk] = MailStatus("mislukt", "niet verzonden")
    return uit


def opnieuw_versturen(respondent: Respondent) -> bool:
    """Put a failed mail back in the queue; False when there is none to send again."""
    return bool(
        Message.objects.filter(pk=respondent.mail_bericht, priority=PRIORITY_DEFERRED).update(
            priority=PRIORITY_MEDIUM, retry_count=0
        )
    )


def _wachttijd(pogingen: int) -> timedelta:
    return timedelta(seconds=min(LANGSTE_WACHTTIJD, EERSTE_WACHTTIJD * 2**pogingen))


def verstuur_wachtrij(nu=None) -> None:
    """One round of the worker: put back the failed messages whose pause is over, then send
    everything that waits."""
    nu = nu or timezone.now()
    uitgesteld = list(Message.objects.deferred().filter(retry_count__lt=settings.VIT_MAIL_POGINGEN))
    if uitgesteld:
        ids = {bericht.pk: get_message_id(bericht.email) for bericht in uitgesteld}
        laatst = dict(
            MessageLog.objects.filter(message_id__in=[i for i in ids.values() if i])
            .values("message_id")
            .annotate(laatst=Max("when_attempted"))
            .values_list("message_id", "laatst")
        )
        for bericht in uitgesteld:
            poging = laatst.get(ids[bericht.pk])
            if poging is None or poging + _wachttijd(bericht.retry_count) <= nu:
                Message.objects.filter(pk=bericht.pk, priority=PRIORITY_DEFERRED).update(
                    priority=PRIORITY_MEDIUM, retry_count=bericht.retry_count + 1
                )
    engine.send_all()
