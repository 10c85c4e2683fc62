"""The Python examples in docs/forwarding.md work: an integrator copies them as they are."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding import signing
from kontaktcenter.forwarding.models import Delivery, ExternalReference
from kontaktcenter.forwarding.worker import Worker
from tests.conftest import MakeCase
from tests.forwarding.receiver_fixtures import (
    RECEIVER_SECRET,
    StartReceiver,
    fixture_receivers_on_localhost,  # noqa: F401 - provides receivers_on_localhost
    fixture_start_receiver,  # noqa: F401 - provides start_receiver
    webhook_endpoint,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "forwarding.md"


def _python_example(defining: str) -> dict[str, Any]:
    """Run the docs' Python block that defines `defining`, without its sample call."""
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    [block] = [block for block in blocks if f"def {defining}(" in block]
    definitions = block.split(f"\n\n{defining}(", 1)[0]
    namespace: dict[str, Any] = {}
    exec(compile(definitions, str(DOCS), "exec"), namespace)  # noqa: S102 - our own docs
    return namespace


def test_the_verification_example_accepts_our_signatures_and_refuses_others() -> None:
    verify = _python_example("verify")["verify"]
    body = b'{"event": "case.created"}'
    header = signing.signature_header(body, ["new-secret-0123456789abcdef", RECEIVER_SECRET])

    assert verify(body, header, [RECEIVER_SECRET])
    assert not verify(body, header, ["another-secret-0123456789abcdef"])
    assert not verify(body + b" ", header, [RECEIVER_SECRET])
    stale = signing.signature_header(body, [RECEIVER_SECRET], timestamp=1_600_000_000)
    assert not verify(body, stale, [RECEIVER_SECRET])


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("receivers_on_localhost")
def test_the_status_report_example_is_recorded(
    live_server: Any,
    start_receiver: StartReceiver,
    traffic_office: Organisation,
    make_case: MakeCase,
) -> None:
    report_status = _python_example("report_status")["report_status"]
    endpoint = webhook_endpoint(traffic_office, start_receiver().url)
    case = make_case()
    Worker(duties=[]).run_due()
    url = f"{live_server.url}/api/forwarding/endpoints/{endpoint.pk}/status/"
    update = {"update_id": "SYN-2026-0042/1", "case_reference": case.reference, "status": "closed"}

    assert report_status(url, RECEIVER_SECRET, update) == {"status": "recorded"}
    assert report_status(url, RECEIVER_SECRET, update) == {"status": "duplicate"}
    refused = report_status(url, RECEIVER_SECRET, {**update, "update_id": ""})
    assert (refused["code"], refused["field"]) == ("required", "update_id")
    assert ExternalReference.objects.get(case=case, endpoint=endpoint).status == "closed"


@pytest.mark.usefixtures("receivers_on_localhost")
def test_the_documented_example_payload_has_the_fields_of_a_real_one(
    traffic_office: Organisation, jarva: Organisation, make_case: MakeCase
) -> None:
    endpoint = webhook_endpoint(traffic_office, "http://127.0.0.1:8025/")
    case = make_case(district=jarva, share_contact_details=True)
    real = Delivery.objects.get(case=case, endpoint=endpoint).payload
    text = DOCS.read_text(encoding="utf-8")
    example = json.loads(re.findall(r"```json\n(.*?)```", text, re.DOTALL)[0])

    assert example["schema"] == real["schema"]
    assert set(example) == set(real)
    for part in ("case", "resident"):
        assert set(example[part]) == set(real[part]), part
    for field in ("category", "organisation", "district"):
        assert set(example["case"][field]) == set(real["case"][field]), field
