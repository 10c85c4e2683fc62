"""Receipts, answers and closing reach the resident by e-mail through the outbox; a mail
server that is down delays them and loses nothing."""

from __future__ import annotations

from kontaktcenter.accounts.actors import ResidentActor
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, Channel
from kontaktcenter.email_channel import outgoing
from kontaktcenter.email_channel.models import OutgoingMail, OutgoingStatus
from kontaktcenter.routing.models import Category
from tests.conftest import Clock
from tests.forwarding.smtp_fixtures import SmtpServer

WORKER = "test-worker"


def _web_case(category: Category, *, language: str = "sv", email: str = "anna@example.se") -> Case:
    return services.written_inquiry_register(
        actor=ResidentActor(),
        channel=Channel.WEB,
        category=category,
        subject="Trasig gatlampa",
        description="Lampan vid Rinkeby torg är släckt.",
        language=language,
        resident_email=email,
    )


def test_the_receipt_is_sent_with_reference_link_and_automatic_headers(
    street_lighting: Category, operator: object, smtp_server: SmtpServer, clock: Clock
) -> None:
    case = _web_case(street_lighting)

    assert outgoing.send_due(WORKER) == 1

    sent = smtp_server.mailbox.messages[0]
    assert sent["To"] == "anna@example.se"
    assert case.reference in sent["Subject"]
    assert sent["Auto-Submitted"] == "auto-generated"
    assert case.tracking_token in sent.get_content()
    assert OutgoingMail.objects.get().status == OutgoingStatus.SENT


def test_the_resident_is_written_to_in_their_language(
    street_lighting: Category, operator: object, smtp_server: SmtpServer, clock: Clock
) -> None:
    _web_case(street_lighting, language="en")

    outgoing.send_due(WORKER)

    sent = smtp_server.mailbox.messages[0]
    assert "We have received your message" in sent["Subject"]
    assert sent["Content-Language"] == "en"


def test_a_mail_server_that_is_down_loses_nothing(
    street_lighting: Category, operator: object, smtp_server: SmtpServer, clock: Clock
) -> None:
    smtp_server.stop()
    _web_case(street_lighting)

    assert outgoing.send_due(WORKER) == 0

    waiting = OutgoingMail.objects.get()
    assert waiting.status == OutgoingStatus.PENDING
    assert waiting.attempts == 1
    assert waiting.last_error

    smtp_server.start()
    clock.advance(hours=2)
    assert outgoing.send_due(WORKER) == 1
    assert len(smtp_server.mailbox.messages) == 1
    assert OutgoingMail.objects.get().status == OutgoingStatus.SENT


def test_an_answer_by_the_case_officer_reaches_the_resident(
    street_lighting: Category,
    operator: object,
    traffic_officer: User,
    smtp_server: SmtpServer,
    clock: Clock,
) -> None:
    case = _web_case(street_lighting)
    services.case_reply(
        actor=traffic_officer, case=case, text="Vi byter lampan på torsdag. /Trafikkontoret"
    )

    outgoing.send_due(WORKER)

    kinds = list(OutgoingMail.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == ["receipt", "reply"]
    answer = smtp_server.mailbox.messages[1]
    # Written in the e-service: the mail says where to read the answer, with the link.
    assert case.tracking_token in answer.get_content()


def test_closing_asks_whether_the_resident_got_the_help_they_needed(
    street_lighting: Category,
    operator: object,
    traffic_officer: User,
    smtp_server: SmtpServer,
    clock: Clock,
) -> None:
    case = _web_case(street_lighting)
    services.case_close(actor=traffic_officer, case=case, resolution="Lampan är lagad.")

    outgoing.send_due(WORKER)

    closing = smtp_server.mailbox.messages[-1]
    body = closing.get_content()
    assert "Did you get the help you needed" in body or "Fick du den hjälp" in body
    assert f"{case.tracking_token}/?betyg=5" in body


def test_a_resident_without_an_address_gets_no_mail(
    street_lighting: Category, operator: object, clock: Clock
) -> None:
    _web_case(street_lighting, email="")

    assert not OutgoingMail.objects.exists()


def test_mail_about_a_confidential_case_names_only_the_reference(
    financial_support: Category,
    jarva: object,
    operator: object,
    district_officer: User,
    clock: Clock,
) -> None:
    case = services.written_inquiry_register(
        actor=ResidentActor(),
        channel=Channel.EMAIL,
        category=financial_support,
        subject="Ansökan om försörjningsstöd",
        description="Jag har förlorat mitt arbete.",
        language="sv",
        resident_email="anna@example.se",
        district=jarva,  # type: ignore[arg-type]
    )
    services.case_reply(actor=district_officer, case=case, text="Du beviljas stöd för mars.")

    for mail in OutgoingMail.objects.all():
        assert "försörjningsstöd" not in mail.body
        assert "beviljas" not in mail.body
        assert case.reference in mail.subject
