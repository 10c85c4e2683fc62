"""Auto-replies, bounces and mail loops never become cases (RFC 3834)."""

from __future__ import annotations

import pytest

from kontaktcenter.cases.models import Case
from kontaktcenter.email_channel import intake, notices
from kontaktcenter.email_channel.models import InboundMail, InboundOutcome, Mailbox, OutgoingMail
from tests.email_channel.conftest import write_mail
from tests.email_channel.dovecot import Dovecot

DSN = b"""From: Mail Delivery System <MAILER-DAEMON@mx.example.se>
To: trafik@stockholm.se
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn-1@mx.example.se>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

The mail could not be delivered.
--b
Content-Type: message/delivery-status

Final-Recipient: rfc822; nobody@example.se
Action: failed
Status: 5.1.1
--b--
"""


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"Auto-Submitted": "auto-replied"}, "auto-submitted"),
        ({"Precedence": "bulk"}, "precedence"),
        ({"X-Autoreply": "yes"}, "autoreply"),
        ({"Return-Path": "<>"}, "bounce"),
        ({"List-Id": "<nyheter.example.se>"}, "mailing-list"),
    ],
)
def test_automatic_mail_is_ignored(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox, headers: dict[str, str], reason: str
) -> None:
    dovecot.deliver(imap_user, write_mail(subject="Frånvaro: semester", headers=headers))

    report = intake.read_mailbox(mailbox)

    assert report.ignored == 1
    assert not Case.objects.exists()
    assert InboundMail.objects.get().ignored_because == reason
    assert dovecot.count(imap_user, "INBOX") == 0


def test_a_bounce_report_is_not_a_case(dovecot: Dovecot, imap_user: str, mailbox: Mailbox) -> None:
    dovecot.deliver(imap_user, DSN)

    intake.read_mailbox(mailbox)

    assert not Case.objects.exists()
    assert InboundMail.objects.get().outcome == InboundOutcome.IGNORED


def test_our_own_mail_coming_back_stops_the_loop(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox
) -> None:
    """A resident's mailbox forwards our receipt back to the functional mailbox."""
    ours = notices.new_message_id("receipt-1")
    dovecot.deliver(imap_user, write_mail(message_id=ours, sender="anna@example.se"))

    intake.read_mailbox(mailbox)

    assert not Case.objects.exists()
    assert not OutgoingMail.objects.exists()
    assert InboundMail.objects.get().ignored_because == "own-message"


def test_a_persons_mail_saying_auto_submitted_no_is_taken_in(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox
) -> None:
    dovecot.deliver(imap_user, write_mail(headers={"Auto-Submitted": "no"}))

    intake.read_mailbox(mailbox)

    assert Case.objects.count() == 1
