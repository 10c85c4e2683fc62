"""The case's deadline clock: started at intake, paused while waiting for the resident,
resumed, restarted on forwarding and reopening, stopped when resolved. The arithmetic is
`cases.deadlines`; this module only finds the rule and the opening hours and sets the fields.
The callers save the fields with the rest of their change.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from kontaktcenter.cases import deadlines, rules
from kontaktcenter.cases.models import Case, CaseStatus, DeadlineRule
from kontaktcenter.directory.selectors import opening_hours_of
from kontaktcenter.routing.models import Category

DEADLINE_FIELDS = ("deadline_at", "deadline_remaining")


def working_hours_for(category: Category, priority: int) -> int:
    """The category's rule for the priority, else its nearest ancestor's, else the default."""
    rules_by_category = dict(
        DeadlineRule.objects.filter(priority=priority).values_list("category_id", "working_hours")
    )
    seen: set[int] = set()
    current: Category | None = category
    while current is not None and current.pk not in seen:
        if current.pk in rules_by_category:
            return rules_by_category[current.pk]
        seen.add(current.pk)
        current = current.parent
    return deadlines.DEFAULT_WORKING_HOURS_BY_PRIORITY[priority]


def hours_of(organisation_id: int) -> deadlines.WeeklyHours:
    return opening_hours_of([organisation_id]).get(organisation_id, deadlines.DEFAULT_OPENING_HOURS)


def start(case: Case, at: datetime) -> None:
    """A full deadline from `at` (intake, forwarding, reopening) in the responsible
    organisation's working time."""
    hours = working_hours_for(case.category, case.priority)
    case.deadline_remaining = None
    case.deadline_at = deadlines.deadline_for(
        at, hours, hours=hours_of(case.responsible_organisation_id)
    )


def pause(case: Case, at: datetime) -> None:
    if case.deadline_at is None:
        return
    left = deadlines.working_time_between(
        at, case.deadline_at, hours=hours_of(case.responsible_organisation_id)
    )
    # An overdue case stays overdue when the work resumes.
    case.deadline_remaining = max(left, timedelta(0))
    case.deadline_at = None


def resume(case: Case, at: datetime) -> None:
    if case.deadline_remaining is None:
        if case.deadline_at is None:
            start(case, at)
        return
    case.deadline_at = deadlines.add_working_time(
        at, case.deadline_remaining, hours=hours_of(case.responsible_organisation_id)
    )
    case.deadline_remaining = None


def stop(case: Case) -> None:
    case.deadline_at = None
    case.deadline_remaining = None


def follow_status(case: Case, before: str, at: datetime) -> None:
    """Set the clock for the status the case has just been given."""
    paused_before, paused_now = rules.pauses_deadline(before), rules.pauses_deadline(case.status)
    if case.status in {CaseStatus.RESOLVED, CaseStatus.CLOSED}:
        stop(case)
    elif paused_now and not paused_before:
        pause(case, at)
    elif paused_before and not paused_now:
        resume(case, at)


def change_priority(case: Case, before: int, at: datetime) -> None:
    """Shift the deadline by the difference between the two priorities' working hours, so the
    time already spent (and any pause) still counts."""
    difference = timedelta(
        hours=working_hours_for(case.category, case.priority)
        - working_hours_for(case.category, before)
    )
    hours = hours_of(case.responsible_organisation_id)
    if case.deadline_remaining is not None:
        case.deadline_remaining = max(case.deadline_remaining + difference, timedelta(0))
        return
    if case.deadline_at is None:
        return
    left = deadlines.working_time_between(at, case.deadline_at, hours=hours) + difference
    if left > timedelta(0):
        case.deadline_at = deadlines.add_working_time(at, left, hours=hours)
    else:
        # Already past the shorter deadline: it was due no later than now.
        case.deadline_at = min(case.deadline_at, at)
