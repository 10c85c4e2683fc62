"""The e-mail channel's world: a dovecot mailbox for Trafikkontoret, mail written like the mail
residents send, and an SMTP server for what goes back to them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import pytest

from kontaktcenter.directory.models import Organisation
from kontaktcenter.email_channel.models import Mailbox
from kontaktcenter.routing.models import Category
from tests.conftest import Clock
from tests.email_channel.dovecot import Dovecot, dovecot
from tests.forwarding.smtp_fixtures import smtp_server

__all__ = ["dovecot", "smtp_server"]

MAILBOX_ADDRESS = "trafik@stockholm.se"
WriteMail = Callable[..., bytes]


@pytest.fixture
def imap_user(dovecot: Dovecot) -> str:
    return dovecot.new_user()


@pytest.fixture
def mailbox(
    dovecot: Dovecot,
    imap_user: str,
    traffic_office: Organisation,
    street_lighting: Category,
    operator: Organisation,
    clock: Clock,
) -> Mailbox:
    from tests.email_channel.dovecot import PASSWORD  # noqa: PLC0415

    return Mailbox.objects.create(
        organisation=traffic_office,
        address=MAILBOX_ADDRESS,
        category=street_lighting,
        host="127.0.0.1",
        port=dovecot.port,
        use_tls=False,
        username=imap_user,
        password=PASSWORD,
    )


def write_mail(
    *,
    subject: str = "Gatlampan på Rinkebysvängen 12 är trasig",
    body: str = "Hej! Lampan utanför porten har varit släckt i tre veckor. Mvh Anna",
    sender: str = "Anna Svensson <anna.svensson@example.se>",
    date: datetime | None = None,
    message_id: str | None = None,
    html: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, bytes]] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = MAILBOX_ADDRESS
    message["Subject"] = subject
    message["Message-ID"] = message_id or make_msgid(domain="example.se")
    if date is not None:
        message["Date"] = format_datetime(date)
    if html is None:
        message.set_content(body)
    else:
        message.set_content(html, subtype="html")
    # After the content: setting it replaces every Content-* header.
    for name, value in (headers or {}).items():
        message[name] = value
    for filename, content in attachments or []:
        message.add_attachment(
            content, maintype="application", subtype="octet-stream", filename=filename
        )
    return message.as_bytes()
