"""Storing PBX events once and rebuilding the calls and agent states they touch.

Every adapter ends here. An event already stored (same source and key) is counted as a
duplicate and changes nothing; a new one is stored, then each call it belongs to is rebuilt
from all of that call's events in time order (`rules.fold_call`), so events that arrive late
or twice give the same calls as a clean stream. Queue and agent names that are not configured
are kept on the calls as the PBX sent them and reported (`UnknownReference`), never refused.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F

from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import ValidationError
from kontaktcenter.core.phone import normalise_phone
from kontaktcenter.telephony.choices import EventSource, TransferStatus, UnknownKind
from kontaktcenter.telephony.events import CallEvent
from kontaktcenter.telephony.models import (
    Agent,
    AgentStateChange,
    Call,
    PbxEvent,
    Queue,
    Transfer,
    UnknownReference,
)
from kontaktcenter.telephony.rules import CallSummary, agent_state_after, fold_call

_CHUNK = 500
_CALL_FIELDS = [
    "queue",
    "queue_name",
    "caller_number",
    "entered_at",
    "answered_at",
    "ended_at",
    "wait_seconds",
    "talk_seconds",
    "outcome",
    "agent",
    "agent_interface",
    "transfer_kind",
    "transfer_target",
    "transfer_answered",
    "unanswered_rings",
]


@dataclass
class IngestReport:
    recorded: int = 0
    duplicates: int = 0
    calls: int = 0
    unknown_queues: set[str] = field(default_factory=set)
    unknown_agents: set[str] = field(default_factory=set)

    def add(self, other: IngestReport) -> None:
        self.recorded += other.recorded
        self.duplicates += other.duplicates
        self.calls += other.calls
        self.unknown_queues |= other.unknown_queues
        self.unknown_agents |= other.unknown_agents


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _as_event(row: PbxEvent) -> CallEvent:
    return CallEvent(
        source=row.source,  # type: ignore[arg-type]
        key=row.key,
        kind=row.kind,  # type: ignore[arg-type]
        occurred_at=row.occurred_at,
        call_id=row.call_id,
        queue=row.queue_name,
        agent=row.agent_interface,
        data=row.data,
    )


def _new_events(events: Sequence[CallEvent]) -> tuple[list[CallEvent], int]:
    distinct = {(event.source, event.key): event for event in events}
    by_source: dict[EventSource, list[str]] = defaultdict(list)
    for source, key in distinct:
        by_source[source].append(key)
    stored: set[tuple[EventSource, str]] = set()
    for source, keys in by_source.items():
        for chunk in _chunks(keys):
            stored.update(
                (source, key)
                for key in PbxEvent.objects.filter(source=source, key__in=chunk).values_list(
                    "key", flat=True
                )
            )
    new = [event for identity, event in distinct.items() if identity not in stored]
    return new, len(events) - len(new)


def ingest(events: Sequence[CallEvent], *, received_at: datetime | None = None) -> IngestReport:
    """Store the events not yet stored and rebuild what they change, in one transaction.

    Two readers taking in events of the same new call at the same moment (the queue_log and
    AMI of one PBX, say) both try to create it; the one that loses starts again and then
    finds the other's events and call."""
    try:
        return _ingest(events, received_at)
    except IntegrityError:
        return _ingest(events, received_at)


def _ingest(events: Sequence[CallEvent], received_at: datetime | None) -> IngestReport:
    report = IngestReport()
    with transaction.atomic():
        new, report.duplicates = _new_events(events)
        if not new:
            return report
        stamp = received_at or now()
        PbxEvent.objects.bulk_create(
            [
                PbxEvent(
                    source=event.source,
                    key=event.key,
                    kind=event.kind,
                    occurred_at=event.occurred_at,
                    call_id=event.call_id,
                    queue_name=event.queue,
                    agent_interface=event.agent,
                    data=event.data,
                    received_at=stamp,
                )
                for event in new
            ],
            batch_size=_CHUNK,
            # Two readers of one stream may race; the constraint keeps one copy.
            ignore_conflicts=True,
        )
        report.recorded = len(new)
        queues = {queue.name: queue for queue in Queue.objects.all()}
        agents = {
            agent.interface: agent
            for agent in Agent.objects.filter(interface__in={e.agent for e in new if e.agent})
        }
        report.unknown_queues = {e.queue for e in new if e.queue and e.queue not in queues}
        report.unknown_agents = {e.agent for e in new if e.agent and e.agent not in agents}
        call_ids = sorted({event.call_id for event in new if event.call_id})
        report.calls = _rebuild_calls(call_ids, new, queues, agents)
        _apply_agent_states(new, agents)
        _report_unknown(report, stamp)
    return report


