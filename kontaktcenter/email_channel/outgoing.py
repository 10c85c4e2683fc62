"""Sending the residents' mail: claim due rows under a lease, send, then record.

Like the forwarding outbox, a mail is marked sent only after the mail server accepted it; a
mail server that is down or refuses for now leaves the row pending with a backed-off retry,
so nothing is lost. A mail refused for good (5xx) is marked failed after its last attempt.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q

from kontaktcenter.core.clock import now
from kontaktcenter.email_channel.models import Mailbox, OutgoingMail, OutgoingStatus
from kontaktcenter.forwarding.sending import backoff_seconds

logger = logging.getLogger(__name__)


def claim(worker: str, *, limit: int = 20) -> list[int]:
    at = now()
    lease = timedelta(seconds=settings.FORWARDING_LEASE_SECONDS)
    with transaction.atomic():
        due = list(
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(status=OutgoingStatus.PENDING, next_attempt_at__lte=at)
            .filter(Q(leased_until__isnull=True) | Q(leased_until__lt=at))
            .order_by("next_attempt_at", "id")
            .values_list("id", flat=True)[:limit]
        )
        if due:
            OutgoingMail.objects.filter(pk__in=due).update(
                leased_until=at + lease, leased_by=worker
            )
    return due


def build(mail: OutgoingMail) -> EmailMessage:
    headers = {
        "Message-ID": mail.message_id,
        # RFC 3834: our receipts and notices are automatic; well-behaved systems do not answer
        # them automatically, which stops mail loops at the other end too.
        "Auto-Submitted": "auto-replied" if mail.in_reply_to else "auto-generated",
        "X-Auto-Response-Suppress": "All",
        "Content-Language": mail.language,
    }
    if mail.in_reply_to:
        headers["In-Reply-To"] = mail.in_reply_to
        headers["References"] = mail.in_reply_to
    reply_to = list(
        Mailbox.objects.filter(casecorrespondence__case_id=mail.case_id).values_list(
            "address", flat=True
        )
    )
    return EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        reply_to=reply_to or None,
        headers=headers,
    )


def _fail(mail_id: int, error: str, *, permanent: bool) -> None:
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().get(pk=mail_id)
        mail.attempts += 1
        mail.last_error = error[:500]
        mail.leased_until = None
        mail.leased_by = ""
        if permanent or mail.attempts >= settings.FORWARDING_MAX_ATTEMPTS:
            mail.status = OutgoingStatus.FAILED
        else:
            mail.next_attempt_at = now() + timedelta(seconds=backoff_seconds(mail.attempts))
        mail.save()


def send_one(mail_id: int, worker: str) -> bool:
    """Send one claimed mail; True when the mail server took it."""
    mail = OutgoingMail.objects.filter(
        pk=mail_id, status=OutgoingStatus.PENDING, leased_by=worker
    ).first()
    if mail is None:
        return False
    try:
        with get_connection(fail_silently=False) as connection:
            sent = connection.send_messages([build(mail)])
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _text in error.recipients.values()]
        _fail(mail_id, f"recipient refused: {codes}", permanent=all(c >= 500 for c in codes))
        return False
    except smtplib.SMTPResponseException as error:
        _fail(mail_id, f"SMTP {error.smtp_code}", permanent=error.smtp_code >= 500)
        return False
    except (TimeoutError, smtplib.SMTPException, OSError) as error:
        _fail(mail_id, f"{type(error).__name__}: {error}", permanent=False)
        return False
    if sent != 1:
        _fail(mail_id, "the mail backend sent nothing", permanent=False)
        return False
    OutgoingMail.objects.filter(pk=mail_id, status=OutgoingStatus.PENDING).update(
        status=OutgoingStatus.SENT,
        sent_at=now(),
        attempts=mail.attempts + 1,
        leased_until=None,
        leased_by="",
        last_error="",
    )
    return True


def send_due(worker: str, *, limit: int = 20) -> int:
    """Send what is due now, batch after batch; returns how many the mail server took."""
    sent = 0
    while True:
        claimed = claim(worker, limit=limit)
        if not claimed:
            return sent
        sent += sum(send_one(mail_id, worker) for mail_id in claimed)
