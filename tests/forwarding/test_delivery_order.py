"""A receiver sees one case's changes in the order they happened, even when the first delivery
had to be retried: a case is never closed there before it was created."""

from __future__ import annotations

import json

import pytest

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services as case_services
from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding.models import Delivery
from kontaktcenter.forwarding.worker import Worker
from tests.conftest import Clock, MakeCase
from tests.forwarding.receiver_fixtures import (
    StartReceiver,
    fixture_receivers_on_localhost,  # noqa: F401 - provides receivers_on_localhost
    fixture_start_receiver,  # noqa: F401 - provides start_receiver
    webhook_endpoint,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("receivers_on_localhost"),
]


def test_a_closing_waits_for_the_retried_creation_of_its_case(
    start_receiver: StartReceiver,
    traffic_office: Organisation,
    traffic_officer: User,
    make_case: MakeCase,
    clock: Clock,
) -> None:
    receiver = start_receiver(fail_first=1)
    webhook_endpoint(traffic_office, receiver.url, sends_closing=True)
    case = make_case()
    worker = Worker(duties=[])
    worker.run_due()  # the creation fails once and waits for its retry
    case_services.case_close(actor=traffic_officer, case=case, resolution="Lampan är lagad.")
    worker.run_due()
    assert not receiver.requests[1:], "the closing must not overtake the creation"

    clock.set(max(Delivery.objects.values_list("next_attempt_at", flat=True)))
    for _ in range(3):
        worker.run_due()
    events = [json.loads(request.body)["event"] for request in receiver.requests]
    assert events == ["case.created", "case.created", "case.closed"]
