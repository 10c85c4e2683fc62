"""Delivery to a functional mailbox through Django's mail framework (SMTP in production).

The Message-ID is derived from the idempotency key, so a resend after a crash is recognisably
the same message to the receiving mail system and to people (their mail client threads it).
Confidential cases are announced, never described: e-mail is not a place for secrets (S10).
"""

from __future__ import annotations

import email.utils
import smtplib
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from kontaktcenter.forwarding.adapters.base import SendResult, TransportError

if TYPE_CHECKING:
    from kontaktcenter.forwarding.models import Delivery, Endpoint


def message_id(idempotency_key: str) -> str:
    # The sender may be written "Kontaktcenter Stockholm <kontaktcenter@stockholm.se>".
    address = email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    domain = address.rpartition("@")[2] or "kontaktcenter.localhost"
    return f"<{idempotency_key}@{domain}>"


def _context(delivery: Delivery, endpoint: Endpoint) -> dict[str, Any]:
    payload = delivery.payload
    return {
        "payload": payload,
        "case": payload.get("case", {}),
        "resident": payload.get("resident"),
        "endpoint": endpoint,
        "confidential": bool(payload.get("case", {}).get("confidential")),
    }


def build_message(delivery: Delivery, endpoint: Endpoint) -> EmailMultiAlternatives:
    context = _context(delivery, endpoint)
    # The receiving organisations read Swedish; the message is written in the city's language.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("forwarding/email/subject.txt", context).strip()
        text = render_to_string("forwarding/email/body.txt", context)
        html = render_to_string("forwarding/email/body.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[endpoint.email],
        headers={
            "Message-ID": message_id(delivery.idempotency_key),
            "X-Kontaktcenter-Idempotency-Key": delivery.idempotency_key,
            "X-Kontaktcenter-Event": delivery.webhook_event,
        },
    )
    message.attach_alternative(html, "text/html")
    return message


class EmailTransport:
    def send(self, delivery: Delivery, endpoint: Endpoint) -> SendResult:
        message = build_message(delivery, endpoint)
        try:
            with get_connection(fail_silently=False) as mail:
                sent = mail.send_messages([message])
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _text in error.recipients.values()]
            permanent = all(500 <= code < 600 for code in codes)
            raise TransportError(
                f"recipient refused: {codes}",
                permanent=permanent,
                status=codes[0] if codes else None,
            ) from error
        except smtplib.SMTPResponseException as error:
            raise TransportError(
                f"SMTP {error.smtp_code}",
                permanent=500 <= error.smtp_code < 600,
                status=error.smtp_code,
                response_excerpt=str(error.smtp_error),
            ) from error
        except (TimeoutError, smtplib.SMTPException, OSError) as error:
            # Connection refused, timed out or dropped: the mail server may be back soon.
            raise TransportError(f"{type(error).__name__}: {error}", permanent=False) from error
        if sent != 1:
            raise TransportError("the mail backend sent nothing", permanent=False)
        return SendResult(response_excerpt=f"accepted for {endpoint.email}")
