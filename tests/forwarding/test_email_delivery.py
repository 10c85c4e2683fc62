"""Cases reach an organisation's functional mailbox through a real SMTP server, and a mail
server that is down loses nothing (S13)."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding import services
from kontaktcenter.forwarding.adapters.email import message_id
from kontaktcenter.forwarding.choices import DeliveryStatus, EndpointKind
from kontaktcenter.forwarding.models import Delivery, Endpoint
from kontaktcenter.forwarding.worker import Worker
from kontaktcenter.routing.models import Category
from tests.conftest import MakeCase
from tests.forwarding.smtp_fixtures import SmtpServer

ADMIN = SystemActor("test")


def _mailbox_endpoint(organisation: Organisation, **options: object) -> Endpoint:
    return services.endpoint_create(
        actor=ADMIN,
        organisation=organisation,
        name="Registrator Trafikkontoret",
        kind=EndpointKind.EMAIL,
        email="registrator.trafik@example.se",
        **options,  # type: ignore[arg-type]
    )


def _send_due() -> int:
    return Worker(duties=[]).run_due()


@pytest.mark.django_db(transaction=True)
def test_a_new_case_arrives_in_the_mailbox_with_its_reference_and_a_stable_message_id(
    smtp_server: SmtpServer, traffic_office: Organisation, make_case: MakeCase
) -> None:
    _mailbox_endpoint(traffic_office)
    case = make_case(description="Lampan vid busshållplatsen har varit släckt i en vecka.")
    assert _send_due() == 1
    [message] = smtp_server.mailbox.messages
    delivery = Delivery.objects.get(case=case)
    assert case.reference in message["Subject"]
    assert message["To"] == "registrator.trafik@example.se"
    assert message["Message-ID"] == message_id(delivery.idempotency_key)
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain is not None
    assert html is not None
    assert "Lampan vid busshållplatsen" in plain.get_content()
    assert case.reference in html.get_content()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED


@pytest.mark.django_db(transaction=True)
def test_the_residents_details_are_sent_only_when_they_agreed(
    smtp_server: SmtpServer, traffic_office: Organisation, make_case: MakeCase
) -> None:
    _mailbox_endpoint(traffic_office)
    make_case(resident_name="Anna Svensson", share_contact_details=False)
    make_case(resident_name="Bo Ek", share_contact_details=True)
    _send_due()
    bodies = {
        message["Subject"]: message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
        for message in smtp_server.mailbox.messages
    }
    texts = list(bodies.values())
    assert any("Bo Ek" in text for text in texts)
    assert not any("Anna Svensson" in text for text in texts)


@pytest.mark.django_db(transaction=True)
def test_a_confidential_case_is_announced_without_its_content(
    smtp_server: SmtpServer,
    jarva: Organisation,
    financial_support: Category,
    make_case: MakeCase,
) -> None:
    _mailbox_endpoint(jarva)
    case = make_case(
        category=financial_support,
        district=jarva,
        subject="Fråga om ekonomiskt bistånd",
        description="Jag har inte råd med hyran i mars.",
    )
    _send_due()
    [message] = smtp_server.mailbox.messages
    text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert case.reference in text
    assert "hyran" not in text
    assert "ekonomiskt bistånd" not in message["Subject"]


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_is_down_loses_nothing(
    smtp_server: SmtpServer, traffic_office: Organisation, make_case: MakeCase
) -> None:
    _mailbox_endpoint(traffic_office)
    smtp_server.stop()
    cases = [make_case(subject=f"Trasig gatlampa nummer {number}") for number in range(3)]
    _send_due()
    pending = Delivery.objects.filter(status=DeliveryStatus.PENDING)
    assert pending.count() == 3
    assert all(delivery.last_error for delivery in pending)
    smtp_server.start()
    pending.update(next_attempt_at=Delivery.objects.order_by("created_at")[0].created_at)
    Endpoint.objects.update(paused_until=None)
    _send_due()
    assert Delivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == 3
    subjects = " ".join(message["Subject"] for message in smtp_server.mailbox.messages)
    assert all(case.reference in subjects for case in cases)
