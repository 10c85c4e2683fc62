"""The webhook adapter against the example receiver on 127.0.0.1: what the receiver gets, what
we keep of its answer, and what each kind of answer does to the delivery. Real sockets, the real
worker; the project's clock is frozen, so "later" is exact."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.conf import settings

from kontaktcenter.cases.models import Case, CaseEvent, CaseEventKind
from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding import sending, services, signing
from kontaktcenter.forwarding.adapters.webhook import WebhookTransport
from kontaktcenter.forwarding.models import (
    AttemptOutcome,
    Delivery,
    DeliveryStatus,
    Endpoint,
    ExternalReference,
)
from kontaktcenter.forwarding.worker import Worker
from tests.conftest import Clock, MakeCase
from tests.forwarding.receiver_fixtures import (
    RECEIVER_SECRET,
    TEST_ACTOR,
    StartReceiver,
    fixture_receivers_on_localhost,  # noqa: F401 - provides receivers_on_localhost
    fixture_start_receiver,  # noqa: F401 - provides start_receiver
    webhook_endpoint,
)

# The worker starts each batch with close_old_connections(), as a long-running process must; that
# drops a connection left inside a transaction, so these tests commit for real.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("receivers_on_localhost"),
]


def _send_due() -> int:
    return Worker(duties=[]).run_due()


def _delivery(case: Case, endpoint: Endpoint) -> Delivery:
    return Delivery.objects.get(case=case, endpoint=endpoint)


def test_the_receiver_gets_the_case_signed_with_its_idempotency_key(
    start_receiver: StartReceiver, traffic_office: Organisation, make_case: MakeCase
) -> None:
    receiver = start_receiver()
    endpoint = webhook_endpoint(traffic_office, receiver.url)
    case = make_case()
    delivery = _delivery(case, endpoint)

    assert _send_due() == 1

    [request] = receiver.requests
    headers = request.headers
    assert headers["idempotency-key"] == delivery.idempotency_key
    assert headers["x-kontaktcenter-key-id"] == endpoint.secrets.get().key_id
    assert headers["content-type"].startswith("application/json")
    assert signing.verify(request.body, headers["x-kontaktcenter-signature"], [RECEIVER_SECRET])
    assert not signing.verify(
        request.body, headers["x-kontaktcenter-signature"], ["another-secret-0123456789abcdef"]
    )
    payload = json.loads(request.body)
    assert payload["schema"] == "kontaktcenter.case-event/1"
    assert payload["event"] == "case.created"
    assert payload["idempotency_key"] == delivery.idempotency_key
    assert payload["case"]["reference"] == case.reference
    assert payload["case"]["organisation"] == {"code": "trafikkontoret", "name": "Trafikkontoret"}


def test_the_reference_the_receiver_answers_is_kept_on_the_case_and_in_its_history(
    start_receiver: StartReceiver, traffic_office: Organisation, make_case: MakeCase
) -> None:
    receiver = start_receiver()
    endpoint = webhook_endpoint(traffic_office, receiver.url)
    case = make_case()

    _send_due()

    delivery = _delivery(case, endpoint)
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.external_reference == "RCV-1"
    assert ExternalReference.objects.get(case=case, endpoint=endpoint).reference == "RCV-1"
    event = CaseEvent.objects.get(case=case, kind=CaseEventKind.EXTERNAL_UPDATE)
    assert event.data["reference"] == "RCV-1"
    assert event.data["endpoint"] == "Felanmälan Trafik"
    assert [attempt.outcome for attempt in delivery.attempt_log.all()] == [AttemptOutcome.DELIVERED]


def test_a_resend_after_a_lost_record_is_counted_raw_but_not_distinct(
    start_receiver: StartReceiver,
    traffic_office: Organisation,
    make_case: MakeCase,
    clock: Clock,
) -> None:
    receiver = start_receiver()
    endpoint = webhook_endpoint(traffic_office, receiver.url)
    case = make_case()
    # A worker claims the delivery and sends it, then dies before it can record the success.
    [claimed] = sending.claim("worker-that-dies")
    WebhookTransport().send(Delivery.objects.get(pk=claimed), endpoint)

    clock.advance(seconds=settings.FORWARDING_LEASE_SECONDS + 1)
    assert _send_due() == 1

    first, resent = receiver.requests
    assert resent.headers["idempotency-key"] == first.headers["idempotency-key"]
    assert resent.body == first.body
    assert receiver.stats().as_json() == {"raw": 2, "distinct": 1}
    delivery = _delivery(case, endpoint)
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.external_reference == "RCV-1"


def test_a_receiver_answering_503_gets_the_delivery_again_later(
    start_receiver: StartReceiver,
    traffic_office: Organisation,
    make_case: MakeCase,
    clock: Clock,
) -> None:
    receiver = start_receiver(fail_first=1)
    endpoint = webhook_endpoint(traffic_office, receiver.url)
    case = make_case()

    _send_due()

    delivery = _delivery(case, endpoint)
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.next_attempt_at > clock.at
    assert delivery.attempts == 1
    [attempt] = delivery.attempt_log.all()
    assert (attempt.outcome, attempt.response_status) == (AttemptOutcome.RETRY, 503)
    assert _send_due() == 0, "not due before its next attempt"

    clock.set(delivery.next_attempt_at)
    assert _send_due() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert receiver.stats().as_json() == {"raw": 2, "distinct": 1}


def test_a_receiver_answering_400_sends_the_delivery_to_the_dead_letter_at_once(
    start_receiver: StartReceiver,
    traffic_office: Organisation,
    make_case: MakeCase,
    clock: Clock,
) -> None:
    receiver = start_receiver(status=400)
    endpoint = webhook_endpoint(traffic_office, receiver.url)
    case = make_case()

    _send_due()
    clock.advance(days=1)
    _send_due()

    delivery = _delivery(case, endpoint)
    assert delivery.status == DeliveryStatus.DEAD
    assert [(try_.outcome, try_.response_status) for try_ in delivery.attempt_log.all()] == [
        (AttemptOutcome.PERMANENT, 400)
    ]
    assert receiver.stats().raw == 1


def test_a_receiver_answering_429_with_retry_after_is_not_asked_again_sooner(
    start_receiver: StartReceiver,
    traffic_office: Organisation,
    make_case: MakeCase,
    clock: Clock,
) -> None:
    receiver = start_receiver(status=429, retry_after=120)
    endpoint = webhook_endpoint(traffic_office, receiver.url)
    case = make_case()
    sent_at = clock.at

    _send_due()

    delivery = _delivery(case, endpoint)
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.next_attempt_at >= sent_at + timedelta(seconds=120)
    assert delivery.attempt_log.get().response_status == 429


def test_a_redirect_is_not_followed(
    start_receiver: StartReceiver, traffic_office: Organisation, make_case: MakeCase
) -> None:
    elsewhere = start_receiver()
    redirecting = start_receiver(status=307, location=elsewhere.url)
    endpoint = webhook_endpoint(traffic_office, redirecting.url)
    case = make_case()

    _send_due()

    assert elsewhere.requests == []
    delivery = _delivery(case, endpoint)
    assert delivery.status == DeliveryStatus.DEAD
    assert delivery.attempt_log.get().response_status == 307
    assert "not followed" in delivery.last_error


def test_during_a_key_rotation_a_receiver_with_only_the_new_secret_accepts_the_delivery(
    start_receiver: StartReceiver, traffic_office: Organisation, make_case: MakeCase
) -> None:
    new_secret = "the-receivers-new-secret-0123456789"
    receiver = start_receiver(secrets=[new_secret])
    endpoint = webhook_endpoint(traffic_office, receiver.url)
    services.endpoint_add_secret(actor=TEST_ACTOR, endpoint=endpoint, secret=new_secret)
    case = make_case()

    _send_due()

    [request] = receiver.requests
    assert request.headers["x-kontaktcenter-signature"].count("v1=") == 2
    assert _delivery(case, endpoint).status == DeliveryStatus.DELIVERED
