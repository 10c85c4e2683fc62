"""A receiving system reports back, signed, what became of a case we delivered to it:
POST /api/forwarding/endpoints/<id>/status/. Recorded once per update id, refused with a code
when the signature or the body is wrong, and silent about cases it was never sent."""

from __future__ import annotations

import json
import time
import urllib.request
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.cases.models import Case, CaseEvent, CaseEventKind
from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding import inbound, services, signing
from kontaktcenter.forwarding.models import Endpoint, ExternalReference, InboundUpdate
from kontaktcenter.forwarding.worker import Worker
from tests.conftest import MakeCase
from tests.forwarding.receiver_fixtures import (
    RECEIVER_SECRET,
    TEST_ACTOR,
    StartReceiver,
    fixture_receivers_on_localhost,  # noqa: F401 - provides receivers_on_localhost
    fixture_start_receiver,  # noqa: F401 - provides start_receiver
    webhook_endpoint,
)

# The worker sends the case first, outside a test transaction (see the end-to-end tests).
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("receivers_on_localhost"),
]


@dataclass(frozen=True)
class Delivered:
    endpoint: Endpoint
    case: Case


@pytest.fixture
def delivered(
    start_receiver: StartReceiver, traffic_office: Organisation, make_case: MakeCase
) -> Delivered:
    """A street-light case sent to Trafikkontoret's system, which answered RCV-1."""
    receiver = start_receiver()
    endpoint = webhook_endpoint(traffic_office, receiver.url)
    case = make_case()
    Worker(duties=[]).run_due()
    return Delivered(endpoint=endpoint, case=case)


@pytest.fixture
def api() -> Client:
    """A client without a login that enforces CSRF, as another system calls."""
    return Client(enforce_csrf_checks=True)


def _url(endpoint_id: int) -> str:
    return reverse("api:forwarding_endpoint_status", args=[endpoint_id])


def _report(delivered: Delivered, **fields: Any) -> dict[str, Any]:
    return {
        "update_id": "upd-1",
        "case_reference": delivered.case.reference,
        "reference": "SYN-2026-0042",
        "status": "registered",
        "message": "Registrerat som SYN-2026-0042",
    } | fields


def _post(
    api: Client,
    endpoint_id: int,
    body: dict[str, Any] | bytes,
    *,
    secrets: list[str] | None = None,
    timestamp: int | None = None,
    signature: str | None = None,
) -> Any:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    if signature is None:
        signature = signing.signature_header(
            content, secrets or [RECEIVER_SECRET], timestamp=timestamp
        )
    return api.post(
        _url(endpoint_id),
        data=content,
        content_type="application/json",
        headers={signing.SIGNATURE_HEADER: signature} if signature else {},
    )


def _external(delivered: Delivered) -> ExternalReference:
    return ExternalReference.objects.get(case=delivered.case, endpoint=delivered.endpoint)


def _updates(case: Case) -> list[dict[str, Any]]:
    return [
        event.data
        for event in CaseEvent.objects.filter(
            case=case, kind=CaseEventKind.EXTERNAL_UPDATE
        ).order_by("id")
    ]


def test_a_signed_report_is_kept_on_the_case_and_written_into_its_history(
    api: Client, delivered: Delivered
) -> None:
    response = _post(api, delivered.endpoint.pk, _report(delivered))

    assert response.status_code == 200
    assert response.json() == {"status": "recorded"}
    external = _external(delivered)
    assert (external.reference, external.status, external.message) == (
        "SYN-2026-0042",
        "registered",
        "Registrerat som SYN-2026-0042",
    )
    assert _updates(delivered.case)[-1] | {"endpoint": None} == {
        "endpoint": None,
        "reference": "SYN-2026-0042",
        "status": "registered",
        "message": "Registrerat som SYN-2026-0042",
    }


def test_the_same_update_again_is_a_duplicate_and_changes_nothing(
    api: Client, delivered: Delivered
) -> None:
    _post(api, delivered.endpoint.pk, _report(delivered))
    history = _updates(delivered.case)

    again = _post(api, delivered.endpoint.pk, _report(delivered))
    altered = _post(api, delivered.endpoint.pk, _report(delivered, status="closed"))

    assert again.status_code == altered.status_code == 200
    assert again.json() == altered.json() == {"status": "duplicate"}
    assert _external(delivered).status == "registered"
    assert _updates(delivered.case) == history
    assert InboundUpdate.objects.filter(endpoint=delivered.endpoint).count() == 1


def test_a_later_update_changes_the_status_and_keeps_the_reference(
    api: Client, delivered: Delivered
) -> None:
    _post(api, delivered.endpoint.pk, _report(delivered))

    response = _post(
        api,
        delivered.endpoint.pk,
        {
            "update_id": "upd-2",
            "case_reference": delivered.case.reference,
            "status": "closed",
            "message": "Lampan är lagad",
        },
    )

    assert response.json() == {"status": "recorded"}
    external = _external(delivered)
    assert (external.reference, external.status, external.message) == (
        "SYN-2026-0042",
        "closed",
        "Lampan är lagad",
    )


