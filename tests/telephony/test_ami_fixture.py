"""The same morning as conftest.py's queue_log, as Asterisk's AMI reports it
(docs.asterisk.org, API Documentation › AMI Events), gives the same figures."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kontaktcenter.telephony import selectors
from kontaktcenter.telephony.adapters.ami import from_ami
from kontaktcenter.telephony.events import CallEvent
from kontaktcenter.telephony.ingest import ingest
from kontaktcenter.telephony.models import Queue
from kontaktcenter.telephony.queue_log_import import import_queue_log

pytestmark = pytest.mark.django_db
MARCH_10 = date(2026, 3, 10)
RECEIVED = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)

# Headers trimmed to those the adapter reads, plus some that Asterisk always sends.
MORNING_AMI = """\
Event: QueueCallerJoin
Privilege: agent,all
Timestamp: 1773129600.104
Channel: PJSIP/trunk-00000001
CallerIDNum: 0701234567
Uniqueid: 1773129600.1
Queue: tn-trafik
Position: 1
Count: 1

Event: QueueCallerLeave
Timestamp: 1773129612.010
Uniqueid: 1773129600.1
Queue: tn-trafik
Count: 0
Position: 1

Event: AgentConnect
Timestamp: 1773129612.020
Uniqueid: 1773129600.1
Queue: tn-trafik
Interface: PJSIP/3001
MemberName: Maja Lind
HoldTime: 12
RingTime: 3

Event: AgentComplete
Timestamp: 1773129790.500
Uniqueid: 1773129600.1
Queue: tn-trafik
Interface: PJSIP/3001
HoldTime: 12
TalkTime: 178
Reason: caller

Event: QueueCallerJoin
Timestamp: 1773129700.000
CallerIDNum: 0812345678
Uniqueid: 1773129700.3
Queue: tn-trafik
Position: 1

Event: QueueCallerAbandon
Timestamp: 1773129703.000
Uniqueid: 1773129700.3
Queue: tn-trafik
Position: 1
OriginalPosition: 1
HoldTime: 3

Event: QueueCallerJoin
Timestamp: 1773129800.000
CallerIDNum: 0709876543
Uniqueid: 1773129800.4
Queue: tn-trafik
Position: 1

Event: QueueCallerAbandon
Timestamp: 1773129890.000
Uniqueid: 1773129800.4
Queue: tn-trafik
Position: 1
OriginalPosition: 1
HoldTime: 90

Event: QueueCallerJoin
Timestamp: 1773129900.000
CallerIDNum: 0705551234
Uniqueid: 1773129900.5
Queue: tn-trafik
Position: 1

Event: QueueCallerLeave
Timestamp: 1773130200.000
Uniqueid: 1773129900.5
Queue: tn-trafik
Count: 0
Position: 1

Event: QueueCallerJoin
Timestamp: 1773130000.000
CallerIDNum: 0704443322
Uniqueid: 1773130000.6
Queue: tn-trafik
Position: 1

Event: AgentConnect
Timestamp: 1773130075.000
Uniqueid: 1773130000.6
Queue: tn-trafik
Interface: PJSIP/3001
HoldTime: 75
RingTime: 5

Event: BlindTransfer
Timestamp: 1773130135.000
Result: Success
TransfererChannel: PJSIP/3001-0000000c
TransfereeUniqueid: 1773130000.6
Extension: 850829000
Context: internal

Event: QueueMemberPause
Timestamp: 1773130300.000
Queue: tn-trafik
Interface: PJSIP/3001
Paused: 1
PausedReason: Lunch
"""


def _messages(text: str) -> list[dict[str, str]]:
    return [
        dict(line.split(": ", 1) for line in block.splitlines())
        for block in text.strip().split("\n\n")
    ]


def test_ami_and_queue_log_of_one_morning_give_the_same_figures(
    morning_log: Path, traffic_queue: Queue
) -> None:
    events: list[CallEvent] = [
        event
        for message in _messages(MORNING_AMI)
        if (event := from_ami(message, received_at=RECEIVED)) is not None
    ]
    ingest(events)
    from_ami_only = selectors.call_figures_between(first=MARCH_10, last=MARCH_10)

    # The same calls again from the PBX's other stream: merged into the same calls.
    import_queue_log(morning_log)
    from_both = selectors.call_figures_between(first=MARCH_10, last=MARCH_10)

    assert from_ami_only.offered == 5
    assert from_ami_only == from_both


def test_ami_events_without_a_timestamp_are_dated_when_received() -> None:
    join = _messages(MORNING_AMI)[0]
    del join["Timestamp"]

    event = from_ami(join, received_at=RECEIVED)

    assert event is not None
    assert event.occurred_at == RECEIVED


def test_ami_events_about_other_things_are_skipped() -> None:
    assert from_ami({"Event": "Newchannel", "Uniqueid": "1.1"}, received_at=RECEIVED) is None