def _rebuild_calls(
    call_ids: list[str], new: list[CallEvent], queues: dict[str, Queue], agents: dict[str, Agent]
) -> int:
    arrived: dict[str, list[CallEvent]] = defaultdict(list)
    for event in new:
        arrived[event.call_id].append(event)
    rebuilt = 0
    for chunk in _chunks(call_ids):
        existing = Call.objects.in_bulk(chunk, field_name="call_id")
        # Every event with a call id is about the call, so a call without a row has no
        # earlier events: it is rebuilt from what just arrived, without reading it back.
        grouped = {call_id: arrived[call_id] for call_id in chunk if call_id not in existing}
        for row in PbxEvent.objects.filter(call_id__in=list(existing)):
            grouped.setdefault(row.call_id, []).append(_as_event(row))
        summaries = [s for s in (fold_call(grouped[c]) for c in chunk) if s is not None]
        missing_agents = {s.agent for s in summaries if s.agent and s.agent not in agents}
        if missing_agents:
            agents.update(
                {a.interface: a for a in Agent.objects.filter(interface__in=missing_agents)}
            )
        to_create: list[Call] = []
        to_update: list[Call] = []
        for summary in summaries:
            call = existing.get(summary.call_id)
            if call is None:
                call = Call(call_id=summary.call_id)
                to_create.append(call)
            else:
                to_update.append(call)
            _copy(summary, call, queues, agents)
        Call.objects.bulk_create(to_create, batch_size=_CHUNK)
        Call.objects.bulk_update(to_update, _CALL_FIELDS, batch_size=_CHUNK)
        # The PBX says the person a call was passed to answered: the console's transfer of
        # that call is done and must not come back to the operator.
        answered = [call.pk for call in to_update if call.transfer_answered]
        if answered:
            Transfer.objects.filter(call_id__in=answered, status=TransferStatus.RINGING).update(
                status=TransferStatus.ANSWERED, closed_at=now()
            )
        rebuilt += len(summaries)
    return rebuilt


def _copy(
    summary: CallSummary, call: Call, queues: dict[str, Queue], agents: dict[str, Agent]
) -> None:
    call.queue = queues.get(summary.queue)
    call.queue_name = summary.queue
    call.caller_number = stored_number(summary.caller_number)
    call.entered_at = summary.entered_at
    call.answered_at = summary.answered_at
    call.ended_at = summary.ended_at
    call.wait_seconds = summary.wait_seconds
    call.talk_seconds = summary.talk_seconds
    call.outcome = summary.outcome
    call.agent = agents.get(summary.agent)
    call.agent_interface = summary.agent
    call.transfer_kind = summary.transfer_kind
    call.transfer_target = summary.transfer_target
    call.transfer_answered = summary.transfer_answered
    call.unanswered_rings = summary.unanswered_rings


def stored_number(raw: str) -> str:
    """A caller's number as E.164 when it is one (so it matches the residents' stored numbers
    and whatever way an operator types it), else as the PBX sent it ("anonymous", "Okänd")."""
    try:
        return normalise_phone(raw)[:40]
    except ValidationError:
        return raw[:40]


def _apply_agent_states(events: list[CallEvent], agents: dict[str, Agent]) -> None:
    changes: list[AgentStateChange] = []
    latest: dict[str, Agent] = {}
    for event in sorted(events, key=lambda e: e.occurred_at):
        agent = agents.get(event.agent)
        state = agent_state_after(event)
        if agent is None or state is None:
            continue
        status, reason = state
        changes.append(
            AgentStateChange(
                agent=agent, status=status, reason=reason, occurred_at=event.occurred_at
            )
        )
        # A late event is history, not the present: only a newer one changes the state.
        if agent.status_since is None or event.occurred_at >= agent.status_since:
            agent.status, agent.status_reason = status, reason
            agent.status_since = event.occurred_at
            latest[agent.interface] = agent
    AgentStateChange.objects.bulk_create(changes, batch_size=_CHUNK)
    Agent.objects.bulk_update(latest.values(), ["status", "status_reason", "status_since"])


def _report_unknown(report: IngestReport, at: datetime) -> None:
    for kind, names in (
        (UnknownKind.QUEUE, report.unknown_queues),
        (UnknownKind.AGENT, report.unknown_agents),
    ):
        for name in names:
            reference, _created = UnknownReference.objects.get_or_create(
                kind=kind, name=name, defaults={"first_seen_at": at, "last_seen_at": at}
            )
            UnknownReference.objects.filter(pk=reference.pk).update(
                last_seen_at=at, occurrences=F("occurrences") + 1
            )
