"""Pure decisions about calls and agents, without the ORM.

A call is rebuilt from all of its events every time one arrives (`fold_call`), in the order
they happened, not the order they came in: a re-delivered or late event changes nothing or
corrects the call, and the same events always give the same call.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from kontaktcenter.telephony.choices import AgentStatus, CallOutcome, EventKind, TransferKind
from kontaktcenter.telephony.events import CallEvent

# Within one second the PBX's own order: a caller enters before being connected, is connected
# before the call completes.
_ORDER = {
    EventKind.ENTER: 0,
    EventKind.RING_NO_ANSWER: 1,
    EventKind.LEAVE: 2,
    EventKind.CONNECT: 3,
    EventKind.ABANDON: 4,
    EventKind.EXIT_TIMEOUT: 4,
    EventKind.EXIT_EMPTY: 4,
    EventKind.EXIT_KEY: 4,
    EventKind.CALLBACK_REQUEST: 5,
    EventKind.DIVERT: 5,
    EventKind.TRANSFER: 6,
    EventKind.COMPLETE: 7,
}

# Without an agent, the first of these found decides how the call ended.
_UNANSWERED = (
    (EventKind.ABANDON, CallOutcome.ABANDONED),
    (EventKind.EXIT_TIMEOUT, CallOutcome.TIMEOUT),
    (EventKind.EXIT_KEY, CallOutcome.EXIT_KEY),
    (EventKind.EXIT_EMPTY, CallOutcome.EXIT_EMPTY),
    (EventKind.CALLBACK_REQUEST, CallOutcome.CALLBACK_REQUESTED),
    (EventKind.DIVERT, CallOutcome.DIVERTED),
    # AMI says only that the caller left; without an agent or a hang-up that is a timeout.
    (EventKind.LEAVE, CallOutcome.TIMEOUT),
)


@dataclass(frozen=True)
class CallSummary:
    call_id: str
    queue: str
    caller_number: str
    entered_at: datetime
    outcome: CallOutcome
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    wait_seconds: int | None = None
    talk_seconds: int | None = None
    agent: str = ""
    transfer_kind: str = ""
    transfer_target: str = ""
    transfer_answered: bool | None = None
    unanswered_rings: int = 0


def _seconds(value: object) -> int | None:
    try:
        return max(0, round(float(str(value))))
    except (TypeError, ValueError):
        return None


def _between(start: datetime | None, end: datetime) -> int | None:
    return None if start is None else max(0, round((end - start).total_seconds()))


def fold_call(events: Iterable[CallEvent]) -> CallSummary | None:
    """The call its events describe; None when none of them is about a call."""
    ordered = sorted(
        (event for event in events if event.kind in _ORDER),
        key=lambda event: (event.occurred_at, _ORDER[event.kind], event.key),
    )
    if not ordered:
        return None
    first: dict[EventKind, CallEvent] = {}
    for event in ordered:
        first.setdefault(event.kind, event)
    queue = next((event.queue for event in ordered if event.queue), "")
    enter = first.get(EventKind.ENTER)
    caller = next((str(event.data["caller"]) for event in ordered if event.data.get("caller")), "")
    rings = sum(1 for event in ordered if event.kind == EventKind.RING_NO_ANSWER)
    transfer = first.get(EventKind.TRANSFER)
    transfer_fields: dict[str, object] = {}
    if transfer is not None:
        answered = transfer.data.get("answered")
        transfer_fields = {
            "transfer_kind": str(transfer.data.get("transfer_kind") or TransferKind.BLIND),
            "transfer_target": str(transfer.data.get("target", ""))[:80],
            "transfer_answered": answered if isinstance(answered, bool) else None,
        }

    connect = first.get(EventKind.CONNECT)
    if connect is not None:
        wait = _seconds(connect.data.get("wait"))
        if wait is None:
            wait = _between(enter.occurred_at if enter else None, connect.occurred_at) or 0
        entered_at = enter.occurred_at if enter else connect.occurred_at - timedelta(seconds=wait)
        ending = transfer or first.get(EventKind.COMPLETE)
        talk = None
        if ending is not None:
            talk = _seconds(ending.data.get("talk"))
            if talk is None:
                talk = _between(connect.occurred_at, ending.occurred_at)
        return CallSummary(
            call_id=ordered[0].call_id,
            queue=queue,
            caller_number=caller,
            entered_at=entered_at,
            outcome=CallOutcome.ANSWERED,
            answered_at=connect.occurred_at,
            ended_at=ending.occurred_at if ending else None,
            wait_seconds=wait,
            talk_seconds=talk,
            agent=connect.agent,
            unanswered_rings=rings,
            **transfer_fields,  # type: ignore[arg-type]
        )

    for kind, outcome in _UNANSWERED:
        end = first.get(kind)
        if end is None:
            continue
        wait = _seconds(end.data.get("wait"))
        if wait is None:
            wait = _between(enter.occurred_at if enter else None, end.occurred_at) or 0
        return CallSummary(
            call_id=ordered[0].call_id,
            queue=queue,
            caller_number=caller,
            entered_at=enter.occurred_at if enter else end.occurred_at - timedelta(seconds=wait),
            outcome=outcome,
            ended_at=end.occurred_at,
            wait_seconds=wait,
            unanswered_rings=rings,
            transfer_target=str(end.data.get("target", ""))[:80],
        )

    return CallSummary(
        call_id=ordered[0].call_id,
        queue=queue,
        caller_number=caller,
        entered_at=enter.occurred_at if enter else ordered[0].occurred_at,
        outcome=CallOutcome.WAITING,
        unanswered_rings=rings,
    )


# --- agents -----------------------------------------------------------------------------------

_AGENT_STATES = {
    EventKind.AGENT_LOGIN: AgentStatus.READY,
    EventKind.AGENT_LOGOFF: AgentStatus.LOGGED_OUT,
    EventKind.AGENT_PAUSE: AgentStatus.PAUSED,
    EventKind.AGENT_UNPAUSE: AgentStatus.READY,
    EventKind.CONNECT: AgentStatus.BUSY,
    EventKind.COMPLETE: AgentStatus.WRAP_UP,
    EventKind.TRANSFER: AgentStatus.WRAP_UP,
}


def agent_state_after(event: CallEvent) -> tuple[AgentStatus, str] | None:
    """The state an event puts its agent in, with the pause reason; None if it says nothing."""
    if not event.agent:
        return None
    if event.kind == EventKind.AGENT_STATE:
        try:
            return AgentStatus(str(event.data.get("status"))), str(event.data.get("reason", ""))
        except ValueError:
            return None
    status = _AGENT_STATES.get(event.kind)
    if status is None:
        return None
    reason = str(event.data.get("reason", "")) if status == AgentStatus.PAUSED else ""
    return status, reason[:80]


def effective_status(
    status: str, since: datetime, *, wrap_up_seconds: int, at: datetime
) -> tuple[AgentStatus, datetime]:
    """An agent in wrap-up is ready again once the queue's wrap-up time has passed, without
    the PBX saying so; returns the status and since when it holds."""
    if status == AgentStatus.WRAP_UP:
        ready_at = since + timedelta(seconds=wrap_up_seconds)
        if ready_at <= at:
            return AgentStatus.READY, ready_at
    return AgentStatus(status), since
