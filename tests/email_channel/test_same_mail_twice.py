"""The same mail fetched twice is one case; a mail is never lost if processing fails."""

from __future__ import annotations

from pytest_django.fixtures import Settings as SettingsWrapper

from kontaktcenter.cases.models import Case
from kontaktcenter.email_channel import intake
from kontaktcenter.email_channel.models import InboundMail, Mailbox
from kontaktcenter.routing.models import Category
from tests.email_channel.conftest import write_mail
from tests.email_channel.dovecot import Dovecot


def test_the_same_mail_delivered_twice_is_one_case(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox
) -> None:
    mail = write_mail(message_id="<same-1@example.se>")
    dovecot.deliver(imap_user, mail, mail)

    report = intake.read_mailbox(mailbox)

    assert Case.objects.count() == 1
    assert report.new_cases == 1
    assert report.duplicates == 1
    assert dovecot.count(imap_user, "INBOX") == 0


def test_a_crash_after_recording_but_before_moving_means_no_second_case(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox
) -> None:
    """The worker recorded the mail, then died before moving it: the next read only moves it."""
    mail = write_mail(message_id="<crash-1@example.se>")
    dovecot.deliver(imap_user, mail)
    intake.take_in(mailbox, mail)

    report = intake.read_mailbox(mailbox)

    assert Case.objects.count() == 1
    assert report.duplicates == 1
    assert dovecot.count(imap_user, "Done") == 1


def test_mail_without_message_id_is_recognised_by_its_content(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox
) -> None:
    mail = write_mail().replace(b"Message-ID:", b"X-Old-Id:")
    dovecot.deliver(imap_user, mail, mail)

    intake.read_mailbox(mailbox)

    assert Case.objects.count() == 1


def test_mail_that_fails_stays_on_the_server_then_waits_in_the_retry_folder(
    dovecot: Dovecot,
    imap_user: str,
    mailbox: Mailbox,
    street_lighting: Category,
    settings: SettingsWrapper,
) -> None:
    settings.EMAIL_INTAKE_MAX_FAILURES = 2
    # Half-way: the contact is written, then routing refuses the retired category.
    Category.objects.filter(pk=street_lighting.pk).update(is_active=False)
    dovecot.deliver(imap_user, write_mail())
    mailbox = Mailbox.objects.select_related("category").get(pk=mailbox.pk)

    first = intake.read_mailbox(mailbox)

    assert first.failed == 1
    assert dovecot.count(imap_user, "INBOX") == 1
    assert not InboundMail.objects.exists()
    assert not Case.objects.exists()

    intake.read_mailbox(mailbox)

    assert dovecot.count(imap_user, "INBOX") == 0
    assert dovecot.count(imap_user, "Retry") == 1
    mailbox.refresh_from_db()
    assert mailbox.last_error

    # A person fixes the category and moves the mail back: it is taken in as usual.
    Category.objects.filter(pk=street_lighting.pk).update(is_active=True)
    mailbox = Mailbox.objects.select_related("category").get(pk=mailbox.pk)
    imap = dovecot.connect(imap_user)
    imap.select('"Retry"')
    imap.uid("MOVE", "1:*", "INBOX")
    imap.logout()
    intake.read_mailbox(mailbox)
    assert Case.objects.count() == 1
