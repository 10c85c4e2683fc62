"""Asterisk Manager Interface (AMI) events, as panoramisk hands them over.

The events and their headers are documented per event at docs.asterisk.org, "API Documentation
› AMI Events": QueueCallerJoin, AgentConnect, AgentComplete, AgentRingNoAnswer,
QueueCallerAbandon, QueueCallerLeave, QueueMemberAdded, QueueMemberRemoved, QueueMemberPause,
BlindTransfer and AttendedTransfer. AMI events carry their time only with `timestampevents =
yes` in manager.conf (a `Timestamp: <epoch>.<micro>` header); set it, or events are stamped with
the moment they arrive, and a reconnect after a break then dates the replayed ones wrongly.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from kontaktcenter.telephony.choices import EventKind, EventSource, TransferKind
from kontaktcenter.telephony.events import CallEvent, event_key


def _kind_and_data(  # noqa: PLR0911 - one answer per AMI event
    name: str, h: Mapping[str, str]
) -> tuple[EventKind, dict[str, Any]] | None:
    if name == "QueueCallerJoin":
        return EventKind.ENTER, {"caller": h.get("CallerIDNum", ""), "position": h.get("Position")}
    if name == "AgentConnect":
        return EventKind.CONNECT, {"wait": h.get("HoldTime"), "ring": h.get("RingTime")}
    if name == "AgentComplete":
        return EventKind.COMPLETE, {
            "wait": h.get("HoldTime"),
            "talk": h.get("TalkTime"),
            "by": h.get("Reason", ""),
        }
    if name == "AgentRingNoAnswer":
        return EventKind.RING_NO_ANSWER, {"ring_ms": h.get("RingTime")}
    if name == "QueueCallerAbandon":
        return EventKind.ABANDON, {"wait": h.get("HoldTime")}
    if name == "QueueCallerLeave":
        return EventKind.LEAVE, {}
    if name == "QueueMemberAdded":
        return EventKind.AGENT_LOGIN, {}
    if name == "QueueMemberRemoved":
        return EventKind.AGENT_LOGOFF, {}
    if name == "QueueMemberPause":
        if h.get("Paused", "0") == "1":
            return EventKind.AGENT_PAUSE, {"reason": h.get("PausedReason") or h.get("Reason", "")}
        return EventKind.AGENT_UNPAUSE, {}
    if name == "BlindTransfer":
        return EventKind.TRANSFER, {
            "transfer_kind": TransferKind.BLIND,
            "target": h.get("Extension", ""),
            "result": h.get("Result", ""),
        }
    if name == "AttendedTransfer":
        return EventKind.TRANSFER, {
            "transfer_kind": TransferKind.ATTENDED,
            "target": h.get("SecondTransfererConnectedLineNum")
            or h.get("TransferTargetChannel", ""),
            "answered": h.get("Result") == "Success",
        }
    return None


def _call_id(name: str, h: Mapping[str, str]) -> str:
    if name == "BlindTransfer":
        return h.get("TransfereeUniqueid", "")
    if name == "AttendedTransfer":
        return h.get("OrigTransfereeUniqueid", "")
    return h.get("Uniqueid", "")


def from_ami(headers: Mapping[str, str], *, received_at: datetime) -> CallEvent | None:
    """The event an AMI message reports; None for the many AMI events that are not about
    queues or agents."""
    name = headers.get("Event", "")
    mapped = _kind_and_data(name, headers)
    if mapped is None:
        return None
    kind, data = mapped
    try:
        occurred_at = datetime.fromtimestamp(float(headers["Timestamp"]), tz=UTC)
    except (KeyError, ValueError, OverflowError, OSError):
        occurred_at = received_at
    agent = headers.get("Interface") or headers.get("MemberName", "")
    if name in {"BlindTransfer", "AttendedTransfer"}:
        agent = headers.get("TransfererChannel") or headers.get("OrigTransfererChannel", "")
        agent = headers.get("Interface", "") or _interface_of(agent)
    return CallEvent(
        source=EventSource.AMI,
        # AMI has no event id; a re-sent event repeats every header, the timestamp included.
        key=event_key(*(f"{k}={v}" for k, v in sorted(headers.items()) if k != "Privilege")),
        kind=kind,
        occurred_at=occurred_at,
        call_id=_call_id(name, headers)[:64],
        queue=headers.get("Queue", "")[:80],
        agent=agent[:80],
        data={k: v for k, v in data.items() if v not in ("", None)},
    )


def _interface_of(channel: str) -> str:
    """ "PJSIP/1001-0000002a" → "PJSIP/1001": the member interface of a channel name."""
    base, _dash, suffix = channel.rpartition("-")
    return base if base and suffix.isalnum() else channel