@pytest.mark.parametrize(
    "signed",
    [
        pytest.param({"secrets": ["someone-elses-secret-0123456789"]}, id="wrong secret"),
        pytest.param({"timestamp": int(time.time()) - 3600}, id="an hour old"),
        pytest.param({"signature": ""}, id="no signature"),
        pytest.param({"signature": "t=1,v1=abc"}, id="garbage"),
    ],
)
def test_a_report_without_a_valid_signature_is_refused(
    api: Client, delivered: Delivered, signed: dict[str, Any]
) -> None:
    response = _post(api, delivered.endpoint.pk, _report(delivered), **signed)

    assert response.status_code == 401
    assert response.json()["code"] == "inbound.bad_signature"
    assert not InboundUpdate.objects.exists()
    assert _external(delivered).reference == "RCV-1"


def test_during_a_key_rotation_both_secrets_sign_and_a_retired_one_no_longer_does(
    api: Client, delivered: Delivered
) -> None:
    new_secret = "the-receivers-new-secret-0123456789"
    services.endpoint_add_secret(actor=TEST_ACTOR, endpoint=delivered.endpoint, secret=new_secret)

    with_new = _post(api, delivered.endpoint.pk, _report(delivered), secrets=[new_secret])
    old = delivered.endpoint.secrets.get(secret=RECEIVER_SECRET)
    services.endpoint_retire_secret(actor=TEST_ACTOR, secret=old)
    with_retired = _post(api, delivered.endpoint.pk, _report(delivered, update_id="upd-2"))

    assert with_new.json() == {"status": "recorded"}
    assert with_retired.status_code == 401


def test_a_case_never_sent_to_the_endpoint_is_not_found_like_one_that_does_not_exist(
    api: Client,
    delivered: Delivered,
    start_receiver: StartReceiver,
    traffic_office: Organisation,
) -> None:
    other = webhook_endpoint(traffic_office, start_receiver().url, name="Gatudrift Trafik")

    never_sent = _post(api, other.pk, _report(delivered))
    missing = _post(api, delivered.endpoint.pk, _report(delivered, case_reference="KC-2026-999999"))

    assert never_sent.status_code == missing.status_code == 404
    assert never_sent.json()["code"] == missing.json()["code"] == "case.not_found"
    assert never_sent.json()["field"] == "case_reference"
    assert not InboundUpdate.objects.exists()


def test_an_unknown_endpoint_is_not_found(api: Client, delivered: Delivered) -> None:
    response = _post(api, delivered.endpoint.pk + 1000, _report(delivered))

    assert response.status_code == 404
    assert response.json()["code"] == "endpoint.not_found"


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        pytest.param(b"registered", "inbound.not_json", None, id="not json"),
        pytest.param(b'["upd-1"]', "inbound.not_json", None, id="a list"),
        pytest.param({"update_id": None}, "required", "update_id", id="no update id"),
        pytest.param({"case_reference": " "}, "required", "case_reference", id="no case"),
        pytest.param(
            {"reference": None, "status": "", "message": None},
            "inbound.nothing_reported",
            None,
            id="nothing reported",
        ),
        pytest.param({"status": 42}, "inbound.not_text", "status", id="a number"),
        pytest.param({"status": "x" * 101}, "too_long", "status", id="too long"),
    ],
)
def test_an_invalid_body_is_refused_with_a_code(
    api: Client,
    delivered: Delivered,
    change: dict[str, Any] | bytes,
    code: str,
    field: str | None,
) -> None:
    body = change if isinstance(change, bytes) else _report(delivered, **change)

    response = _post(api, delivered.endpoint.pk, body)

    assert response.status_code == 400
    answer = response.json()
    assert set(answer) == {"code", "field", "params", "message"}
    assert (answer["code"], answer["field"]) == (code, field)
    assert not InboundUpdate.objects.exists()


def test_a_body_larger_than_a_report_can_be_is_refused(api: Client, delivered: Delivered) -> None:
    huge = _report(delivered, message="x" * inbound.MAX_BODY_BYTES)

    response = _post(api, delivered.endpoint.pk, huge)

    assert response.status_code == 413
    assert response.json()["code"] == "inbound.too_large"


def test_only_post_is_answered(api: Client, delivered: Delivered) -> None:
    assert api.get(_url(delivered.endpoint.pk)).status_code == 405


def test_a_report_sent_over_http_with_the_standard_library_is_recorded(
    live_server: Any, delivered: Delivered
) -> None:
    body = json.dumps(_report(delivered)).encode()
    request = urllib.request.Request(  # noqa: S310 - our own live server
        live_server.url + _url(delivered.endpoint.pk),
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Kontaktcenter-Signature": signing.signature_header(body, [RECEIVER_SECRET]),
        },
    )

    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        answer = json.load(response)

    assert answer == {"status": "recorded"}
    assert _external(delivered).reference == "SYN-2026-0042"
