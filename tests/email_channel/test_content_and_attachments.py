"""What a mail says reaches the case safely: HTML sanitised, attachments kept within limits."""

from __future__ import annotations

from pytest_django.fixtures import Settings as SettingsWrapper

from kontaktcenter.cases.models import Attachment, Case
from kontaktcenter.email_channel import intake
from kontaktcenter.email_channel.models import InboundMail, Mailbox
from tests.email_channel.conftest import write_mail
from tests.email_channel.dovecot import Dovecot

HOSTILE_HTML = """<html><head><style>p { color: red }</style></head><body>
<p onclick="steal()">Hej!</p><p>Gatlampan &auml;r <b>trasig</b>.</p>
<script>alert('x')</script><img src="x" onerror="steal()"><a href="javascript:steal()">l\u00e4nk</a>
</body></html>"""


def test_html_mail_becomes_plain_words_and_sanitised_html(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox
) -> None:
    dovecot.deliver(imap_user, write_mail(html=HOSTILE_HTML))

    intake.read_mailbox(mailbox)

    case = Case.objects.get()
    assert "Gatlampan är trasig." in case.description
    assert "alert" not in case.description
    assert "color: red" not in case.description
    kept = InboundMail.objects.get().html
    assert "<b>trasig</b>" in kept
    for hostile in ("<script", "onclick", "onerror", "javascript:", "<style"):
        assert hostile not in kept


def test_attachments_within_the_limits_go_on_the_case_and_the_others_are_named(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox, settings: SettingsWrapper
) -> None:
    settings.ATTACHMENT_MAX_BYTES = 1000
    dovecot.deliver(
        imap_user,
        write_mail(
            attachments=[("lampan.txt", b"Lampan lyser inte. " * 40), ("film.mov", b"M" * 5000)]
        ),
    )

    intake.read_mailbox(mailbox)

    case = Case.objects.get()
    attachment = Attachment.objects.get()
    assert attachment.case == case
    assert attachment.file_name == "lampan.txt"
    assert attachment.content_type == "text/plain"
    assert InboundMail.objects.get().attachments_refused == "film.mov"


def test_a_very_long_mail_is_kept_whole(dovecot: Dovecot, imap_user: str, mailbox: Mailbox) -> None:
    long_text = "Lampan blinkar. " * 1500
    dovecot.deliver(imap_user, write_mail(body=long_text))

    intake.read_mailbox(mailbox)

    assert Case.objects.count() == 1
    assert InboundMail.objects.get().text == long_text.strip()
