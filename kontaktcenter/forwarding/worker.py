"""The worker process: send what is due, wait for more, stop cleanly on SIGTERM.

An idle worker on PostgreSQL sleeps in LISTEN and wakes on the NOTIFY that a committed case
change sends (`outbox.wake_workers`); elsewhere it polls every FORWARDING_POLL_MS. Either way it
also wakes at least once a second to notice retries that have come due.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

import psycopg
from django.conf import settings
from django.db import close_old_connections, connection

from kontaktcenter.forwarding import sending
from kontaktcenter.forwarding.outbox import NOTIFY_CHANNEL

logger = logging.getLogger(__name__)

# Duties a worker runs now and then besides deliveries (Open311 polling, later: e-mail intake),
# as (name, every seconds, function).
PeriodicDuty = tuple[str, float, Callable[[], object]]


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Worker:
    def __init__(
        self,
        *,
        name: str | None = None,
        batch: int = 50,
        duties: list[PeriodicDuty] | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        self.name = name or worker_name()
        self.batch = batch
        self.duties = duties if duties is not None else default_duties()
        self.say = say or (lambda _text: None)
        self.stopping = False
        self.delivered = 0
        self._last_duty: dict[str, float] = {}
        self._listener: psycopg.Connection[Any] | None = None

    # --- one pass ----------------------------------------------------------------------------

    def run_due(self) -> int:
        """Send everything due now, batch after batch; returns how many were sent or tried."""
        handled = 0
        while not self.stopping:
            close_old_connections()
            claimed = sending.claim(self.name, limit=self.batch)
            if not claimed:
                break
            # SIGTERM between two deliveries: stop there and hand the rest back at once,
            # rather than leave them to wait for the lease to run out.
            outcomes = sending.deliver_batch(
                sending.claimed(claimed), self.name, stopping=lambda: self.stopping
            )
            handled += len(outcomes)
        self.delivered += handled
        return handled

    def run_duties(self, *, force: bool = False) -> None:
        clock = time.monotonic()
        for name, every, duty in self.duties:
            if force or clock - self._last_duty.get(name, -every) >= every:
                self._last_duty[name] = clock
                try:
                    duty()
                except Exception:
                    logger.exception("worker duty %s failed", name)

    def run_once(self) -> int:
        handled = self.run_due()
        self.run_duties(force=True)
        return handled

    # --- forever -----------------------------------------------------------------------------

    def _stop(self, signum: int, _frame: FrameType | None) -> None:
        self.say(f"{signal.Signals(signum).name}: finishing the delivery in hand, then stopping")
        self.stopping = True

    def run_forever(self) -> None:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self.say(f"Worker {self.name} started")
        try:
            while not self.stopping:
                self.run_due()
                self.run_duties()
                if not self.stopping:
                    self._wait()
        finally:
            if self._listener is not None:
                self._listener.close()
            connection.close()
        self.say(f"Worker {self.name} stopped after {self.delivered} deliveries")

    def _wait(self) -> None:
        if connection.vendor != "postgresql" or not settings.FORWARDING_LISTEN:
            time.sleep(settings.FORWARDING_POLL_MS / 1000)
            return
        try:
            listener = self._listen()
            # Returns at the first notification or after a second, whichever comes first.
            for _notify in listener.notifies(timeout=1.0, stop_after=1):
                break
        except psycopg.Error:
            logger.warning("LISTEN connection lost; polling until it is back")
            if self._listener is not None:
                self._listener.close()
            self._listener = None
            time.sleep(settings.FORWARDING_POLL_MS / 1000)

    def _listen(self) -> psycopg.Connection[Any]:
        if self._listener is None or self._listener.closed:
            params = connection.get_connection_params()
            params.pop("cursor_factory", None)
            params.pop("context", None)
            self._listener = psycopg.connect(**params, autocommit=True)
            self._listener.execute(f"LISTEN {NOTIFY_CHANNEL}")
        return self._listener


def _poll_open311() -> object:
    from kontaktcenter.forwarding.adapters.open311 import polling  # noqa: PLC0415

    return polling.poll_all()


def _retrain_classifier() -> object:
    # Every N agents' corrections, and nightly when there are any (routing.classifier).
    from kontaktcenter.routing.classifier import runtime  # noqa: PLC0415

    return runtime.retrain_if_due()


def _read_mailboxes() -> object:
    from kontaktcenter.email_channel import intake  # noqa: PLC0415

    return intake.read_all()


def _send_resident_mail() -> object:
    from kontaktcenter.email_channel import outgoing  # noqa: PLC0415

    return outgoing.send_due(worker_name())


def _thin_out() -> object:
    """Retention (gallring) by the records-management plan: what is due goes (issue 16)."""
    from kontaktcenter.accounts.actors import SystemActor  # noqa: PLC0415
    from kontaktcenter.cases.services import privacy  # noqa: PLC0415

    report = privacy.retention_run(actor=SystemActor("retention"), dry_run=False)
    if report.cases:
        logger.info(
            "retention anonymised %d cases",
            report.cases,
            extra={"cases": report.cases, "attachments": report.removed_attachments},
        )
    return report


def default_duties() -> list[PeriodicDuty]:
    duties: list[PeriodicDuty] = [
        ("open311", 60.0, _poll_open311),
        ("classifier", 60.0, _retrain_classifier),
        # The e-mail channel (docs/email-channel.md): functional mailboxes, residents' mail.
        ("email-intake", float(settings.EMAIL_POLL_SECONDS), _read_mailboxes),
        ("resident-mail", 1.0, _send_resident_mail),
    ]
    if settings.RETENTION_EVERY_SECONDS:
        duties.append(("retention", float(settings.RETENTION_EVERY_SECONDS), _thin_out))
    return duties
