"""A resident's mail to a functional mailbox becomes a contact and a case (S1)."""

from __future__ import annotations

from datetime import timedelta

from kontaktcenter.cases.models import Case, Channel, Contact, ContactOutcome
from kontaktcenter.email_channel import intake
from kontaktcenter.email_channel.models import InboundMail, Mailbox, OutgoingMail
from tests.conftest import Clock
from tests.email_channel.conftest import write_mail
from tests.email_channel.dovecot import Dovecot


def test_new_mail_becomes_a_case_with_its_received_time(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox, clock: Clock
) -> None:
    sent_at = clock.at - timedelta(hours=14)
    dovecot.deliver(imap_user, write_mail(date=sent_at))

    report = intake.read_mailbox(mailbox)

    assert report.new_cases == 1
    case = Case.objects.get()
    assert case.channel == Channel.EMAIL
    assert case.subject == "Gatlampan på Rinkebysvängen 12 är trasig"
    assert "släckt i tre veckor" in case.description
    assert case.received_at == sent_at
    assert case.responsible_organisation == mailbox.organisation
    assert case.party is not None
    assert case.party.email == "anna.svensson@example.se"
    assert case.party.name == "Anna Svensson"


def test_every_mail_is_a_contact_like_a_phone_call(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox
) -> None:
    dovecot.deliver(imap_user, write_mail())

    intake.read_mailbox(mailbox)

    contact = Contact.objects.get()
    assert contact.channel == Channel.EMAIL
    assert contact.outcome == ContactOutcome.CASE_CREATED
    assert contact.case == Case.objects.get()
    assert contact.agent is None


def test_taken_in_mail_leaves_the_inbox_for_the_done_folder(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox
) -> None:
    dovecot.deliver(imap_user, write_mail(), write_mail(subject="Cykelbana blockerad"))

    intake.read_mailbox(mailbox)

    assert dovecot.count(imap_user, "INBOX") == 0
    assert dovecot.count(imap_user, "Done") == 2
    assert InboundMail.objects.count() == 2


def test_the_resident_gets_a_receipt_that_answers_their_mail(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox
) -> None:
    dovecot.deliver(imap_user, write_mail(message_id="<anna-1@example.se>"))

    intake.read_mailbox(mailbox)

    receipt = OutgoingMail.objects.get()
    case = Case.objects.get()
    assert receipt.to == "anna.svensson@example.se"
    assert receipt.in_reply_to == "<anna-1@example.se>"
    assert case.reference in receipt.subject
    assert case.tracking_token in receipt.body
    assert receipt.language == "sv"


def test_english_mail_gets_an_english_receipt(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox
) -> None:
    dovecot.deliver(imap_user, write_mail(headers={"Content-Language": "en-GB"}))

    intake.read_mailbox(mailbox)

    receipt = OutgoingMail.objects.get()
    assert receipt.language == "en"
    assert "We have received your message" in receipt.subject


def test_a_mail_without_a_date_is_received_when_read(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox, clock: Clock
) -> None:
    dovecot.deliver(imap_user, write_mail(date=None))

    intake.read_mailbox(mailbox)

    assert Case.objects.get().received_at == clock.at
