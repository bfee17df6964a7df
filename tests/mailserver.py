"""Mail backends for the tests of the queue: a mail server that does not answer, and a worker
that dies while sending."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class OnbereikbareServer(BaseEmailBackend):
    """As SMTP with the mail server down: every send fails with a connection error."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class WerkerSterft(BaseEmailBackend):
    """The worker process dies in the middle of sending (anything that is not a mail error)."""

    def send_messages(self, email_messages):
        raise SystemExit("worker killed")


class TraagPostvak(BaseEmailBackend):
    """The test outbox, a little slow (as a real server), so two workers overlap."""

    def send_messages(self, email_messages):
        import time

        from django.core.mail.backends.locmem import EmailBackend

        time.sleep(0.1)
        return EmailBackend().send_messages(email_messages)
