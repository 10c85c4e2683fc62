"""Reading a functional mailbox over IMAP: new mail becomes a contact and a case, replies are
threaded onto their case, automatic mail is ignored.

Never lost: a mail is moved out of the folder read only *after* the transaction recording it
has committed. A crash between the two leaves the mail in place; the next read finds its
Message-ID recorded and only moves it (the same mail fetched twice is one case). A mail whose
processing fails stays where it is and is tried again on the next read; after
`EMAIL_INTAKE_MAX_FAILURES` failures it is moved to the mailbox's retry folder for a person.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import hashlib
import imaplib
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from kontaktcenter.accounts.actors import EMAIL_READER
from kontaktcenter.cases import selectors as case_selectors
from kontaktcenter.cases import services as case_services
from kontaktcenter.cases.choices import Channel
from kontaktcenter.cases.services.contacts import QUESTION_MAX_LENGTH
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import NotFound, ValidationError
from kontaktcenter.email_channel import notices, rules
from kontaktcenter.email_channel.models import (
    InboundMail,
    InboundOutcome,
    Mailbox,
    OutgoingMail,
)

logger = logging.getLogger(__name__)

FETCH_BATCH = 100
_UID = re.compile(rb"UID (\d+)")


@dataclass
class ReadReport:
    new_cases: int = 0
    threaded: int = 0
    ignored: int = 0
    duplicates: int = 0
    failed: int = 0
    moved_to_retry: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def taken_in(self) -> int:
        return self.new_cases + self.threaded + self.ignored + self.duplicates


def _message_id(message: EmailMessage, raw: bytes) -> str:
    value = str(message.get("Message-ID") or "").strip()
    if value:
        return value[:500]
    # Without a Message-ID the mail's bytes identify it: fetched twice, it is the same mail.
    return f"<sha256-{hashlib.sha256(raw).hexdigest()}@no-message-id>"


def _received_at(message: EmailMessage) -> datetime:
    """The mail's Date, within bounds: a wrong clock at the sender never rejects a mail."""
    at = now()
    try:
        date = parsedate_to_datetime(str(message.get("Date") or ""))
    except (TypeError, ValueError):
        return at
    if date.tzinfo is None or date > at:
        return at
    if (at - date).days > 30:
        return at
    return date


def _case_for_thread(message: EmailMessage, sender_address: str) -> int | None:
    references = rules.referenced_ids(message)
    if references:
        for table in (OutgoingMail, InboundMail):
            found = (
                table.objects.filter(message_id__in=references, case__isnull=False)
                .values_list("case_id", flat=True)
                .first()
            )
            if found is not None:
                return found
    reference = rules.subject_reference(
        str(message.get("Subject") or ""), prefix=settings.CASE_REFERENCE_PREFIX
    )
    if reference:
        try:
            case = case_selectors.case_get(actor=EMAIL_READER, reference=reference)
        except NotFound:
            return None
        # A reference is easy to guess; only the resident's own address adds to their case.
        if case.party and case.party.email.lower() == sender_address.lower():
            return case.pk
    return None


def _attach_to_case(mail: InboundMail, message: EmailMessage) -> None:
    """The mail's files go on its case through the cases app's attachment service, which sniffs
    their type and applies the same limits as every other channel; a file it refuses, or one
    past the number a mail may bring, is named on the mail so nothing is dropped unseen."""
    assert mail.case is not None
    refused: list[str] = []
    kept = 0
    for part in message.iter_attachments():
        filename = (part.get_filename() or "attachment")[:255]
        content = part.get_payload(decode=True)
        if not isinstance(content, bytes):
            continue
        if kept >= settings.EMAIL_ATTACHMENTS_MAX_COUNT:
            refused.append(filename)
            continue
        try:
            case_services.attachment_add(
                actor=EMAIL_READER,
                case=mail.case,
                filename=filename,
                content=content,
                declared_type=part.get_content_type(),
            )
        except ValidationError as error:
            logger.info("mail %s: attachment %s refused: %s", mail.pk, filename, error.code)
            refused.append(filename)
            continue
        kept += 1
    if refused:
        mail.attachments_refused = "\n".join(refused)
        mail.save(update_fields=["attachments_refused"])


