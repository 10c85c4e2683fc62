"""A case's deadline: set at intake from its category and priority in the organisation's
working time, paused while waiting for the resident (issue 7, item 3)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from kontaktcenter.cases import services
from kontaktcenter.cases.models import CaseStatus, DeadlineRule, Priority
from kontaktcenter.directory.models import OpeningHours
from tests.conftest import STOCKHOLM


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=STOCKHOLM)


def test_a_new_case_gets_the_default_deadline_of_its_priority(make_case, clock):
    # Tuesday 10 March 09:00 + 45 working hours of 08–17: five working days → Tue 17 March 09:00.
    case = make_case()

    assert case.deadline_at == at(3, 17, 9)


def test_the_category_rule_for_the_priority_decides_the_deadline(make_case, street_lighting, clock):
    DeadlineRule.objects.create(category=street_lighting, priority=Priority.URGENT, working_hours=2)

    case = make_case(priority=Priority.URGENT)

    assert case.deadline_at == at(3, 10, 11)


def test_the_organisation_opening_hours_count(make_case, traffic_office, clock):
    for weekday in range(5):
        OpeningHours.objects.create(
            organisation=traffic_office, weekday=weekday, opens=time(7), closes=time(16)
        )

    case = make_case(priority=Priority.URGENT)

    assert case.deadline_at == at(3, 10, 13)


def test_waiting_for_the_resident_pauses_the_deadline(street_light_case, traffic_officer, clock):
    deadline = street_light_case.deadline_at
    services.case_assign(actor=traffic_officer, case=street_light_case, assignee=traffic_officer)

    case = services.case_change_status(
        actor=traffic_officer, case=street_light_case, status=CaseStatus.WAITING
    )
    assert case.deadline_at is None
    assert case.deadline_remaining == timedelta(hours=45)

    # The resident answers a week later: the full time that was left counts from then.
    clock.set(at(3, 17, 9))
    case = services.case_change_status(
        actor=traffic_officer, case=case, status=CaseStatus.IN_PROGRESS
    )
    assert case.deadline_at == at(3, 24, 9)
    assert case.deadline_at - deadline == timedelta(days=7)
