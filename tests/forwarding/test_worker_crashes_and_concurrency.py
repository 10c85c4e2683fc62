"""Workers die mid-delivery (SIGKILL, power loss), many run at once, and receivers go down:
nothing is lost, and a receiver that deduplicates on the idempotency key records each delivery
exactly once. Real `kontaktcenter worker` processes against the test database and the example
receiver on 127.0.0.1."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding.choices import DeliveryStatus
from kontaktcenter.forwarding.models import Delivery, DeliveryAttempt
from kontaktcenter.forwarding.receiver import Answer, Behaviour, Receiver
from kontaktcenter.forwarding.worker import Worker
from tests.conftest import Clock, MakeCase
from tests.forwarding.receiver_fixtures import (
    RECEIVER_SECRET,
    fixture_receivers_on_localhost,  # noqa: F401 - a fixture
    webhook_endpoint,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("receivers_on_localhost"),
]

REPOSITORY = Path(__file__).resolve().parents[2]
KILLS = 30


class SlowReceiver(Receiver):
    """The example receiver taking a few milliseconds per delivery, as a real system does, so
    that a worker is killed while deliveries are in flight."""

    def __init__(self, *, delay: float, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.delay = delay

    def handle_delivery(self, body: bytes, headers: dict[str, str]) -> Answer:
        time.sleep(self.delay)
        return super().handle_delivery(body, headers)


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[SlowReceiver]:
    started = SlowReceiver(
        delay=0.02, secrets=[RECEIVER_SECRET], store=tmp_path / "keys.sqlite3"
    ).start()
    yield started
    started.stop()


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings["USER"] or "postgres"
        return f"postgres://{user}@{settings['HOST']}:{settings['PORT'] or 5432}/{settings['NAME']}"
    return f"sqlite:///{Path(settings['NAME']).resolve()}"


def _worker(*arguments: str, lease: int = 1) -> subprocess.Popen[str]:
    environment = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "KONTAKTCENTER_FORWARDING_ALLOWED_HOSTS": "127.0.0.1",
        "KONTAKTCENTER_FORWARDING_LEASE": str(lease),
        "KONTAKTCENTER_FORWARDING_BACKOFF_BASE": "1",
        "KONTAKTCENTER_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(  # noqa: S603 - our own command, no outside input
        [sys.executable, "-m", "kontaktcenter.cli", "worker", *arguments],
        cwd=REPOSITORY,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait_until(condition: object, *, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail("timed out waiting")
        time.sleep(0.01)


def _cases(make_case: MakeCase, count: int) -> None:
    for number in range(count):
        make_case(subject=f"Klagomål nummer {number}: gatlampan lyser inte")


def test_a_worker_killed_again_and_again_loses_nothing_and_sends_nothing_twice_in_effect(
    receiver: SlowReceiver, traffic_office: Organisation, make_case: MakeCase
) -> None:
    webhook_endpoint(traffic_office, receiver.url)
    count = 150
    _cases(make_case, count)
    rng = random.Random(2026)  # noqa: S311 - when to kill, not a secret
    kills = 0
    while kills < KILLS and receiver.stats().distinct < count:
        before = receiver.stats().raw
        worker = _worker()
        # Kill it while it is delivering: after its first receipt, a few milliseconds on.
        _wait_until(
            lambda before=before, worker=worker: (
                receiver.stats().raw > before or worker.poll() is not None
            )
        )
        time.sleep(rng.uniform(0, 0.04))
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        kills += 1
    assert kills == KILLS, "more deliveries are needed to kill the worker this often"
    # Leases of the killed workers run out; then a last worker sends what is left.
    time.sleep(1.1)
    finisher = _worker("--once")
    output, _ = finisher.communicate(timeout=120)
    assert finisher.returncode == 0, output

    stats = receiver.stats()
    print(f"\n{KILLS} kills: raw deliveries {stats.raw}, distinct {stats.distinct}")  # noqa: T201
    assert stats.distinct == count
    assert stats.raw >= stats.distinct
    assert Delivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == count
    assert set(receiver.keys.keys()) == set(
        Delivery.objects.values_list("idempotency_key", flat=True)
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="many workers at once is PostgreSQL's (SKIP LOCKED); SQLite runs one at a time",
)
def test_four_workers_at_once_never_hold_the_same_delivery(
    receiver: SlowReceiver, traffic_office: Organisation, make_case: MakeCase
) -> None:
    webhook_endpoint(traffic_office, receiver.url)
    count = 200
    _cases(make_case, count)
    workers = [_worker("--batch", "2", lease=60) for _ in range(4)]
    _wait_until(lambda: receiver.stats().distinct >= count, timeout=120)
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    outputs = [worker.communicate(timeout=30)[0] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0, 0, 0], outputs

    stats = receiver.stats()
    print(f"\n4 workers: raw deliveries {stats.raw}, distinct {stats.distinct}")  # noqa: T201
    # No crash, so no resend: had two workers held one row, the receiver would have seen it twice.
    assert stats.raw == stats.distinct == count
    assert DeliveryAttempt.objects.count() == count
    assert DeliveryAttempt.objects.values("worker").distinct().count() >= 2


def test_sigterm_lets_the_worker_finish_the_delivery_in_hand(
    receiver: SlowReceiver, traffic_office: Organisation, make_case: MakeCase
) -> None:
    webhook_endpoint(traffic_office, receiver.url)
    _cases(make_case, 60)
    worker = _worker(lease=60)
    _wait_until(lambda: receiver.stats().raw > 0)
    worker.send_signal(signal.SIGTERM)
    output, _ = worker.communicate(timeout=30)
    assert worker.returncode == 0, output
    assert "stopped" in output
    # Everything the receiver took in is recorded as delivered: nothing was cut off mid-way.
    received = set(receiver.keys.keys())
    delivered = set(
        Delivery.objects.filter(status=DeliveryStatus.DELIVERED).values_list(
            "idempotency_key", flat=True
        )
    )
    assert received == delivered
    assert not Delivery.objects.filter(status=DeliveryStatus.PENDING).exclude(leased_by="").exists()


def test_a_receiver_that_is_down_for_a_while_gets_everything_once_it_is_back(
    tmp_path: Path, traffic_office: Organisation, make_case: MakeCase, clock: Clock
) -> None:
    down = Receiver(secrets=[RECEIVER_SECRET], store=tmp_path / "keys.sqlite3")
    port = down.address[1]
    url = down.url
    down.stop()  # the port is closed: connections are refused
    webhook_endpoint(traffic_office, url)
    _cases(make_case, 12)
    worker = Worker(duties=[])
    worker.run_due()
    assert Delivery.objects.filter(status=DeliveryStatus.PENDING).count() == 12
    assert Delivery.objects.filter(attempts__gt=0).exists()
    # An hour later the system is back, on the same address.
    back = Receiver(
        secrets=[RECEIVER_SECRET], store=tmp_path / "keys.sqlite3", port=port, behaviour=Behaviour()
    ).start()
    try:
        for _ in range(20):
            clock.advance(hours=1)
            worker.run_due()
            if not Delivery.objects.filter(status=DeliveryStatus.PENDING).exists():
                break
        assert back.stats().distinct == 12
    finally:
        back.stop()
    assert Delivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == 12
