"""Retention (AVG): names and e-mail addresses of respondents go twelve months after the scan is
finalised, from the invitations, the mail log and the audit log; answers and fixed scores stay.
Invitations never used go 90 days after their link expired."""

from datetime import UTC, datetime, timedelta

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from mailer.models import Message, MessageLog

from assessments.models import Antwoord, Respondent, Scan, VastgesteldeScore
from assessments.scans import mail as mailwachtrij
from assessments.scans.bewaren import maanden_terug, ruim_op, ruim_op_als_het_tijd_is
from assessments.scans.services import Uitnodiger
from principles.models import CheckVraag

from .factories import ScanFactory, coordinator, uitnodiging

pytestmark = pytest.mark.django_db
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
UITNODIGER = Uitnodiger("Carla", lambda token: f"https://vit.example/v/{token}/")


def _afgerond(scan, dagen_geleden):
    Scan.objects.filter(pk=scan.pk).update(
        status=Scan.Status.AFGEROND, afgerond_op=timezone.now() - timedelta(days=dagen_geleden)
    )


@pytest.fixture
def met_antwoorden(kader, settings):
    """A scan with one invited person who answered and got the invitation by mail."""
    settings.MAILER_EMAIL_BACKEND = LOCMEM
    scan = ScanFactory()
    respondent, _ = uitnodiging(
        scan, naam="Ina de Wit", email="ina@example.org", uitnodiger=UITNODIGER
    )
    mailwachtrij.verstuur_wachtrij()
    assert len(mail.outbox) == 1 and MessageLog.objects.exists()
    vraag = CheckVraag.objects.filter(uitgangspunt__versie=kader).first()
    Antwoord.objects.create(respondent=respondent, checkvraag=vraag, waarde="3", toelichting="Goed")
    VastgesteldeScore.objects.create(scan=scan, checkvraag=vraag, waarde="3")
    respondent.naam = "Ina van der Wit"  # an audit entry with the old and the new name
    respondent.save()
    return scan, respondent


def _persoonsgegevens_in_logboek():
    tekst = " ".join(
        f"{e.object_repr} {e.changes} {e.changes_text} {e.serialized_data}"
        for e in LogEntry.objects.all()
    )
    return [w for w in ("Ina", "ina@example.org") if w in tekst]


def test_after_twelve_months_the_person_goes_and_the_answers_stay(met_antwoorden):
    scan, respondent = met_antwoorden
    assert _persoonsgegevens_in_logboek()  # the audit log held the name before
    _afgerond(scan, dagen_geleden=370)
    antwoorden = list(Antwoord.objects.values_list("checkvraag", "waarde", "toelichting"))
    scores = list(VastgesteldeScore.objects.values_list("checkvraag", "waarde"))

    uitkomst = ruim_op()

    respondent.refresh_from_db()
    assert (respondent.naam, respondent.email, respondent.gebruiker) == ("", "", None)
    assert uitkomst.personen == 1
    assert list(Antwoord.objects.values_list("checkvraag", "waarde", "toelichting")) == antwoorden
    assert list(VastgesteldeScore.objects.values_list("checkvraag", "waarde")) == scores
    assert not MessageLog.objects.exists()  # the sent invitation held the address and the link
    assert _persoonsgegevens_in_logboek() == []
    assert LogEntry.objects.filter(object_repr=f"Respondent {respondent.pk}").exists()


def test_before_twelve_months_and_in_an_open_scan_nothing_goes(met_antwoorden, kader):
    scan, respondent = met_antwoorden
    _afgerond(scan, dagen_geleden=330)
    open_respondent, _ = uitnodiging(ScanFactory(), naam="Olaf", email="olaf@example.org")
    assert not ruim_op()
    respondent.refresh_from_db()
    open_respondent.refresh_from_db()
    assert respondent.email == "ina@example.org" and open_respondent.naam == "Olaf"
    assert MessageLog.objects.exists()


def test_the_term_can_be_set(met_antwoorden, settings):
    scan, respondent = met_antwoorden
    _afgerond(scan, dagen_geleden=100)
    settings.VIT_BEWAARTERMIJN_MAANDEN = 3
    assert ruim_op().personen == 1
    respondent.refresh_from_db()
    assert respondent.naam == ""