@transaction.atomic
def take_in(mailbox: Mailbox, raw: bytes) -> InboundOutcome | None:
    """Record one mail; None when it was already taken in (a second fetch of the same mail)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    message_id = _message_id(message, raw)
    if InboundMail.objects.filter(message_id=message_id).exists():
        return None
    received_at = _received_at(message)
    reason = rules.automatic_reason(message, our_domain=notices.our_domain())
    name, address = rules.sender(message)
    if not reason and not address:
        reason = "no-sender"
    text, sanitised_html = rules.body_text(message) if not reason else ("", "")
    mail = InboundMail(
        mailbox=mailbox,
        message_id=message_id,
        received_at=received_at,
        taken_in_at=now(),
        text=text,
        html=sanitised_html,
    )
    if reason:
        mail.outcome = InboundOutcome.IGNORED
        mail.ignored_because = reason
        mail.save()
        return mail.outcome
    words = text[:QUESTION_MAX_LENGTH] or str(message.get("Subject") or "")
    case_id = _case_for_thread(message, address)
    if case_id is not None:
        outcome = case_services.case_resident_write(
            actor=EMAIL_READER,
            case=case_selectors.case_get_by_id(actor=EMAIL_READER, case_id=case_id),
            text=words or "-",
            channel=Channel.EMAIL,
            received_at=received_at,
            in_reply_to=message_id,
        )
        mail.outcome = InboundOutcome.NEW_CASE if outcome.follows else InboundOutcome.THREADED
        mail.case = outcome.case
    else:
        subject = " ".join(str(message.get("Subject") or "").split())
        mail.outcome = InboundOutcome.NEW_CASE
        mail.case = case_services.written_inquiry_register(
            actor=EMAIL_READER,
            channel=Channel.EMAIL,
            category=mailbox.category,
            subject=(subject or mailbox.category.name)[:200],
            description=words,
            language=rules.language(message, default=mailbox.language),
            resident_name=name,
            resident_email=address,
            received_at=received_at,
            mailbox_id=mailbox.pk,
            in_reply_to=message_id,
        )
    mail.save()
    _attach_to_case(mail, message)
    return mail.outcome


# --- IMAP ---------------------------------------------------------------------------------------


def connect(mailbox: Mailbox) -> imaplib.IMAP4:
    imap: imaplib.IMAP4
    if mailbox.use_tls:
        imap = imaplib.IMAP4_SSL(mailbox.host, mailbox.port, timeout=30)
    else:
        imap = imaplib.IMAP4(mailbox.host, mailbox.port, timeout=30)
    imap.login(mailbox.username, mailbox.password)
    return imap


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ensure_folder(imap: imaplib.IMAP4, folder: str) -> None:
    status, _data = imap.select(_quoted(folder), readonly=True)
    if status != "OK":
        imap.create(_quoted(folder))


def _move(imap: imaplib.IMAP4, uids: list[bytes], folder: str) -> None:
    if not uids:
        return
    uid_set = b",".join(uids).decode()
    status, _data = imap.uid("MOVE", uid_set, _quoted(folder))
    if status != "OK":
        # Servers without MOVE (RFC 6851): copy, then delete the original.
        imap.uid("COPY", uid_set, _quoted(folder))
        imap.uid("STORE", uid_set, "+FLAGS.SILENT", r"(\Deleted)")
        imap.expunge()


def _failure_count(mailbox: Mailbox, uid: bytes) -> int:
    key = f"email-intake-failures:{mailbox.pk}:{uid.decode()}"
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=7 * 24 * 3600)
        count = 1
    return int(count)


def read_mailbox(mailbox: Mailbox) -> ReadReport:
    """Take in everything waiting in the mailbox's folder."""
    report = ReadReport()
    imap = connect(mailbox)
    try:
        for folder in (mailbox.done_folder, mailbox.retry_folder):
            _ensure_folder(imap, folder)
        status, _data = imap.select(_quoted(mailbox.folder))
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot open folder {mailbox.folder}")
        status, data = imap.uid("SEARCH", "ALL")
        uids = data[0].split() if status == "OK" and data and data[0] else []
        for start in range(0, len(uids), FETCH_BATCH):
            _read_batch(imap, mailbox, uids[start : start + FETCH_BATCH], report)
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            imap.logout()
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_polled_at=now(), last_error="; ".join(report.errors)[:500]
    )
    return report


def _read_batch(
    imap: imaplib.IMAP4, mailbox: Mailbox, uids: list[bytes], report: ReadReport
) -> None:
    status, data = imap.uid("FETCH", b",".join(uids).decode(), "(UID BODY.PEEK[])")
    if status != "OK":
        raise imaplib.IMAP4.error("fetch refused")
    done: list[bytes] = []
    retry: list[bytes] = []
    for item in data:
        if not isinstance(item, tuple):
            continue
        match = _UID.search(item[0])
        if match is None:
            continue
        uid = match.group(1)
        try:
            outcome = take_in(mailbox, item[1])
        except Exception as error:
            logger.exception("mailbox %s: mail %s could not be taken in", mailbox, uid)
            report.failed += 1
            report.errors.append(f"{uid.decode()}: {type(error).__name__}")
            if _failure_count(mailbox, uid) >= settings.EMAIL_INTAKE_MAX_FAILURES:
                retry.append(uid)
            continue
        done.append(uid)
        if outcome is None:
            report.duplicates += 1
        elif outcome == InboundOutcome.NEW_CASE:
            report.new_cases += 1
        elif outcome == InboundOutcome.THREADED:
            report.threaded += 1
        else:
            report.ignored += 1
    _move(imap, done, mailbox.done_folder)
    _move(imap, retry, mailbox.retry_folder)
    report.moved_to_retry += len(retry)


def read_all() -> dict[str, ReadReport]:
    """Every active mailbox once; one mailbox's trouble does not stop the others."""
    reports: dict[str, ReadReport] = {}
    for mailbox in Mailbox.objects.filter(is_active=True).select_related("category"):
        try:
            reports[mailbox.address] = read_mailbox(mailbox)
        except (imaplib.IMAP4.error, OSError) as error:
            logger.warning("mailbox %s: %s", mailbox, error)
            Mailbox.objects.filter(pk=mailbox.pk).update(last_error=str(error)[:500])
            reports[mailbox.address] = ReadReport(errors=[str(error)])
    return reports
