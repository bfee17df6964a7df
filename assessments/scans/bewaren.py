"""How long VIT keeps personal data of respondents (AVG): names and e-mail addresses go a set
number of months after the scan is finalised, with what the mail log and the audit log hold of
them; the answers stay, without the person. Invitations that were never used go some time after
their link expired or was withdrawn. Requests for access and invitations of colleagues go the
same time after they were decided, used, withdrawn or expired (their audit entries keep who
decided, not about whom). The mail worker runs this once an hour."""

from dataclasses import dataclass
from datetime import timedelta

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from mailer.models import Message, MessageLog

from assessments.models import Aanvraag, Respondent, Scan, Uitnodiging
from vit.models import Hartslag

VERWIJDERD = "(verwijderd na de bewaartermijn)"
ELK_UUR = timedelta(hours=1)


@dataclass
class Opgeruimd:
    personen: int = 0  # respondents whose name, e-mail address and account link were removed
    ongebruikte_links: int = 0  # invitations without answers, removed entirely
    mails: int = 0  # queued and logged mails to those people
    aanvragen: int = 0  # requests for access, decided or never confirmed, long ago
    uitnodigingen: int = 0  # invitations of colleagues, used, withdrawn or expired long ago

    def __bool__(self):
        return bool(
            self.personen
            or self.ongebruikte_links
            or self.mails
            or self.aanvragen
            or self.uitnodigingen
        )


def maanden_terug(moment, maanden: int):
    """The same day and time `maanden` calendar months earlier (the last day of a shorter
    month when that day does not exist)."""
    jaar, maand = divmod(moment.year * 12 + moment.month - 1 - maanden, 12)
    dag = moment.day
    while True:
        try:
            return moment.replace(year=jaar, month=maand + 1, day=dag)
        except ValueError:
            dag -= 1


def grenzen(nu=None):
    nu = nu or timezone.now()
    return (
        maanden_terug(nu, settings.VIT_BEWAARTERMIJN_MAANDEN),
        nu - timedelta(days=settings.VIT_LINK_OPRUIMEN_DAGEN),
    )


@transaction.atomic
def ruim_op(nu=None) -> Opgeruimd:
    personen_grens, link_grens = grenzen(nu)
    uitkomst = Opgeruimd()
    uitkomst.aanvragen, uitkomst.uitnodigingen = _ruim_toegang_op(link_grens)
    oud = Respondent.objects.filter(
        scan__status=Scan.Status.AFGEROND, scan__afgerond_op__lte=personen_grens
    ).filter(~Q(naam="") | ~Q(email="") | Q(gebruiker__isnull=False))
    ongebruikt = Respondent.objects.filter(antwoorden__isnull=True).filter(
        Q(token_verloopt_op__lte=link_grens) | Q(ingetrokken_op__lte=link_grens)
    )
    weg = list(
        Respondent.objects.filter(Q(pk__in=oud) | Q(pk__in=ongebruikt))
        .select_for_update()
        .values_list("pk", "mail_bericht", "mail_id")
    )
    if not weg:
        return uitkomst
    ids = [pk for pk, _, _ in weg]
    berichten = [b for _, b, _ in weg if b]
    uitkomst.mails = Message.objects.filter(pk__in=berichten).delete()[0]
    logs = MessageLog.objects.filter(message_id__in=[m for _, _, m in weg if m])
    uitkomst.mails += logs.delete()[0]
    ongebruikte_ids = set(ongebruikt.filter(pk__in=ids).values_list("pk", flat=True))
    # Emptied first, so that the audit entry of a removed invitation names no one either.
    Respondent.objects.filter(pk__in=ids).update(
        naam="", email="", gebruiker=None, mail_bericht=None
    )
    uitkomst.personen = len(ids) - len(ongebruikte_ids)
    Respondent.objects.filter(pk__in=ongebruikte_ids).delete()
    uitkomst.ongebruikte_links = len(ongebruikte_ids)
    _schoon_auditlog(ids)
    return uitkomst


def ruim_op_als_het_tijd_is(nu=None) -> Opgeruimd | None:
    """For the worker's loop: at most once an hour across all workers (the moment of the last
    run is claimed by one conditional update, so two workers never both run it)."""
    nu = nu or timezone.now()
    geclaimd = Hartslag.objects.filter(werker="bewaartermijn", laatst__lte=nu - ELK_UUR).update(
        laatst=nu
    )
    if not geclaimd:
        _, nieuw = Hartslag.objects.get_or_create(werker="bewaartermijn", defaults={"laatst": nu})
        if not nieuw:
            return None
    return ruim_op(nu)


def _ruim_toegang_op(grens) -> tuple[int, int]:
    """Requests decided (or left unconfirmed) and invitations used, withdrawn or expired before
    ``grens``: removed, and their audit entries no longer name the person."""
    aanvragen = Aanvraag.objects.filter(
        Q(beoordeeld_op__lte=grens)
        | Q(status=Aanvraag.Status.BEVESTIGEN, token_verloopt_op__lte=grens)
    )
    aanvraag_ids = list(aanvragen.values_list("pk", flat=True))
    uitnodigingen = Uitnodiging.objects.filter(
        Q(gebruikt_op__lte=grens) | Q(ingetrokken_op__lte=grens) | Q(verloopt_op__lte=grens)
    )
    uitnodiging_ids = list(uitnodigingen.values_list("pk", flat=True))
    velden = ("naam", "email", "functie", "reden", "reden_afwijzing")
    if aanvraag_ids:
        Aanvraag.objects.filter(pk__in=aanvraag_ids).delete()
        _schoon_auditlog(aanvraag_ids, Aanvraag, velden)
    if uitnodiging_ids:
        Uitnodiging.objects.filter(pk__in=uitnodiging_ids).delete()
        _schoon_auditlog(uitnodiging_ids, Uitnodiging, ("naam", "email"))
    return len(aanvraag_ids), len(uitnodiging_ids)


def _schoon_auditlog(ids: list[int], model=Respondent, velden=("naam", "email", "gebruiker")):
    """The audit log keeps who did what with an invitation, not to whom: the name and e-mail
    address leave its entries too."""
    soort = ContentType.objects.get_for_model(model)
    entries = list(LogEntry.objects.filter(content_type=soort, object_id__in=ids))
    for entry in entries:
        veranderingen = entry.changes if isinstance(entry.changes, dict) else {}
        for veld in velden:
            if veld in veranderingen:
                veranderingen[veld] = [VERWIJDERD, VERWIJDERD]
        entry.changes = veranderingen
        entry.changes_text = ""
        entry.serialized_data = None
        entry.object_repr = f"{model._meta.verbose_name.capitalize()} {entry.object_id}"
    LogEntry.objects.bulk_update(
        entries, ["changes", "changes_text", "serialized_data", "object_repr"], batch_size=500
    )
