"""The work lists of cases: an organisation's queue, "my cases", overdue and unassigned, with
filters, three sort orders and keyset pagination (S7, S8).

Keyset, not OFFSET: the next page starts after the last row shown, so page 500 costs what
page 1 costs, and a case that arrives or leaves meanwhile neither repeats nor skips a row.
Each sort order has a partial index over open cases (cases.models.Case.Meta.indexes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from django.db.models import F, Q, QuerySet

from kontaktcenter.cases.models import OPEN_CASE_STATUSES, Case, CaseStatus, Priority


class QueueView(StrEnum):
    ALL = "all"
    MINE = "mine"
    UNASSIGNED = "unassigned"
    OVERDUE = "overdue"


class QueueSort(StrEnum):
    RECEIVED = "received"
    DEADLINE = "deadline"
    PRIORITY = "priority"


class DeadlineFilter(StrEnum):
    OVERDUE = "overdue"
    TODAY = "today"
    PAUSED = "paused"


@dataclass(frozen=True)
class QueueFilters:
    view: QueueView = QueueView.ALL
    status: str | None = None
    category_id: int | None = None
    assignee_id: int | None = None
    queue_id: int | None = None
    priority: int | None = None
    deadline: DeadlineFilter | None = None
    sort: QueueSort = QueueSort.RECEIVED


@dataclass
class QueuePage:
    cases: list[Case]
    next_cursor: str | None
    filters: QueueFilters
    deadline_states: dict[int, str] = field(default_factory=dict)


_NULL = "-"


def apply_filters(
    cases: QuerySet[Case], filters: QueueFilters, *, user_id: int | None, at: datetime
) -> QuerySet[Case]:
    if filters.status in CaseStatus.values:
        cases = cases.filter(status=filters.status)
    else:
        cases = cases.filter(status__in=OPEN_CASE_STATUSES)
    if filters.view == QueueView.MINE:
        cases = cases.filter(assignee_id=user_id)
    elif filters.view == QueueView.UNASSIGNED:
        cases = cases.filter(assignee__isnull=True)
    elif filters.view == QueueView.OVERDUE:
        cases = cases.filter(deadline_at__lt=at)
    if filters.category_id is not None:
        cases = cases.filter(category_id=filters.category_id)
    if filters.assignee_id is not None:
        cases = cases.filter(assignee_id=filters.assignee_id)
    if filters.queue_id is not None:
        cases = cases.filter(queue_id=filters.queue_id)
    if filters.priority in Priority.values:
        cases = cases.filter(priority=filters.priority)
    if filters.deadline == DeadlineFilter.OVERDUE:
        cases = cases.filter(deadline_at__lt=at)
    elif filters.deadline == DeadlineFilter.TODAY:
        cases = cases.filter(deadline_at__lt=at + timedelta(hours=24))
    elif filters.deadline == DeadlineFilter.PAUSED:
        cases = cases.filter(deadline_at__isnull=True)
    return cases


def order(cases: QuerySet[Case], sort: QueueSort) -> QuerySet[Case]:
    if sort == QueueSort.DEADLINE:
        return cases.order_by(F("deadline_at").asc(nulls_last=True), "id")
    if sort == QueueSort.PRIORITY:
        return cases.order_by("priority", "received_at", "id")
    return cases.order_by("received_at", "id")


def cursor_of(case: Case, sort: QueueSort) -> str:
    if sort == QueueSort.DEADLINE:
        deadline = case.deadline_at.isoformat() if case.deadline_at else _NULL
        return f"{deadline}|{case.pk}"
    if sort == QueueSort.PRIORITY:
        return f"{case.priority}|{case.received_at.isoformat()}|{case.pk}"
    return f"{case.received_at.isoformat()}|{case.pk}"


def after_cursor(cases: QuerySet[Case], sort: QueueSort, cursor: str) -> QuerySet[Case]:
    """The rows after the cursor in the sort order; a cursor that does not parse (edited by
    hand, from an older version) starts at the first page."""
    try:
        condition = _after(sort, cursor.split("|"))
    except (ValueError, IndexError):
        return cases
    return cases.filter(condition)


def _after(sort: QueueSort, parts: list[str]) -> Q:
    """Rows after the cursor, written as `a >= x AND (a > x OR …)`: the leading `>=` gives
    the database a range on the index's first sort column (a bare OR of the two cases makes
    PostgreSQL scan from the start of the index and filter)."""
    if sort == QueueSort.DEADLINE:
        deadline, pk = parts[0], int(parts[1])
        if deadline == _NULL:
            return Q(deadline_at__isnull=True, id__gt=pk)
        moment = _moment(deadline)
        later = Q(deadline_at__gte=moment) & (Q(deadline_at__gt=moment) | Q(id__gt=pk))
        return later | Q(deadline_at__isnull=True)
    if sort == QueueSort.PRIORITY:
        priority, received, pk = int(parts[0]), _moment(parts[1]), int(parts[2])
        same_priority_later = Q(received_at__gt=received) | Q(received_at=received, id__gt=pk)
        return Q(priority__gte=priority) & (Q(priority__gt=priority) | same_priority_later)
    received, pk = _moment(parts[0]), int(parts[1])
    return Q(received_at__gte=received) & (Q(received_at__gt=received) | Q(id__gt=pk))


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(text)
    return moment


def page_of(
    cases: QuerySet[Case],
    filters: QueueFilters,
    cursor: str | None,
    size: int,
    *,
    related: tuple[str, ...] = (),
) -> tuple[list[Case], str | None]:
    """One page and the cursor of the next (None on the last page), in two queries: the ids
    of the page in order (one row more, to know whether a next page exists), then those
    cases with their related rows by primary key.

    Two small queries instead of one: PostgreSQL spends far longer planning the ordered,
    limited query with its five joins over a table with many partial indexes (≈20 ms) than
    running either of these (≈1 ms each); benchmarks/README.md, "Queue pages".
    """
    ordered = order(cases, filters.sort)
    if cursor:
        ordered = after_cursor(ordered, filters.sort, cursor)
    ids = list(ordered.values_list("id", flat=True)[: size + 1])
    shown_ids = ids[:size]
    by_id = Case.objects.select_related(*related).in_bulk(shown_ids) if shown_ids else {}
    # A case that left the list between the two queries is simply not shown.
    shown = [by_id[pk] for pk in shown_ids if pk in by_id]
    next_cursor = cursor_of(shown[-1], filters.sort) if len(ids) > size and shown else None
    return shown, next_cursor
