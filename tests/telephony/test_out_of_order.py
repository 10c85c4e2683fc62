"""Events that arrive late, twice, or from two sources give the same calls as a clean stream."""

from __future__ import annotations

import random
from datetime import date

import pytest

from kontaktcenter.telephony import selectors
from kontaktcenter.telephony.adapters.queue_log import parse_line
from kontaktcenter.telephony.choices import AgentStatus, CallOutcome
from kontaktcenter.telephony.events import CallEvent
from kontaktcenter.telephony.ingest import ingest
from kontaktcenter.telephony.models import Agent, Call, Queue, UnknownReference
from kontaktcenter.telephony.rules import fold_call
from kontaktcenter.telephony.simulator import SimulatedQueue, simulate_day
from tests.telephony.conftest import MORNING

DAY = date(2026, 3, 10)
pytestmark = pytest.mark.django_db


def _events(text: str) -> list[CallEvent]:
    return [event for line in text.splitlines() if (event := parse_line(line)) is not None]


def test_shuffled_and_repeated_events_give_the_same_calls(traffic_queue: Queue) -> None:
    small = (SimulatedQueue("tn-trafik", ("PJSIP/3001", "PJSIP/3002"), calls=80),)
    day = simulate_day(day=DAY, seed=3, queues=small)
    events = _events("".join(line for _at, line in day.queue_log))
    shuffled = events + events[: len(events) // 3]
    random.Random(5).shuffle(shuffled)  # noqa: S311 - a fixed order to replay

    for start in range(0, len(shuffled), 23):
        ingest(shuffled[start : start + 23])

    stored = {c.call_id: (c.outcome, c.wait_seconds) for c in Call.objects.all()}
    assert stored == {c.call_id: (c.outcome, c.wait_seconds) for c in day.calls}


def test_a_hang_up_that_arrives_before_the_entry_still_makes_an_abandoned_call() -> None:
    enter, abandon = _events(
        "1773129800|7.1|tn-trafik|NONE|ENTERQUEUE||0709876543|1\n"
        "1773129890|7.1|tn-trafik|NONE|ABANDON|1|1|90\n"
    )

    late_first = fold_call([abandon])
    both = fold_call([abandon, enter])

    assert late_first is not None
    assert both is not None
    assert (late_first.outcome, late_first.wait_seconds) == (CallOutcome.ABANDONED, 90)
    assert late_first.entered_at == both.entered_at
    assert both.caller_number == "0709876543"


def test_an_old_agent_event_does_not_overwrite_a_newer_state(
    traffic_queue: Queue, traffic_agent: Agent
) -> None:
    pause, unpause = _events(
        "1773130300|NONE|tn-trafik|PJSIP/3001|PAUSE|Lunch\n"
        "1773132100|NONE|tn-trafik|PJSIP/3001|UNPAUSE|\n"
    )
    ingest([unpause])
    ingest([pause])

    traffic_agent.refresh_from_db()
    assert traffic_agent.status == AgentStatus.READY
    assert traffic_agent.state_changes.count() == 2


def test_unknown_queues_and_agents_are_reported_not_refused(db: None) -> None:
    report = ingest(_events(MORNING))

    assert report.unknown_queues == {"tn-trafik"}
    assert report.unknown_agents == {"PJSIP/3001"}
    assert set(UnknownReference.objects.values_list("kind", "name")) == {
        ("queue", "tn-trafik"),
        ("agent", "PJSIP/3001"),
    }
    assert selectors.call_figures_between(first=DAY, last=DAY, queue="tn-trafik").offered == 5
