"""The example receiver integrators test against (`kontaktcenter forwarding receiver`): it checks
the signature, deduplicates on the Idempotency-Key, even after a restart, and counts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from kontaktcenter.forwarding import signing
from tests.forwarding.receiver_fixtures import (
    RECEIVER_SECRET,
    RecordingReceiver,
    StartReceiver,
    fixture_start_receiver,  # noqa: F401 - provides start_receiver
)

PAYLOAD = {
    "schema": "kontaktcenter.case-event/1",
    "event": "case.created",
    "idempotency_key": "kc-41-7",
    "case": {"reference": "KC-2026-000123"},
}


def _deliver(
    receiver: RecordingReceiver | str,
    *,
    key: str = "kc-41-7",
    secrets: list[str] | None = None,
    payload: dict[str, object] | None = None,
) -> httpx.Response:
    body = json.dumps(payload or {**PAYLOAD, "idempotency_key": key}).encode()
    url = receiver if isinstance(receiver, str) else receiver.url
    return httpx.post(
        url,
        content=body,
        headers={
            "Content-Type": "application/json",
            signing.SIGNATURE_HEADER: signing.signature_header(body, secrets or [RECEIVER_SECRET]),
            signing.IDEMPOTENCY_HEADER: key,
        },
        timeout=10,
    )


def test_a_signed_delivery_is_taken_in_and_given_a_reference(
    start_receiver: StartReceiver,
) -> None:
    receiver = start_receiver()

    response = _deliver(receiver)

    assert response.status_code == 200
    assert response.json() == {"reference": "RCV-1"}
    assert receiver.lines == ["200 kc-41-7 case.created KC-2026-000123 new RCV-1"]


def test_a_repeated_key_gets_the_same_reference_and_counts_raw_not_distinct(
    start_receiver: StartReceiver,
) -> None:
    receiver = start_receiver()

    first = _deliver(receiver)
    again = _deliver(receiver)
    other = _deliver(receiver, key="kc-42-7")

    assert [first.json(), again.json(), other.json()] == [
        {"reference": "RCV-1"},
        {"reference": "RCV-1"},
        {"reference": "RCV-2"},
    ]
    assert "duplicate RCV-1" in receiver.lines[1]
    assert httpx.get(receiver.url + "stats").json() == {"raw": 3, "distinct": 2}


def test_a_wrong_signature_is_refused_and_not_counted(start_receiver: StartReceiver) -> None:
    receiver = start_receiver()

    response = _deliver(receiver, secrets=["not-the-endpoints-secret-0123456789"])

    assert response.status_code == 401
    assert receiver.stats().as_json() == {"raw": 0, "distinct": 0}


def test_a_stale_signature_is_refused(start_receiver: StartReceiver) -> None:
    receiver = start_receiver()
    body = json.dumps(PAYLOAD).encode()
    long_ago = signing.signature_header(body, [RECEIVER_SECRET], timestamp=1_600_000_000)

    response = httpx.post(
        receiver.url,
        content=body,
        headers={signing.SIGNATURE_HEADER: long_ago, signing.IDEMPOTENCY_HEADER: "kc-41-7"},
    )

    assert response.status_code == 401


def test_during_a_key_rotation_it_checks_against_both_secrets(
    start_receiver: StartReceiver,
) -> None:
    new_secret = "the-receivers-new-secret-0123456789"
    receiver = start_receiver(secrets=[RECEIVER_SECRET, new_secret])

    assert _deliver(receiver, key="kc-1-1", secrets=[RECEIVER_SECRET]).status_code == 200
    assert _deliver(receiver, key="kc-2-1", secrets=[new_secret]).status_code == 200


def test_after_a_restart_it_still_recognises_the_keys_it_has_seen(
    start_receiver: StartReceiver, tmp_path: Path
) -> None:
    store = tmp_path / "keys.sqlite3"
    before = start_receiver(store=store)
    _deliver(before)
    before.stop()

    after = start_receiver(store=store)
    again = _deliver(after)
    new = _deliver(after, key="kc-42-7")

    assert again.json() == {"reference": "RCV-1"}
    assert new.json() == {"reference": "RCV-2"}
    assert after.stats().as_json() == {"raw": 2, "distinct": 1}


def test_failing_first_answers_503_then_takes_the_delivery_in(
    start_receiver: StartReceiver,
) -> None:
    receiver = start_receiver(fail_first=2, retry_after=30)

    answers = [_deliver(receiver) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [503, 503, 200]
    assert answers[0].headers["Retry-After"] == "30"
    assert answers[2].json() == {"reference": "RCV-1"}
    assert receiver.stats().as_json() == {"raw": 3, "distinct": 1}


def test_another_status_refuses_every_delivery_without_keeping_it(
    start_receiver: StartReceiver,
) -> None:
    receiver = start_receiver(status=429, retry_after=120)

    response = _deliver(receiver)

    assert response.status_code == 429
    assert response.headers["Retry-After"] == "120"
    assert receiver.stats().as_json() == {"raw": 1, "distinct": 0}
    assert len(receiver.keys) == 0


def test_a_delivery_without_an_idempotency_key_is_refused(
    start_receiver: StartReceiver,
) -> None:
    receiver = start_receiver()
    body = json.dumps(PAYLOAD).encode()

    response = httpx.post(
        receiver.url,
        content=body,
        headers={signing.SIGNATURE_HEADER: signing.signature_header(body, [RECEIVER_SECRET])},
    )

    assert response.status_code == 400


def test_the_command_logs_each_request_and_prints_the_counts_when_stopped(
    tmp_path: Path,
) -> None:
    environment = {**os.environ, "KONTAKTCENTER_DATA_DIR": str(tmp_path / "data")}
    environment.setdefault("KONTAKTCENTER_SECRET_KEY", "a-test-secret-long-enough-for-django-0123")
    command = subprocess.Popen(  # noqa: S603 - our own interpreter and command
        [
            sys.executable,
            "-c",
            "from kontaktcenter.cli import main; main()",
            "forwarding",
            "receiver",
            "--port",
            "0",
            "--secret",
            RECEIVER_SECRET,
        ],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert command.stdout is not None
        started = command.stdout.readline()
        url = next(word for word in started.split() if word.startswith("http://"))
        _deliver(url)
        _deliver(url)
    finally:
        command.send_signal(signal.SIGTERM)
        output, errors = command.communicate(timeout=30)

    assert command.returncode == 0, errors
    lines = output.splitlines()
    assert lines[0].endswith("new RCV-1")
    assert lines[1].endswith("duplicate RCV-1")
    assert lines[-1].endswith("raw 2, distinct 1")
    assert (tmp_path / "data" / "example-receiver.sqlite3").exists()