def test_an_invitation_never_used_goes_90_days_after_its_link_expired(kader):
    scan = ScanFactory()
    oud, _ = uitnodiging(scan, naam="Nooit Begonnen", email="nb@example.org")
    recent, _ = uitnodiging(scan, naam="Net Verlopen")
    met_antwoord, _ = uitnodiging(scan, naam="Wel Begonnen")
    ingetrokken, _ = uitnodiging(scan, naam="Ingetrokken")
    nu = timezone.now()
    Respondent.objects.filter(pk__in=[oud.pk, met_antwoord.pk]).update(
        token_verloopt_op=nu - timedelta(days=91)
    )
    Respondent.objects.filter(pk=recent.pk).update(token_verloopt_op=nu - timedelta(days=89))
    Respondent.objects.filter(pk=ingetrokken.pk).update(ingetrokken_op=nu - timedelta(days=95))
    Antwoord.objects.create(
        respondent=met_antwoord,
        checkvraag=CheckVraag.objects.filter(uitgangspunt__versie=kader).first(),
        waarde="2",
    )

    uitkomst = ruim_op()

    assert uitkomst.ongebruikte_links == 2
    over = set(Respondent.objects.values_list("naam", flat=True))
    assert over == {"Net Verlopen", "Wel Begonnen"}
    assert "Nooit Begonnen" not in " ".join(e.object_repr for e in LogEntry.objects.all())


def test_the_worker_does_it_once_an_hour_whoever_runs(met_antwoorden, settings):
    settings.MAILER_EMAIL_BACKEND = LOCMEM
    scan, respondent = met_antwoorden
    nu = timezone.now()
    assert ruim_op_als_het_tijd_is(nu) is not None  # first round ever: runs
    _afgerond(scan, dagen_geleden=370)
    assert ruim_op_als_het_tijd_is(nu + timedelta(minutes=30)) is None  # within the hour
    respondent.refresh_from_db()
    assert respondent.naam == "Ina van der Wit"
    assert ruim_op_als_het_tijd_is(nu + timedelta(minutes=61)).personen == 1
    respondent.refresh_from_db()
    assert respondent.naam == ""


def test_a_round_of_the_mail_worker_includes_the_retention(met_antwoorden, settings):
    settings.MAILER_EMAIL_BACKEND = LOCMEM
    scan, respondent = met_antwoorden
    _afgerond(scan, dagen_geleden=400)
    call_command("verstuur_mail", "--een-keer")
    respondent.refresh_from_db()
    assert respondent.email == ""


def test_the_command_says_what_it_removed(met_antwoorden, capsys):
    scan, _ = met_antwoorden
    _afgerond(scan, dagen_geleden=400)
    call_command("ruim_persoonsgegevens_op")
    uitvoer = capsys.readouterr().out
    assert "van 1 respondent(en) naam en e-mailadres verwijderd" in uitvoer
    assert "12 maanden" in uitvoer


@pytest.mark.parametrize(
    ("moment", "maanden", "verwacht"),
    [
        (datetime(2026, 12, 2, 9, tzinfo=UTC), 12, datetime(2025, 12, 2, 9, tzinfo=UTC)),
        (datetime(2026, 3, 31, 9, tzinfo=UTC), 1, datetime(2026, 2, 28, 9, tzinfo=UTC)),
        (datetime(2024, 3, 31, 9, tzinfo=UTC), 1, datetime(2024, 2, 29, 9, tzinfo=UTC)),
        (datetime(2026, 1, 15, 9, tzinfo=UTC), 14, datetime(2024, 11, 15, 9, tzinfo=UTC)),
    ],
)
def test_months_are_calendar_months(moment, maanden, verwacht):
    assert maanden_terug(moment, maanden) == verwacht


def test_the_privacy_page_says_how_long_and_follows_the_setting(client, settings):
    html = client.get(reverse("privacy")).content.decode()
    assert "tot 12 maanden nadat de gemeente de scan heeft afgerond" in html
    settings.VIT_BEWAARTERMIJN_MAANDEN = 6
    html = client.get(reverse("privacy")).content.decode()
    assert "tot 6 maanden nadat" in html and "90 dagen nadat de link verliep" in html


def test_coordinator_sees_the_respondent_without_a_name_after_the_term(client, met_antwoorden):
    scan, respondent = met_antwoorden
    _afgerond(scan, dagen_geleden=400)
    ruim_op()
    client.force_login(coordinator(scan.gemeente))
    html = client.get(reverse("scans:detail", args=[scan.pk])).content.decode()
    assert "Ina" not in html and "ina@example.org" not in html
    assert Message.objects.count() == 0
