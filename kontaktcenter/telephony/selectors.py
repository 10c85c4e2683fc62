"""Reads of telephony: call figures for a period, the wallboard, the console's lists."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.accounts.models import User
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import NotFound
from kontaktcenter.telephony import errors, policies
from kontaktcenter.telephony.assignment import Assignment, ReadyAgent, WaitingContact, assign
from kontaktcenter.telephony.choices import (
    MISSED_OUTCOMES,
    AgentStatus,
    CallOutcome,
    TransferStatus,
)
from kontaktcenter.telephony.ingest import stored_number
from kontaktcenter.telephony.measures import (
    DEFAULT_SHORT_ABANDON_SECONDS,
    DEFAULT_TARGET_SECONDS,
    CallFigures,
    call_figures,
)
from kontaktcenter.telephony.models import (
    Agent,
    Call,
    NightService,
    Queue,
    Transfer,
    UnknownReference,
)
from kontaktcenter.telephony.rules import effective_status

# A call still "waiting" after this long lost its end event (a PBX restarted mid-call, a
# listener that was down); no city queue keeps a caller an hour, so the wallboard leaves it out.
STALE_WAIT = timedelta(hours=1)


def local_day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """From the start of `first` to the end of `last`, in Stockholm's days (DST included)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone),
    )


def calls_between(*, first: date, last: date, queue: str | None = None) -> QuerySet[Call]:
    start, end = local_day_bounds(first, last)
    calls = Call.objects.filter(entered_at__gte=start, entered_at__lt=end)
    if queue:
        calls = calls.filter(queue_name=queue)
    return calls


def call_figures_between(
    *,
    first: date,
    last: date,
    queue: str | None = None,
    target_seconds: int = DEFAULT_TARGET_SECONDS,
    short_abandon_seconds: int = DEFAULT_SHORT_ABANDON_SECONDS,
) -> CallFigures:
    calls = calls_between(first=first, last=last, queue=queue).only(
        "outcome", "wait_seconds", "transfer_kind", "transfer_answered"
    )
    return call_figures(
        calls.iterator(chunk_size=5000),
        target_seconds=target_seconds,
        short_abandon_seconds=short_abandon_seconds,
    )


def queue_names() -> list[str]:
    return list(Queue.objects.values_list("name", flat=True))


def unknown_references() -> QuerySet[UnknownReference]:
    return UnknownReference.objects.order_by("-last_seen_at")


# --- the wallboard ----------------------------------------------------------------------------


@dataclass
class QueueBoard:
    name: str
    label: str
    site: str
    waiting: int
    longest_wait_seconds: int
    agents: dict[str, int]
    figures: CallFigures
    target_seconds: int

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "label": self.label,
            "site": self.site,
            "waiting": self.waiting,
            "longest_wait_seconds": self.longest_wait_seconds,
            "agents": self.agents,
            "target_seconds": self.target_seconds,
            "today": self.figures.as_json(),
        }


@dataclass(frozen=True)
class NextAnswer:
    """Who should take a waiting call now, by the routing core (S2)."""

    queue: str
    caller_number: str
    agent: str
    overflowed: bool


def site_totals(queues: list[QueueBoard]) -> list[QueueBoard]:
    """One row per site over its queues. Agents serving several of a site's queues are counted
    once per queue, as the queue rows count them; the answer targets may differ per queue,
    so each queue's calls were already judged by its own."""
    totals: dict[str, QueueBoard] = {}
    for board in queues:
        total = totals.get(board.site)
        if total is None:
            totals[board.site] = QueueBoard(
                name="",
                label=board.site,
                site=board.site,
                waiting=board.waiting,
                longest_wait_seconds=board.longest_wait_seconds,
                agents=dict(board.agents),
                figures=board.figures,
                target_seconds=board.target_seconds,
            )
            continue
        total.waiting += board.waiting
        total.longest_wait_seconds = max(total.longest_wait_seconds, board.longest_wait_seconds)
        for status, count in board.agents.items():
            total.agents[status] = total.agents.get(status, 0) + count
        total.figures = total.figures + board.figures
    return list(totals.values())


