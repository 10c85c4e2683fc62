"""Mail to the resident: receipts, answers, closing and reopening, on the channel they used.

Called inside the transaction that changes the case (`cases.events` calls `on_case_event` for
every event), so the mail row commits with the change or not at all; the worker sends it
afterwards (`outgoing`). A resident who left no e-mail address follows the case on the
tracking page only. Mail about a confidential case names the reference and the link, never
the matter: e-mail is not a place for secrets (S10).
"""

from __future__ import annotations

import email.utils
import secrets
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kontaktcenter.cases.choices import CaseEventKind, Channel
from kontaktcenter.core.clock import now
from kontaktcenter.email_channel.models import CaseCorrespondence, OutgoingKind, OutgoingMail

if TYPE_CHECKING:
    from kontaktcenter.cases.models import Case, CaseEvent

_EVENT_MAILS = {
    CaseEventKind.REPLY_SENT: OutgoingKind.REPLY,
    CaseEventKind.CLOSED: OutgoingKind.CLOSED,
    CaseEventKind.REOPENED: OutgoingKind.REOPENED,
}
SATISFACTION_SCORES = (1, 2, 3, 4, 5)


def our_domain() -> str:
    address = email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "kontaktcenter.localhost"


def new_message_id(key: str) -> str:
    """Ours are recognisable (`kc-` at our domain), so a mail loop stops at the reader."""
    return f"<kc-{key}.{secrets.token_hex(8)}@{our_domain()}>"


def remember(case: Case, *, channel: str, language: str, mailbox_id: int | None) -> None:
    languages = {code for code, _name in settings.LANGUAGES}
    CaseCorrespondence.objects.create(
        case=case,
        channel=channel,
        language=language if language in languages else settings.LANGUAGE_CODE,
        mailbox_id=mailbox_id,
    )


def _correspondence(case: Case) -> CaseCorrespondence | None:
    return CaseCorrespondence.objects.filter(case_id=case.pk).select_related("mailbox").first()


def language_of(case: Case) -> str:
    found = _correspondence(case)
    return found.language if found else settings.LANGUAGE_CODE


def mailbox_of(case: Case) -> int | None:
    found = _correspondence(case)
    return found.mailbox_id if found else None


def tracking_url(case: Case) -> str:
    path = reverse("portal:track", kwargs={"token": case.tracking_token})
    return f"{settings.PUBLIC_BASE_URL}{path}"


def _address(case: Case) -> str:
    party = case.party
    if party is None or party.scrubbed_at is not None:
        return ""
    return party.email


def _write(
    case: Case,
    kind: OutgoingKind,
    key: str,
    *,
    in_reply_to: str = "",
    **context: Any,
) -> OutgoingMail | None:
    to = _address(case)
    if not to:
        return None
    correspondence = _correspondence(case)
    language = correspondence.language if correspondence else settings.LANGUAGE_CODE
    context = {
        "case": case,
        "kind": kind.value,
        "confidential": case.is_confidential,
        "tracking_url": tracking_url(case),
        "by_email": bool(correspondence and correspondence.channel == Channel.EMAIL),
        "reopen_days": settings.CASE_REOPEN_WITHIN_DAYS,
        **context,
    }
    if kind == OutgoingKind.CLOSED:
        context["rating_urls"] = [
            (score, f"{context['tracking_url']}?betyg={score}#satisfaction")
            for score in SATISFACTION_SCORES
        ]
    with translation.override(language):
        subject = render_to_string("email_channel/mail/subject.txt", context)
        body = render_to_string("email_channel/mail/body.txt", context)
    at = now()
    return OutgoingMail.objects.create(
        case=case,
        kind=kind,
        key=key,
        message_id=new_message_id(key),
        in_reply_to=in_reply_to,
        to=to,
        language=language,
        subject=" ".join(subject.split())[:300],
        body=body.strip() + "\n",
        next_attempt_at=at,
        created_at=at,
    )


def receipt(case: Case, *, in_reply_to: str = "", follows: Case | None = None) -> None:
    kind = OutgoingKind.FOLLOW_UP_CASE if follows is not None else OutgoingKind.RECEIPT
    _write(case, kind, f"receipt-{case.pk}", in_reply_to=in_reply_to, follows=follows)


def on_case_event(event: CaseEvent) -> None:
    kind = _EVENT_MAILS.get(CaseEventKind(event.kind)) if event.kind in _EVENT_MAILS else None
    if kind is None:
        return
    case = event.case
    text = event.data.get("text", "") if kind == OutgoingKind.REPLY else ""
    resolution = event.data.get("resolution", "") if kind == OutgoingKind.CLOSED else ""
    _write(case, kind, f"event-{event.pk}", text=text, resolution=resolution)
