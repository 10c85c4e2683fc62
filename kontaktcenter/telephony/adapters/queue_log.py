"""Asterisk's queue_log, one line per event.

Format (docs.asterisk.org, "Operation › Logging › Queue Logs"):
`epoch|uniqueid|queuename|agent|event|data1|data2|data3|data4|data5`, where `uniqueid` is the
caller's channel (or NONE / REALTIME for events without a call), `agent` the queue member (or
NONE) and the data fields depend on the event, e.g. `CONNECT|holdtime|bridgedchanneluniqueid|
ringtime`, `ABANDON|position|origposition|waittime`, `COMPLETEAGENT|holdtime|calltime|
origposition`, `BLINDTRANSFER|extension|context|holdtime|calltime|origposition`,
`ATTENDEDTRANSFER|method|target|holdtime|calltime|origposition`.

Two events that Asterisk does not write itself are read when a dialplan writes them with the
QueueLog() application: `CALLBACKREQUEST|number|waittime` (the caller chose to be called back)
and `DIVERT|target|waittime` (night service or overflow to another number).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kontaktcenter.telephony.choices import EventKind, EventSource, TransferKind
from kontaktcenter.telephony.events import CallEvent, event_key

_NONE = {"", "NONE", "REALTIME"}


class QueueLogLineError(ValueError):
    """A line that is not a queue_log event (too few fields, no timestamp)."""


def _field(fields: list[str], index: int) -> str:
    return fields[index] if index < len(fields) else ""


def _data(event: str, data: list[str]) -> tuple[EventKind, dict[str, Any]] | None:
    d = [*data, "", "", "", "", ""]
    simple: dict[str, tuple[EventKind, dict[str, Any]]] = {
        "ENTERQUEUE": (EventKind.ENTER, {"caller": d[1], "position": d[2]}),
        "CONNECT": (EventKind.CONNECT, {"wait": d[0], "ring": d[2]}),
        "RINGNOANSWER": (EventKind.RING_NO_ANSWER, {"ring_ms": d[0]}),
        "ABANDON": (EventKind.ABANDON, {"wait": d[2]}),
        "EXITWITHTIMEOUT": (EventKind.EXIT_TIMEOUT, {"wait": d[2]}),
        "EXITEMPTY": (EventKind.EXIT_EMPTY, {"wait": d[2]}),
        "EXITWITHKEY": (EventKind.EXIT_KEY, {"key": d[0], "wait": d[3]}),
        "COMPLETEAGENT": (EventKind.COMPLETE, {"wait": d[0], "talk": d[1], "by": "agent"}),
        "COMPLETECALLER": (EventKind.COMPLETE, {"wait": d[0], "talk": d[1], "by": "caller"}),
        "BLINDTRANSFER": (
            EventKind.TRANSFER,
            {"transfer_kind": TransferKind.BLIND, "target": d[0], "wait": d[2], "talk": d[3]},
        ),
        "TRANSFER": (
            EventKind.TRANSFER,
            {"transfer_kind": TransferKind.BLIND, "target": d[0], "wait": d[2], "talk": d[3]},
        ),
        # An attended transfer is completed only after the agent has spoken with the target.
        "ATTENDEDTRANSFER": (
            EventKind.TRANSFER,
            {
                "transfer_kind": TransferKind.ATTENDED,
                "target": d[1],
                "answered": True,
                "wait": d[2],
                "talk": d[3],
            },
        ),
        "AGENTLOGIN": (EventKind.AGENT_LOGIN, {}),
        "ADDMEMBER": (EventKind.AGENT_LOGIN, {}),
        "AGENTLOGOFF": (EventKind.AGENT_LOGOFF, {}),
        "REMOVEMEMBER": (EventKind.AGENT_LOGOFF, {}),
        "PAUSE": (EventKind.AGENT_PAUSE, {"reason": d[0]}),
        "PAUSEALL": (EventKind.AGENT_PAUSE, {"reason": d[0]}),
        "UNPAUSE": (EventKind.AGENT_UNPAUSE, {}),
        "UNPAUSEALL": (EventKind.AGENT_UNPAUSE, {}),
        "CALLBACKREQUEST": (EventKind.CALLBACK_REQUEST, {"number": d[0], "wait": d[1]}),
        "DIVERT": (EventKind.DIVERT, {"target": d[0], "wait": d[1]}),
    }
    return simple.get(event)


def parse_line(line: str) -> CallEvent | None:
    """The event on one line; None for events that say nothing about calls or agents
    (QUEUESTART, CONFIGRELOAD, DID, …). Raises QueueLogLineError for a broken line."""
    stripped = line.rstrip("\r\n")
    fields = stripped.split("|")
    if len(fields) < 5:
        raise QueueLogLineError(stripped[:200])
    try:
        occurred_at = datetime.fromtimestamp(float(fields[0]), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise QueueLogLineError(stripped[:200]) from None
    mapped = _data(fields[4].strip().upper(), fields[5:])
    if mapped is None:
        return None
    kind, data = mapped
    call_id, queue, agent = (_field(fields, i).strip() for i in (1, 2, 3))
    return CallEvent(
        source=EventSource.QUEUE_LOG,
        key=event_key(stripped),
        kind=kind,
        occurred_at=occurred_at,
        call_id="" if call_id in _NONE else call_id[:64],
        queue="" if queue in _NONE else queue[:80],
        agent="" if agent in _NONE else agent[:80],
        data={name: value for name, value in data.items() if value not in ("", None)},
    )


def format_line(
    at: datetime, call_id: str, queue: str, agent: str, event: str, *data: object
) -> str:
    """One queue_log line as Asterisk writes it (the simulator's and the tests' writer)."""
    parts = [str(int(at.timestamp())), call_id or "NONE", queue or "NONE", agent or "NONE", event]
    parts.extend(str(value) for value in data)
    return "|".join(parts) + "\n"
