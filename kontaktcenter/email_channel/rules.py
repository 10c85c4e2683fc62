"""Pure decisions about a mail, without the ORM: is it automatic, what does it refer to, what
does it say. Kept apart so they are easy to test on many real-world header shapes."""

from __future__ import annotations

import html
import re
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

import nh3

# RFC 3834 and the headers mail systems use in practice for automatic mail.
_BULK_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
_AUTOREPLY_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply-From")
_DAEMON_SENDERS = ("mailer-daemon", "postmaster")
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")


def _header(message: EmailMessage, name: str) -> str:
    value = message.get(name)
    return str(value).strip() if value is not None else ""


def automatic_reason(  # noqa: PLR0911 - one early answer per kind of automatic mail
    message: EmailMessage, *, our_domain: str
) -> str:
    """Why this mail must not become a case (a short code), or "" for a person's mail."""
    auto_submitted = _header(message, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted != "no":
        return "auto-submitted"
    if _header(message, "Precedence").lower() in _BULK_PRECEDENCE:
        return "precedence"
    if any(_header(message, name) for name in _AUTOREPLY_HEADERS):
        return "autoreply"
    content_type = message.get_content_type()
    if content_type == "multipart/report" or message.get_param("report-type") is not None:
        return "delivery-report"
    if _header(message, "Return-Path") == "<>":
        return "bounce"
    sender = parseaddr(_header(message, "From"))[1].lower()
    if sender.split("@")[0] in _DAEMON_SENDERS:
        return "bounce"
    if is_ours(_header(message, "Message-ID"), our_domain=our_domain):
        return "own-message"
    if _header(message, "List-Id") or _header(message, "List-Unsubscribe"):
        return "mailing-list"
    return ""


def is_ours(message_id: str, *, our_domain: str) -> bool:
    """Mail we sent ourselves (a loop through a forwarding rule) has our Message-ID."""
    cleaned = message_id.strip().lower()
    return cleaned.startswith("<kc-") and cleaned.endswith(f"@{our_domain.lower()}>")


def referenced_ids(message: EmailMessage) -> list[str]:
    """The Message-IDs this mail answers, nearest first (In-Reply-To, then References)."""
    found: list[str] = []
    for name in ("In-Reply-To", "References"):
        ids = _MESSAGE_ID.findall(_header(message, name))
        for message_id in reversed(ids) if name == "References" else ids:
            if message_id not in found:
                found.append(message_id)
    return found


def subject_reference(subject: str, *, prefix: str) -> str:
    """A case reference written in the subject, e.g. "Re: [KC-2026-000123] …"."""
    match = re.search(rf"\b{re.escape(prefix)}-(\d{{4}})-(\d{{6}})\b", subject, re.IGNORECASE)
    return f"{prefix}-{match.group(1)}-{match.group(2)}" if match else ""


def sender(message: EmailMessage) -> tuple[str, str]:
    """(name, address) of who wrote, Reply-To first as the resident asked to be answered there."""
    for name in ("Reply-To", "From"):
        addresses = getaddresses([_header(message, name)])
        for display, address in addresses:
            if "@" in address:
                return display.strip()[:160], address.strip()
    return "", ""


def sanitise_html(raw: str) -> str:
    """HTML safe to show staff: nh3 (Ammonia) keeps formatting and drops scripts, handlers and
    remote content tricks."""
    return nh3.clean(raw, link_rel="noopener noreferrer nofollow")


def html_to_text(raw: str) -> str:
    """The words of an HTML mail: every tag removed by nh3, script and style with their
    content, entities turned back into characters, blank lines squeezed."""
    block_breaks = re.sub(r"(?i)<\s*(br|/p|/div|/li|/tr|/h\d)\b[^>]*>", "\n", raw)
    stripped = html.unescape(nh3.clean(block_breaks, tags=set()))
    lines = [" ".join(line.split()) for line in stripped.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def body_text(message: EmailMessage) -> tuple[str, str]:
    """(text, sanitised HTML) of the mail; the plain part is preferred for the text."""
    html_part = message.get_body(preferencelist=("html",))
    sanitised = ""
    if html_part is not None:
        sanitised = sanitise_html(str(html_part.get_content()))
    plain = message.get_body(preferencelist=("plain",))
    if plain is not None:
        return str(plain.get_content()).strip(), sanitised
    if html_part is not None:
        return html_to_text(str(html_part.get_content())), sanitised
    return "", sanitised


def language(message: EmailMessage, *, default: str) -> str:
    content_language = _header(message, "Content-Language").lower()
    if content_language.startswith("en"):
        return "en"
    if content_language.startswith("sv"):
        return "sv"
    return default
