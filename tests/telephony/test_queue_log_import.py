"""An Asterisk queue_log file read into calls, incrementally and safely twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kontaktcenter.core.errors import ValidationError
from kontaktcenter.telephony import selectors
from kontaktcenter.telephony.choices import AgentStatus, CallOutcome, TransferKind
from kontaktcenter.telephony.models import Agent, Call, Queue, QueueLogCursor
from kontaktcenter.telephony.queue_log_import import import_queue_log

MARCH_10 = date(2026, 3, 10)
pytestmark = pytest.mark.django_db


def test_each_caller_becomes_one_call_with_its_outcome(
    morning_log: Path, traffic_queue: Queue, traffic_agent: Agent
) -> None:
    import_queue_log(morning_log)

    calls = {call.call_id: call for call in Call.objects.all()}
    assert len(calls) == 5
    answered = calls["1773129600.1"]
    assert answered.outcome == CallOutcome.ANSWERED
    assert (answered.wait_seconds, answered.talk_seconds) == (12, 178)
    assert answered.agent == traffic_agent
    assert answered.caller_number == "+46701234567"
    assert calls["1773129700.3"].outcome == CallOutcome.ABANDONED
    assert calls["1773129900.5"].outcome == CallOutcome.TIMEOUT
    transferred = calls["1773130000.6"]
    assert transferred.transfer_kind == TransferKind.BLIND
    assert transferred.transfer_target == "850829000"
    assert transferred.queue == traffic_queue


def test_the_morning_gives_the_documented_figures(morning_log: Path, traffic_queue: Queue) -> None:
    import_queue_log(morning_log)

    figures = selectors.call_figures_between(first=MARCH_10, last=MARCH_10, queue="tn-trafik")

    assert figures.as_json() == {
        "offered": 5,
        "answered": 2,
        "abandoned": 2,
        "short_abandoned": 1,
        "answered_within_target": 1,
        "service_level": 0.25,
        "average_speed_of_answer_seconds": 43.5,
        "abandon_rate": 0.25,
    }


def test_reading_the_same_file_twice_changes_nothing(
    morning_log: Path, traffic_queue: Queue
) -> None:
    first = import_queue_log(morning_log)
    again = import_queue_log(morning_log)

    assert first.ingest.recorded == 14
    assert again.lines == 0
    assert Call.objects.count() == 5


def test_a_forgotten_position_still_takes_each_event_once(
    morning_log: Path, traffic_queue: Queue
) -> None:
    """Even if the saved position is lost (a restored database), nothing is counted twice."""
    import_queue_log(morning_log)
    QueueLogCursor.objects.update(offset=0)
    again = import_queue_log(morning_log)

    assert again.ingest.duplicates == 14
    assert selectors.call_figures_between(first=MARCH_10, last=MARCH_10).offered == 5


def test_lines_the_pbx_appends_are_read_from_where_the_last_read_stopped(
    morning_log: Path, traffic_queue: Queue
) -> None:
    import_queue_log(morning_log)
    with morning_log.open("a") as handle:
        handle.write("1773131000|1773131000.9|tn-trafik|NONE|ENTERQUEUE||0701112233|1\n")
        # Still being written by the PBX: no newline yet.
        handle.write("1773131030|1773131000.9|tn-trafik|NONE|ABAN")

    report = import_queue_log(morning_log)
    assert report.lines == 1
    assert Call.objects.get(call_id="1773131000.9").outcome == CallOutcome.WAITING

    with morning_log.open("a") as handle:
        handle.write("DON|1|1|30\n")
    import_queue_log(morning_log)
    assert Call.objects.get(call_id="1773131000.9").outcome == CallOutcome.ABANDONED


def test_a_rotated_file_is_read_from_its_start(
    morning_log: Path, traffic_queue: Queue, tmp_path: Path
) -> None:
    import_queue_log(morning_log)
    morning_log.unlink()
    morning_log.write_text("1773132000|1773132000.1|tn-trafik|NONE|ENTERQUEUE||0701|1\n")

    report = import_queue_log(morning_log)

    assert report.ingest.recorded == 1


def test_broken_lines_are_reported_and_the_rest_is_taken_in(
    tmp_path: Path, traffic_queue: Queue
) -> None:
    path = tmp_path / "queue_log"
    path.write_text(
        "not a queue_log line\n"
        "1773129600|1773129600.1|tn-trafik|NONE|ENTERQUEUE||0701234567|1\n"
        "1773129601|NONE|NONE|NONE|QUEUESTART|\n"
    )

    report = import_queue_log(path)

    assert (report.bad_lines, report.ignored, report.ingest.recorded) == (1, 1, 1)
    assert report.bad_samples == ["not a queue_log line"]


def test_the_agent_is_paused_with_its_reason(
    morning_log: Path, traffic_queue: Queue, traffic_agent: Agent
) -> None:
    import_queue_log(morning_log)

    traffic_agent.refresh_from_db()
    assert (traffic_agent.status, traffic_agent.status_reason) == (AgentStatus.PAUSED, "Lunch")


def test_a_missing_file_is_a_clear_error(tmp_path: Path, db: None) -> None:
    with pytest.raises(ValidationError) as error:
        import_queue_log(tmp_path / "nothing")
    assert error.value.code == "telephony.file_not_readable"