@dataclass
class Wallboard:
    at: datetime
    queues: list[QueueBoard] = field(default_factory=list)
    night_service: NightService | None = None
    next_answers: list[NextAnswer] = field(default_factory=list)

    @property
    def sites(self) -> list[QueueBoard]:
        return site_totals(self.queues)

    def as_json(self) -> dict[str, object]:
        return {
            "at": self.at.isoformat(),
            # Shown on the board as is: the wall screen's own clock may not be Stockholm's.
            "at_local": self.at.astimezone(ZoneInfo(settings.TIME_ZONE)).strftime("%H:%M:%S"),
            "night_service": bool(self.night_service and self.night_service.is_on),
            "queues": [board.as_json() for board in self.queues],
            "sites": [board.as_json() for board in self.sites],
            "next": [
                {
                    "queue": item.queue,
                    "agent": item.agent,
                    "overflowed": item.overflowed,
                }
                for item in self.next_answers
            ],
        }


def agent_status_counts(agents: list[Agent], *, wrap_up_seconds: int, at: datetime) -> Counter[str]:
    counts: Counter[str] = Counter(dict.fromkeys(AgentStatus.values, 0))
    for agent in agents:
        status, _since = effective_status(
            agent.status, agent.status_since or at, wrap_up_seconds=wrap_up_seconds, at=at
        )
        counts[status] += 1
    return counts


def wallboard(*, actor: Actor, site_id: int | None = None) -> Wallboard:
    """Every queue (of one site, if given): waiting now, longest wait, agents by state and
    today's figures. A handful of queries whatever the number of queues."""
    if not policies.may_view_wallboard(actor):
        raise NotFound(errors.NOT_ALLOWED)
    at = now()
    board = Wallboard(at=at, night_service=night_service_current())
    queues = list(Queue.objects.select_related("site").order_by("site__name", "label"))
    if site_id is not None:
        queues = [queue for queue in queues if queue.site_id == site_id]
    today = at.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    start, _end = local_day_bounds(today, today)
    names = [queue.name for queue in queues]
    calls_today: dict[str, list[Call]] = {name: [] for name in names}
    for call in Call.objects.filter(queue_name__in=names, entered_at__gte=start).only(
        "call_id",
        "queue_name",
        "caller_number",
        "outcome",
        "wait_seconds",
        "entered_at",
        "transfer_kind",
        "transfer_answered",
    ):
        calls_today[call.queue_name].append(call)
    agents = list(Agent.objects.exclude(status=AgentStatus.LOGGED_OUT))
    waiting_now: list[Call] = []
    for queue in queues:
        calls = calls_today[queue.name]
        waiting = [
            call
            for call in calls
            if call.outcome == CallOutcome.WAITING and at - call.entered_at < STALE_WAIT
        ]
        waiting_now.extend(waiting)
        longest = max((at - call.entered_at for call in waiting), default=timedelta(0))
        serving = [a for a in agents if a.site_id == queue.site_id and queue.skill in a.skills]
        board.queues.append(
            QueueBoard(
                name=queue.name,
                label=queue.label,
                site=queue.site.name,
                waiting=len(waiting),
                longest_wait_seconds=max(0, int(longest.total_seconds())),
                agents=dict(
                    agent_status_counts(serving, wrap_up_seconds=queue.wrap_up_seconds, at=at)
                ),
                figures=call_figures(calls, target_seconds=queue.target_seconds),
                target_seconds=queue.target_seconds,
            )
        )
    board.next_answers = next_answers(queues, waiting_now, agents, at=at)
    return board


