"""Which status a case may move to, by which kind of change and by which role: plain tables
(no database)."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.roles import Role
from kontaktcenter.cases.choices import CaseStatus
from kontaktcenter.cases.rules import (
    Transition,
    is_allowed,
    may_assign_others,
    pauses_deadline,
    role_may,
    role_may_reopen,
    targets,
    transition,
)

NEW, ASSIGNED, IN_PROGRESS, WAITING, RESOLVED, CLOSED = (
    CaseStatus.NEW,
    CaseStatus.ASSIGNED,
    CaseStatus.IN_PROGRESS,
    CaseStatus.WAITING,
    CaseStatus.RESOLVED,
    CaseStatus.CLOSED,
)


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [
        (NEW, ASSIGNED, Transition.ASSIGN),
        (NEW, IN_PROGRESS, Transition.CHANGE),
        (ASSIGNED, IN_PROGRESS, Transition.CHANGE),
        (IN_PROGRESS, WAITING, Transition.CHANGE),
        (WAITING, IN_PROGRESS, Transition.CHANGE),
        (IN_PROGRESS, RESOLVED, Transition.RESOLVE),
        (WAITING, RESOLVED, Transition.RESOLVE),
        (RESOLVED, CLOSED, Transition.CLOSE),
        (NEW, CLOSED, Transition.CLOSE),
        (RESOLVED, IN_PROGRESS, Transition.REOPEN),
        (CLOSED, IN_PROGRESS, Transition.REOPEN),
        (NEW, NEW, Transition.FORWARD),
        (IN_PROGRESS, NEW, Transition.FORWARD),
        (RESOLVED, NEW, Transition.FORWARD),
    ],
)
def test_each_allowed_move_is_made_by_its_own_kind_of_change(before, after, kind):
    assert transition(before, after) == kind
    assert is_allowed(before, after, kind)


@pytest.mark.parametrize("before", [ASSIGNED, IN_PROGRESS, WAITING])
def test_recategorising_into_another_organisation_puts_an_open_case_back_to_new(before):
    assert is_allowed(before, NEW, Transition.REROUTE)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (IN_PROGRESS, IN_PROGRESS),
        (CLOSED, CLOSED),
        (CLOSED, NEW),
        (CLOSED, WAITING),
        (CLOSED, RESOLVED),
        (NEW, "archived"),
        ("archived", NEW),
    ],
)
def test_moves_outside_the_table_are_refused_whatever_the_kind(before, after):
    assert transition(before, after) is None
    assert not any(is_allowed(before, after, kind) for kind in Transition)


@pytest.mark.parametrize(
    ("before", "after", "wrong_kind"),
    [
        (NEW, CLOSED, Transition.CHANGE),
        (CLOSED, IN_PROGRESS, Transition.CHANGE),
        (IN_PROGRESS, NEW, Transition.CHANGE),
        (IN_PROGRESS, RESOLVED, Transition.CHANGE),
        (WAITING, IN_PROGRESS, Transition.REOPEN),
        (CLOSED, NEW, Transition.FORWARD),
    ],
)
def test_resolving_closing_reopening_and_forwarding_are_not_plain_status_changes(
    before, after, wrong_kind
):
    assert not is_allowed(before, after, wrong_kind)


def test_a_plain_change_offers_the_other_open_statuses_but_never_new_resolved_or_closed():
    assert targets(NEW, Transition.CHANGE) == [IN_PROGRESS, WAITING]
    assert targets(ASSIGNED, Transition.CHANGE) == [IN_PROGRESS, WAITING]
    assert targets(IN_PROGRESS, Transition.CHANGE) == [WAITING]
    assert targets(WAITING, Transition.CHANGE) == [IN_PROGRESS]
    assert targets(CLOSED, Transition.CHANGE) == []


def test_a_closed_case_can_only_be_reopened_into_progress():
    assert {kind: targets(CLOSED, kind) for kind in Transition} == {
        Transition.ASSIGN: [],
        Transition.CHANGE: [],
        Transition.RESOLVE: [],
        Transition.CLOSE: [],
        Transition.REOPEN: [IN_PROGRESS],
        Transition.REROUTE: [],
        Transition.FORWARD: [],
    }


def test_tier1_agents_analysts_and_operators_make_no_change_to_cases():
    for role in (Role.TIER1_AGENT, Role.ANALYST, Role.SWITCHBOARD_OPERATOR):
        assert not any(role_may(role, kind) for kind in Transition)


def test_a_tier2_agent_reopens_a_resolved_case_but_not_a_closed_one():
    assert role_may_reopen(Role.TIER2_AGENT, RESOLVED)
    assert not role_may_reopen(Role.TIER2_AGENT, CLOSED)
    assert role_may_reopen(Role.SUPERVISOR, CLOSED)
    assert role_may_reopen(Role.CASE_OFFICER, CLOSED)


def test_only_administrators_and_supervisors_dispatch_work_in_bulk():
    assert may_assign_others(Role.ORGANISATION_ADMIN)
    assert may_assign_others(Role.SUPERVISOR)
    assert not may_assign_others(Role.CASE_OFFICER)
    assert not may_assign_others(Role.TIER2_AGENT)


def test_the_deadline_clock_stops_while_waiting_and_after_resolution():
    assert [status for status in CaseStatus.values if pauses_deadline(status)] == [
        WAITING,
        RESOLVED,
        CLOSED,
    ]
