"""The example receiver as a test fixture: a real HTTP server on 127.0.0.1 in a thread.

A test module imports the fixture functions (`fixture_start_receiver`, ...); pytest knows them
by their `name` (`start_receiver`, ...), so the test's parameters do not shadow the imports.
They are kept out of conftest.py so that others can add one beside them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytest_django.fixtures import Settings

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding import services
from kontaktcenter.forwarding.models import Endpoint
from kontaktcenter.forwarding.receiver import Answer, Behaviour, Receiver

# What the endpoint signs with and the receiver checks.
RECEIVER_SECRET = "x" * 32
TEST_ACTOR = SystemActor("test")


@dataclass(frozen=True)
class Request:
    """One request as the receiver got it: the exact body and the headers (lower-case names)."""

    body: bytes
    headers: dict[str, str]


class RecordingReceiver(Receiver):
    """The example receiver, keeping every POST it got and every line it logged."""

    def __init__(self, **options: Any) -> None:
        self.lines: list[str] = []
        self.requests: list[Request] = []
        super().__init__(log=self.lines.append, **options)

    def handle_delivery(self, body: bytes, headers: dict[str, str]) -> Answer:
        self.requests.append(Request(body=body, headers=dict(headers)))
        return super().handle_delivery(body, headers)


StartReceiver = Callable[..., RecordingReceiver]


@pytest.fixture(name="start_receiver")
def fixture_start_receiver(tmp_path: Path) -> Iterator[StartReceiver]:
    """Start example receivers on free ports of 127.0.0.1; all are stopped after the test.

    `start_receiver(fail_first=1)`, `start_receiver(status=429, retry_after=120)`,
    `start_receiver(secrets=[...], store=path)`; the key store is a file in tmp_path.
    """
    started: list[RecordingReceiver] = []

    def start(
        *,
        secrets: Sequence[str] = (RECEIVER_SECRET,),
        store: Path | None = None,
        **behaviour: Any,
    ) -> RecordingReceiver:
        receiver = RecordingReceiver(
            secrets=list(secrets),
            store=store or tmp_path / f"receiver-{len(started)}.sqlite3",
            behaviour=Behaviour(**behaviour),
        )
        started.append(receiver)
        return receiver.start()

    yield start
    for receiver in started:
        receiver.stop()


@pytest.fixture(name="receivers_on_localhost")
def fixture_receivers_on_localhost(settings: Settings) -> None:
    """Deliveries may go to plain HTTP on 127.0.0.1, where the example receivers listen."""
    settings.FORWARDING_ALLOWED_HOSTS = ["127.0.0.1"]


def webhook_endpoint(
    organisation: Organisation,
    url: str,
    *,
    name: str = "Felanmälan Trafik",
    secret: str = RECEIVER_SECRET,
    **options: Any,
) -> Endpoint:
    """A webhook endpoint of `organisation`, added the way an administrator adds one."""
    return services.endpoint_create(
        actor=TEST_ACTOR,
        organisation=organisation,
        name=name,
        kind="webhook",
        url=url,
        secret=secret,
        **options,
    )
