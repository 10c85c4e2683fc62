"""The work list's keyset pages: every sort order walks all open cases once, in order, even
when many cases share a moment or a priority (issue 7, item 8)."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import selectors, services
from kontaktcenter.cases.models import Case, CaseStatus, Priority
from kontaktcenter.cases.queue_pages import QueueFilters, QueueSort, QueueView
from kontaktcenter.directory.models import Organisation
from tests.conftest import Clock, MakeCase


def walk(officer: User, organisation: Organisation, filters: QueueFilters) -> list[Case]:
    seen: list[Case] = []
    cursor = None
    while True:
        page = selectors.queue_page(
            actor=officer, organisation_id=organisation.pk, filters=filters, cursor=cursor, size=4
        )
        seen += page.cases
        if page.next_cursor is None:
            return seen
        cursor = page.next_cursor


@pytest.fixture
def queue_cases(make_case: MakeCase, clock: Clock, traffic_officer: User) -> list[Case]:
    cases = []
    for number in range(15):
        # Three cases a minute: ties in received_at, and priorities repeat.
        if number % 3 == 0:
            clock.advance(minutes=1)
        cases.append(make_case(subject=f"Gatlampa {number}", priority=Priority.values[number % 4]))
    services.case_change_status(actor=traffic_officer, case=cases[4], status=CaseStatus.WAITING)
    return cases


@pytest.mark.parametrize("sort", list(QueueSort))
def test_every_sort_order_walks_every_open_case_once_in_order(
    queue_cases: list[Case], traffic_officer: User, traffic_office: Organisation, sort: QueueSort
) -> None:
    walked = walk(traffic_officer, traffic_office, QueueFilters(sort=sort))

    assert sorted(case.pk for case in walked) == sorted(case.pk for case in queue_cases)
    keys = {
        QueueSort.RECEIVED: lambda case: (case.received_at, case.pk),
        QueueSort.PRIORITY: lambda case: (case.priority, case.received_at, case.pk),
        # A paused deadline (waiting for the resident) comes last.
        QueueSort.DEADLINE: lambda case: (
            case.deadline_at is None,
            case.deadline_at or case.received_at,
            case.pk,
        ),
    }[sort]
    assert walked == sorted(walked, key=keys)


def test_my_cases_and_unassigned_split_the_queue(
    queue_cases: list[Case], traffic_officer: User, traffic_office: Organisation
) -> None:
    for case in queue_cases[:5]:
        services.case_assign(actor=traffic_officer, case=case, assignee=traffic_officer)

    mine = walk(traffic_officer, traffic_office, QueueFilters(view=QueueView.MINE))
    unassigned = walk(traffic_officer, traffic_office, QueueFilters(view=QueueView.UNASSIGNED))

    assert {case.pk for case in mine} == {case.pk for case in queue_cases[:5]}
    assert len(unassigned) == 10


def test_a_cursor_edited_by_hand_starts_at_the_first_page(
    queue_cases: list[Case], traffic_officer: User, traffic_office: Organisation
) -> None:
    page = selectors.queue_page(
        actor=traffic_officer,
        organisation_id=traffic_office.pk,
        filters=QueueFilters(),
        cursor="not-a-cursor",
        size=4,
    )
    assert page.cases[0] == queue_cases[0]


def test_the_queue_page_costs_four_queries_however_many_cases(
    queue_cases: list[Case],
    traffic_officer: User,
    traffic_office: Organisation,
    django_assert_num_queries,
) -> None:
    with django_assert_num_queries(4):
        selectors.queue_page(
            actor=traffic_officer,
            organisation_id=traffic_office.pk,
            filters=QueueFilters(sort=QueueSort.DEADLINE),
        )
