"""The generic CTI webhook: a JSON body from any PBX or CTI middleware that is not Asterisk.

    POST /api/telephony/events/   Authorization: Bearer <integration key>
    {"events": [{"id": "…", "type": "connect", "occurred_at": "2026-03-10T09:00:12+01:00",
                 "call_id": "…", "queue": "…", "agent": "…", …}]}

`type` is one of `choices.EventKind`'s values; the fields each type reads are in
docs/telephony.md. `id` is the sender's own event id: sending it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kontaktcenter.telephony.choices import EventKind, EventSource, TransferKind
from kontaktcenter.telephony.events import CallEvent

MAX_EVENTS = 1000

_DATA_FIELDS = {
    "caller_number": "caller",
    "wait_seconds": "wait",
    "talk_seconds": "talk",
    "transfer_kind": "transfer_kind",
    "target": "target",
    "target_answered": "answered",
    "status": "status",
    "reason": "reason",
}


@dataclass(frozen=True)
class Rejected:
    index: int
    problem: str


def _text(value: Any, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def parse_event(index: int, raw: Any) -> CallEvent | Rejected:  # noqa: PLR0911 - one per check
    if not isinstance(raw, dict):
        return Rejected(index, _("not an object"))
    event_id = _text(raw.get("id"), 200).strip()
    if not event_id:
        return Rejected(index, _('"id" is missing'))
    try:
        kind = EventKind(str(raw.get("type")))
    except ValueError:
        return Rejected(index, _('unknown "type"'))
    try:
        occurred_at = datetime.fromisoformat(str(raw.get("occurred_at")))
    except ValueError:
        return Rejected(index, _('"occurred_at" is not an ISO 8601 time'))
    if timezone.is_naive(occurred_at):
        return Rejected(index, _('"occurred_at" has no UTC offset'))
    call_id = _text(raw.get("call_id"), 64)
    agent = _text(raw.get("agent"), 80)
    if (
        kind in {EventKind.AGENT_STATE, EventKind.AGENT_PAUSE, EventKind.AGENT_UNPAUSE}
        and not agent
    ):
        return Rejected(index, _('"agent" is missing'))
    if kind.value.startswith("agent_") is False and not call_id:
        return Rejected(index, _('"call_id" is missing'))
    transfer_kind = raw.get("transfer_kind")
    if transfer_kind is not None and transfer_kind not in TransferKind.values:
        return Rejected(index, _('"transfer_kind" must be "blind" or "attended"'))
    data = {
        name: raw[field] for field, name in _DATA_FIELDS.items() if raw.get(field) not in (None, "")
    }
    return CallEvent(
        source=EventSource.WEBHOOK,
        key=event_id,
        kind=kind,
        occurred_at=occurred_at,
        call_id=call_id,
        queue=_text(raw.get("queue"), 80),
        agent=agent,
        data=data,
    )


def parse_body(payload: Any) -> tuple[list[CallEvent], list[Rejected]] | None:
    """The events of a body and the ones refused with why; None for a body of another shape."""
    if not isinstance(payload, dict) or not isinstance(payload.get("events"), list):
        return None
    events: list[CallEvent] = []
    rejected: list[Rejected] = []
    for index, raw in enumerate(payload["events"][:MAX_EVENTS]):
        parsed = parse_event(index, raw)
        (rejected if isinstance(parsed, Rejected) else events).append(parsed)  # type: ignore[arg-type]
    return events, rejected
