"""A reply to a case's mail is threaded onto that case, by its headers or the reference."""

from __future__ import annotations

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, CaseEventKind, CaseStatus
from kontaktcenter.email_channel import intake
from kontaktcenter.email_channel.models import Mailbox, OutgoingMail
from tests.conftest import Clock
from tests.email_channel.conftest import write_mail
from tests.email_channel.dovecot import Dovecot


def _first_case(dovecot: Dovecot, imap_user: str, mailbox: Mailbox) -> Case:
    dovecot.deliver(imap_user, write_mail(message_id="<anna-1@example.se>"))
    intake.read_mailbox(mailbox)
    return Case.objects.get()


def test_an_answer_to_our_receipt_is_added_to_the_case(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox
) -> None:
    case = _first_case(dovecot, imap_user, mailbox)
    receipt = OutgoingMail.objects.get(case=case)
    dovecot.deliver(
        imap_user,
        write_mail(
            subject="Re: Vi har tagit emot ditt meddelande",
            body="Jag glömde: det gäller lampan närmast busshållplatsen.",
            headers={"In-Reply-To": receipt.message_id, "References": receipt.message_id},
        ),
    )

    report = intake.read_mailbox(mailbox)

    assert report.threaded == 1
    assert Case.objects.count() == 1
    wrote = case.events.get(kind=CaseEventKind.RESIDENT_WROTE)
    assert "busshållplatsen" in wrote.data["text"]
    assert wrote.data["channel"] == "email"


def test_a_second_mail_in_the_residents_own_thread_is_added_too(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox
) -> None:
    case = _first_case(dovecot, imap_user, mailbox)
    dovecot.deliver(
        imap_user,
        write_mail(subject="Ett tillägg", headers={"References": "<anna-1@example.se>"}),
    )

    intake.read_mailbox(mailbox)

    assert Case.objects.count() == 1
    assert case.events.filter(kind=CaseEventKind.RESIDENT_WROTE).count() == 1


def test_the_reference_in_the_subject_threads_the_residents_mail(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox
) -> None:
    case = _first_case(dovecot, imap_user, mailbox)
    dovecot.deliver(imap_user, write_mail(subject=f"Angående ärende {case.reference}"))

    intake.read_mailbox(mailbox)

    assert Case.objects.count() == 1
    assert case.events.filter(kind=CaseEventKind.RESIDENT_WROTE).exists()


def test_a_stranger_naming_the_reference_starts_a_case_of_their_own(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox
) -> None:
    """References are sequential and easy to guess; only the resident's address adds to a case."""
    case = _first_case(dovecot, imap_user, mailbox)
    dovecot.deliver(
        imap_user,
        write_mail(subject=f"Re: {case.reference}", sender="someone@example.org"),
    )

    intake.read_mailbox(mailbox)

    assert Case.objects.count() == 2
    assert not case.events.filter(kind=CaseEventKind.RESIDENT_WROTE).exists()


def test_mail_to_a_case_waiting_for_the_resident_puts_it_back_in_progress(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox, traffic_officer: User
) -> None:
    case = _first_case(dovecot, imap_user, mailbox)
    services.case_change_status(actor=traffic_officer, case=case, status=CaseStatus.WAITING)
    dovecot.deliver(imap_user, write_mail(subject=f"Svar: {case.reference}"))

    intake.read_mailbox(mailbox)

    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS


def test_mail_to_a_recently_closed_case_reopens_it_and_tells_the_resident(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox, traffic_officer: User, clock: Clock
) -> None:
    case = _first_case(dovecot, imap_user, mailbox)
    services.case_close(actor=traffic_officer, case=case, resolution="Lampan är lagad.")
    clock.advance(days=10)
    dovecot.deliver(
        imap_user, write_mail(subject=f"Re: {case.reference}", body="Den är släckt igen.")
    )

    intake.read_mailbox(mailbox)

    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    assert Case.objects.count() == 1
    assert OutgoingMail.objects.filter(case=case, kind="reopened").exists()


def test_mail_to_a_case_closed_long_ago_starts_a_new_linked_case(
    dovecot: Dovecot, imap_user: str, mailbox: Mailbox, traffic_officer: User, clock: Clock
) -> None:
    case = _first_case(dovecot, imap_user, mailbox)
    services.case_close(actor=traffic_officer, case=case, resolution="Lampan är lagad.")
    clock.advance(days=45)
    dovecot.deliver(imap_user, write_mail(subject=f"Re: {case.reference}", body="Släckt igen."))

    intake.read_mailbox(mailbox)

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    follow_up = Case.objects.exclude(pk=case.pk).get()
    assert follow_up.party is not None
    assert follow_up.party.email == "anna.svensson@example.se"
    assert follow_up.events.get(kind=CaseEventKind.FOLLOW_UP_CREATED).data["follows"] == (
        case.reference
    )
    assert case.events.get(kind=CaseEventKind.FOLLOW_UP_CREATED).data["reference"] == (
        follow_up.reference
    )
    told = OutgoingMail.objects.get(case=follow_up)
    assert told.kind == "follow_up_case"
    assert case.reference in told.body
    assert follow_up.reference in told.subject
