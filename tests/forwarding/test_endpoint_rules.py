"""What an administrator's changes to an endpoint do to its deliveries."""

from __future__ import annotations

import pytest

from kontaktcenter.core.errors import ValidationError
from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding import services
from kontaktcenter.forwarding.choices import DeliveryStatus, EndpointKind
from kontaktcenter.forwarding.models import Delivery
from kontaktcenter.forwarding.worker import Worker
from tests.conftest import MakeCase
from tests.forwarding.receiver_fixtures import (
    TEST_ACTOR,
    StartReceiver,
    fixture_receivers_on_localhost,  # noqa: F401 - provides receivers_on_localhost
    fixture_start_receiver,  # noqa: F401 - provides start_receiver
    webhook_endpoint,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("receivers_on_localhost"),
]


def test_a_switched_off_endpoint_keeps_its_backlog_until_it_is_switched_on(
    start_receiver: StartReceiver, traffic_office: Organisation, make_case: MakeCase
) -> None:
    receiver = start_receiver()
    endpoint = webhook_endpoint(traffic_office, receiver.url)
    make_case()
    services.endpoint_set_active(actor=TEST_ACTOR, endpoint=endpoint, active=False)
    assert Worker(duties=[]).run_due() == 0
    assert receiver.stats().raw == 0
    assert Delivery.objects.get().status == DeliveryStatus.PENDING
    services.endpoint_set_active(actor=TEST_ACTOR, endpoint=endpoint, active=True)
    assert Worker(duties=[]).run_due() == 1
    assert receiver.stats().distinct == 1


def test_retrying_a_delivery_someone_already_retried_says_so(
    start_receiver: StartReceiver, traffic_office: Organisation, make_case: MakeCase
) -> None:
    receiver = start_receiver(status=400)
    webhook_endpoint(traffic_office, receiver.url)
    make_case()
    Worker(duties=[]).run_due()
    stale = Delivery.objects.get()
    assert stale.status == DeliveryStatus.DEAD
    services.delivery_retry(actor=TEST_ACTOR, delivery=stale)
    with pytest.raises(ValidationError) as refused:
        services.delivery_retry(actor=TEST_ACTOR, delivery=stale)
    assert refused.value.code == "delivery.not_dead"


def test_only_webhooks_take_signing_secrets(traffic_office: Organisation) -> None:
    mailbox = services.endpoint_create(
        actor=TEST_ACTOR,
        organisation=traffic_office,
        name="Registrator",
        kind=EndpointKind.EMAIL,
        email="registrator@example.se",
    )
    with pytest.raises(ValidationError) as refused:
        services.endpoint_add_secret(actor=TEST_ACTOR, endpoint=mailbox, secret="s" * 32)
    assert refused.value.code == "endpoint.secrets_for_webhooks"
