"""Mail that cannot be sent: the invitation is saved and its link shown at once, a worker sends
the mail with retries and growing pauses, a dying worker leaves nothing stuck, the coördinator
sees per invitation whether the mail went out, waits or failed, and can send it again."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from mailer.models import Message

from assessments.models import Perspectief, Respondent
from assessments.scans import mail as mailwachtrij

from .factories import ScanFactory, coordinator

pytestmark = pytest.mark.django_db

ONBEREIKBAAR = "tests.mailserver.OnbereikbareServer"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def scan(kader):
    return ScanFactory()


@pytest.fixture
def coord(client, scan):
    gebruiker = coordinator(scan.gemeente)
    client.force_login(gebruiker)
    return gebruiker


def _nodig_uit(client, scan, email="ina@example.org"):
    return client.post(
        reverse("scans:uitnodigen", args=[scan.pk]),
        {
            "perspectief": Perspectief.objects.get(sleutel="inwoner").pk,
            "naam": "Ina",
            "email": email,
        },
        follow=True,
    )


def _status(client, scan):
    html = client.get(reverse("scans:detail", args=[scan.pk])).content.decode()
    return html


def test_inviting_while_the_mail_server_is_down_saves_the_invitation_and_shows_its_link(
    client, scan, coord, settings
):
    settings.MAILER_EMAIL_BACKEND = ONBEREIKBAAR
    response = _nodig_uit(client, scan)
    assert response.status_code == 200
    html = response.content.decode()
    assert "vit-link-input" in html  # the link, shown at once
    assert "wordt zo gemaild naar ina@example.org" in html
    assert Respondent.objects.filter(scan=scan).count() == 1
    # The worker cannot reach the server: the mail is put aside, not lost.
    mailwachtrij.verstuur_wachtrij()
    assert "Niet gelukt, wordt opnieuw geprobeerd" in _status(client, scan)
    assert Message.objects.deferred().count() == 1 and not mail.outbox


def test_a_failed_mail_is_retried_after_a_growing_pause_and_then_sent(
    client, scan, coord, settings
):
    settings.MAILER_EMAIL_BACKEND = ONBEREIKBAAR
    _nodig_uit(client, scan)
    mailwachtrij.verstuur_wachtrij()  # first try fails
    nu = timezone.now()
    mailwachtrij.verstuur_wachtrij(nu + timedelta(seconds=10))  # too soon: no new try
    assert Message.objects.get().retry_count == 0
    mailwachtrij.verstuur_wachtrij(nu + timedelta(seconds=31))  # after 30 s: second try fails
    assert Message.objects.get().retry_count == 1
    # The tries are logged at the real time (about ``nu``); the pause is now 60 s.
    mailwachtrij.verstuur_wachtrij(nu + timedelta(seconds=45))
    assert Message.objects.get().retry_count == 1
    settings.MAILER_EMAIL_BACKEND = LOCMEM  # the server is back
    mailwachtrij.verstuur_wachtrij(nu + timedelta(seconds=70))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ina@example.org"]
    assert not Message.objects.exists()
    assert "Verzonden op" in _status(client, scan)


def test_after_every_try_failed_the_coordinator_sends_it_again(client, scan, coord, settings):
    settings.MAILER_EMAIL_BACKEND = ONBEREIKBAAR
    settings.VIT_MAIL_POGINGEN = settings.MAILER_EMAIL_MAX_RETRIES = 2
    _nodig_uit(client, scan)
    moment = timezone.now()
    for minuten in range(0, 60, 5):
        mailwachtrij.verstuur_wachtrij(moment + timedelta(minutes=minuten))
    html = _status(client, scan)
    assert "Niet verzonden" in html and "Mail opnieuw versturen" in html
    respondent = Respondent.objects.get(scan=scan)
    settings.MAILER_EMAIL_BACKEND = LOCMEM
    client.post(reverse("scans:respondent-actie", args=[scan.pk, respondent.pk, "opnieuw-mailen"]))
    assert "Wacht op verzending" in _status(client, scan)
    mailwachtrij.verstuur_wachtrij()
    assert len(mail.outbox) == 1
    assert Respondent.objects.filter(scan=scan).count() == 1  # no second invitation


def test_a_worker_that_dies_while_sending_leaves_the_mail_in_the_queue(
    client, scan, coord, settings
):
    settings.MAILER_EMAIL_BACKEND = "tests.mailserver.WerkerSterft"
    _nodig_uit(client, scan)
    with pytest.raises(SystemExit):
        mailwachtrij.verstuur_wachtrij()
    bericht = Message.objects.get()
    assert bericht.priority != 4 and "Wacht op verzending" in _status(client, scan)  # not stuck
    settings.MAILER_EMAIL_BACKEND = LOCMEM  # the next worker
    mailwachtrij.verstuur_wachtrij()
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_every_mail_once(kader, settings):
    import threading

    from django.db import connection, connections

    from .factories import uitnodiging

    if connection.vendor == "sqlite":
        pytest.skip("needs a database server with concurrent connections (PostgreSQL)")
    settings.MAILER_EMAIL_BACKEND = "tests.mailserver.TraagPostvak"
    scan = ScanFactory()
    for i in range(6):
        respondent, _ = uitnodiging(scan, email=f"r{i}@example.org")
        mailwachtrij.zet_klaar(respondent, "Uitnodiging", "Uw link")
    start = threading.Barrier(2)

    def werker():
        try:
            start.wait()
            mailwachtrij.verstuur_wachtrij()
        finally:
            connections.close_all()

    draden = [threading.Thread(target=werker) for _ in range(2)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    ontvangers = sorted(adres for bericht in mail.outbox for adres in bericht.to)
    assert ontvangers == sorted(f"r{i}@example.org" for i in range(6))
    assert not Message.objects.exists()
