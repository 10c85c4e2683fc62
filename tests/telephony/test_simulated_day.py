"""The simulator's ground truth equals the figures computed from its own event streams:
its queue_log lines through the file reader, its AMI events over a real TCP socket."""

from __future__ import annotations

import asyncio
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from kontaktcenter.telephony import ami_link, selectors
from kontaktcenter.telephony.events import CallEvent
from kontaktcenter.telephony.ingest import ingest
from kontaktcenter.telephony.measures import call_figures
from kontaktcenter.telephony.models import Call
from kontaktcenter.telephony.queue_log_import import import_queue_log
from kontaktcenter.telephony.simulator import SimulatedDay, simulate_day

DAY = date(2026, 3, 10)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def day() -> SimulatedDay:
    return simulate_day(day=DAY, seed=7)


def _truth_by_call(day: SimulatedDay) -> dict[str, tuple[str, int]]:
    return {call.call_id: (call.outcome, call.wait_seconds) for call in day.calls}


def test_the_day_has_every_kind_of_call(day: SimulatedDay) -> None:
    outcomes = {call.outcome for call in day.calls}
    assert {"answered", "abandoned", "timeout", "callback_requested"} <= outcomes
    assert {call.transfer_kind for call in day.calls} >= {"blind", "attended"}


def test_queue_log_figures_equal_the_ground_truth(day: SimulatedDay, tmp_path: Path) -> None:
    path = tmp_path / "queue_log"
    path.write_text("".join(line for _at, line in day.queue_log))

    import_queue_log(path)

    assert selectors.call_figures_between(first=DAY, last=DAY).as_json() == (
        call_figures(day.calls).as_json()
    )
    stored = {c.call_id: (c.outcome, c.wait_seconds) for c in Call.objects.all()}
    assert stored == _truth_by_call(day)


def test_ami_events_over_tcp_give_the_ground_truth(day: SimulatedDay) -> None:
    received: list[CallEvent] = []

    async def exchange() -> ami_link.ListenReport:
        server = ami_link.AmiServer(day.ami, username="kontaktcenter", secret="hemligt")
        listening = await ami_link.serve(server, host="127.0.0.1", port=0)
        port = listening.sockets[0].getsockname()[1]

        async def keep(events: list[CallEvent]) -> None:
            received.extend(events)

        try:
            return await ami_link.listen(
                host="127.0.0.1",
                port=port,
                username="kontaktcenter",
                secret="hemligt",
                on_batch=keep,
                until_disconnected=True,
            )
        finally:
            listening.close()

    report = asyncio.run(exchange())
    # The database is this test's: store what came over the socket here.
    ingest(received)

    assert report.events == len(day.ami)
    assert selectors.call_figures_between(first=DAY, last=DAY).as_json() == (
        call_figures(day.calls).as_json()
    )


def test_the_simulate_command_writes_a_day_the_import_command_reads(tmp_path: Path) -> None:
    path = tmp_path / "queue_log"
    out = StringIO()
    call_command(
        "telephony", "simulate", "--date", "2026-03-10", "--queue-log", str(path), stdout=out
    )
    call_command("telephony", "import-queue-log", str(path), stdout=StringIO(), stderr=StringIO())
    figures = StringIO()
    call_command(
        "stats", "calls", "--from", "2026-03-10", "--to", "2026-03-10", "--json", stdout=figures
    )

    truth = out.getvalue().split("Ground truth: ", 1)[1].splitlines()[0]
    assert figures.getvalue().strip() == truth