def next_answers(
    queues: list[Queue], waiting: list[Call], agents: list[Agent], *, at: datetime
) -> list[NextAnswer]:
    """The routing core's decisions for the calls waiting now and the agents ready now."""
    by_name = {queue.name: queue for queue in queues}
    wrap_up = max((queue.wrap_up_seconds for queue in queues), default=0)
    contacts = [
        WaitingContact(
            id=call.call_id,
            skill=by_name[call.queue_name].skill,
            site=str(by_name[call.queue_name].site_id),
            waiting_since=call.entered_at,
            overflow_after=timedelta(seconds=by_name[call.queue_name].overflow_after_seconds),
        )
        for call in waiting
    ]
    ready: list[ReadyAgent] = []
    names = {}
    for agent in agents:
        status, since = effective_status(
            agent.status, agent.status_since or at, wrap_up_seconds=wrap_up, at=at
        )
        if status == AgentStatus.READY:
            ready.append(
                ReadyAgent(agent.interface, str(agent.site_id), frozenset(agent.skills), since)
            )
            names[agent.interface] = agent.name
    calls = {call.call_id: call for call in waiting}
    decisions: list[Assignment] = assign(contacts, ready, at=at)
    return [
        NextAnswer(
            queue=by_name[calls[d.contact].queue_name].label,
            caller_number=calls[d.contact].caller_number,
            agent=names[d.agent],
            overflowed=d.overflowed,
        )
        for d in decisions
    ]


def sites_with_queues() -> list[tuple[int, str]]:
    return list(
        Queue.objects.order_by("site__name").values_list("site_id", "site__name").distinct()
    )


# --- the console ------------------------------------------------------------------------------


def _require_console(actor: Actor) -> None:
    if not policies.may_use_console(actor):
        raise NotFound(errors.NOT_ALLOWED)


def call_in_hand(*, actor: Actor) -> Call | None:
    """The call the actor's phone is connected to now, as the PBX reported it."""
    _require_console(actor)
    if not isinstance(actor, User):
        return None
    return (
        Call.objects.select_related("queue")
        .filter(agent__user=actor, outcome=CallOutcome.ANSWERED, ended_at__isnull=True)
        .order_by("-answered_at")
        .first()
    )


def missed_calls(*, actor: Actor, day: date, include_done: bool = False) -> QuerySet[Call]:
    """Callers who did not get through that day, newest first, with who is calling back.
    Short abandons are left out, as in the measures: a caller who hung up within seconds
    dialled wrong or changed their mind, and is not rung back."""
    _require_console(actor)
    start, end = local_day_bounds(day, day)
    calls = (
        Call.objects.select_related("queue", "callback_by")
        .filter(entered_at__gte=start, entered_at__lt=end, outcome__in=MISSED_OUTCOMES)
        .exclude(outcome=CallOutcome.ABANDONED, wait_seconds__lte=DEFAULT_SHORT_ABANDON_SECONDS)
    )
    if not include_done:
        calls = calls.filter(callback_done_at__isnull=True)
    return calls.exclude(caller_number="").order_by("-entered_at")


def call_get(*, actor: Actor, call_id: int) -> Call:
    _require_console(actor)
    call = Call.objects.select_related("queue", "callback_by").filter(pk=call_id).first()
    if call is None:
        raise NotFound(errors.CALL_NOT_FOUND)
    return call


def open_transfers(*, actor: Actor) -> list[Transfer]:
    """The actor's transfers still ringing, those due for recall first."""
    _require_console(actor)
    if not isinstance(actor, User):
        return []
    transfers = Transfer.objects.filter(operator=actor, status=TransferStatus.RINGING)
    return list(transfers.order_by("recall_at"))


def recalls_due(transfers: list[Transfer], *, at: datetime | None = None) -> list[Transfer]:
    moment = at or now()
    return [transfer for transfer in transfers if transfer.recall_at <= moment]


def night_service_current() -> NightService | None:
    return NightService.objects.order_by("-set_at", "-id").select_related("set_by").first()


def earlier_calls(*, actor: Actor, number: str, limit: int = 10) -> QuerySet[Call]:
    _require_console(actor)
    return Call.objects.filter(caller_number=stored_number(number)).order_by("-entered_at")[:limit]
