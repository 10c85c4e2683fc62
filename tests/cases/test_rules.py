"""Which status a case may move to and by which kind of change: a plain table (no database)."""

from __future__ import annotations

import pytest

from kontaktcenter.cases.choices import CaseStatus
from kontaktcenter.cases.rules import Transition, is_allowed, targets, transition

NEW, IN_PROGRESS, WAITING, CLOSED = (
    CaseStatus.NEW,
    CaseStatus.IN_PROGRESS,
    CaseStatus.WAITING,
    CaseStatus.CLOSED,
)


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [
        (NEW, IN_PROGRESS, Transition.CHANGE),
        (NEW, WAITING, Transition.CHANGE),
        (IN_PROGRESS, WAITING, Transition.CHANGE),
        (WAITING, IN_PROGRESS, Transition.CHANGE),
        (NEW, CLOSED, Transition.CLOSE),
        (IN_PROGRESS, CLOSED, Transition.CLOSE),
        (WAITING, CLOSED, Transition.CLOSE),
        (CLOSED, IN_PROGRESS, Transition.REOPEN),
        (IN_PROGRESS, NEW, Transition.REROUTE),
        (WAITING, NEW, Transition.REROUTE),
    ],
)
def test_each_allowed_move_is_made_by_its_own_kind_of_change(before, after, kind):
    assert transition(before, after) == kind
    assert is_allowed(before, after, kind)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (NEW, NEW),
        (IN_PROGRESS, IN_PROGRESS),
        (CLOSED, CLOSED),
        (CLOSED, NEW),
        (CLOSED, WAITING),
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
        (WAITING, IN_PROGRESS, Transition.REOPEN),
    ],
)
def test_closing_reopening_and_rerouting_are_not_plain_status_changes(before, after, wrong_kind):
    """Closing needs a resolution and reopening a reason, so a plain change may not do them."""
    assert not is_allowed(before, after, wrong_kind)


def test_a_plain_change_offers_the_other_open_statuses_but_never_new_or_closed():
    assert targets(NEW, Transition.CHANGE) == [IN_PROGRESS, WAITING]
    assert targets(IN_PROGRESS, Transition.CHANGE) == [WAITING]
    assert targets(WAITING, Transition.CHANGE) == [IN_PROGRESS]
    assert targets(CLOSED, Transition.CHANGE) == []


def test_a_closed_case_can_only_be_reopened_into_progress():
    assert {kind: targets(CLOSED, kind) for kind in Transition} == {
        Transition.CHANGE: [],
        Transition.CLOSE: [],
        Transition.REOPEN: [IN_PROGRESS],
        Transition.REROUTE: [],
    }
