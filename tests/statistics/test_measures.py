"""Each follow-up measure against figures worked out by hand (docs/measures.md).

March and April 2026: Good Friday is 3 April and Easter Monday 6 April; Christmas Eve 2026 is a
Thursday. Opening hours are the default 08–17 on weekdays.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from kontaktcenter.cases.choices import Channel, ContactOutcome
from kontaktcenter.cases.deadlines import STOCKHOLM
from kontaktcenter.statistics import measures


def at(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def test_percentile_interpolates_between_the_nearest_ranks() -> None:
    assert measures.percentile([4, 1, 3, 2], 0.5) == 2.5
    assert measures.percentile([4, 1, 3, 2], 0.9) == pytest.approx(3.7)
    assert measures.percentile([7], 0.9) == 7
    assert measures.percentile([], 0.5) is None


def test_lead_times_count_working_time_only_and_skip_easter() -> None:
    figures = measures.lead_times(
        [
            # Thursday before Easter 16:00 → Tuesday after 10:00: 1 h + 2 h.
            (at(4, 2, 16), at(4, 7, 10)),
            # Monday 08:00 → Tuesday 08:00: one 9-hour working day.
            (at(3, 2, 8), at(3, 3, 8)),
            # Saturday → Monday 09:30: the weekend is not counted.
            (at(3, 7, 10), at(3, 9, 9, 30)),
            # Still open: no lead time yet.
            (at(3, 9, 9), None),
        ]
    )
    # Sorted 1.5 h, 3 h, 9 h: the median is 3 h; the 90th percentile 3 h + 0.8 × 6 h = 7.8 h.
    assert figures.count == 3
    assert figures.median == timedelta(hours=3)
    assert figures.p90 == timedelta(hours=7.8)


def test_deadline_compliance_counts_closed_cases_with_a_deadline() -> None:
    deadline = at(3, 10, 17)
    share = measures.deadline_compliance(
        [
            (deadline, deadline),  # closed at the deadline: kept
            (deadline, deadline + timedelta(minutes=1)),  # one minute late
            (deadline, deadline - timedelta(hours=1)),  # early
            (None, deadline),  # no deadline: not counted
            (deadline, None),  # still open: not counted
        ]
    )
    assert share == 0.6667
    assert measures.deadline_compliance([]) is None


def test_backlog_is_the_cases_open_at_each_midnight() -> None:
    backlog = measures.backlog_by_day(
        [
            (at(3, 2, 10), at(3, 3, 12)),
            (at(3, 2, 23, 30), None),
            (at(3, 3, 9), at(3, 3, 16)),
            (at(3, 4, 0), None),  # received at midnight: part of the 4th, not the 3rd
        ],
        date(2026, 3, 2),
        date(2026, 3, 4),
    )
    assert backlog == [(date(2026, 3, 2), 2), (date(2026, 3, 3), 1), (date(2026, 3, 4), 2)]


def test_outcome_shares_leave_contacts_in_progress_out() -> None:
    shares = measures.outcome_shares(
        [ContactOutcome.ANSWERED_DIRECTLY] * 3
        + [ContactOutcome.TRANSFERRED, ContactOutcome.REFERRED, ContactOutcome.CASE_CREATED]
        + [ContactOutcome.OPEN] * 2
    )
    assert shares.finished == 6
    assert shares.answered_directly == 0.5
    assert shares.transferred == 0.1667
    assert shares.referred == 0.1667
    assert shares.case_created == 0.1667
    assert measures.outcome_shares([ContactOutcome.OPEN]).answered_directly is None


def test_phone_direct_answer_share_looks_at_finished_phone_calls_only() -> None:
    share = measures.phone_direct_answer_share(
        [
            (Channel.PHONE, ContactOutcome.ANSWERED_DIRECTLY),
            (Channel.PHONE, ContactOutcome.CASE_CREATED),
            (Channel.PHONE, ContactOutcome.OPEN),
            (Channel.EMAIL, ContactOutcome.ANSWERED_DIRECTLY),
        ]
    )
    assert share == 0.5


def test_written_handling_time_is_measured_on_written_channels() -> None:
    figures = measures.written_handling_time(
        [
            (Channel.EMAIL, at(3, 2, 9), at(3, 2, 9, 10)),
            (Channel.WEB, at(3, 2, 9), at(3, 2, 9, 20)),
            (Channel.LETTER, at(3, 2, 9), at(3, 2, 9, 30)),
            (Channel.PHONE, at(3, 2, 9), at(3, 2, 9, 5)),
            (Channel.EMAIL, at(3, 2, 9), None),
        ]
    )
    assert figures.contacts == 3
    assert figures.mean_seconds == 1200.0
    assert figures.median_seconds == 1200.0
    assert figures.p90_seconds == pytest.approx(1680.0)


def test_one_working_day_skips_weekends_and_holidays() -> None:
    assert measures.one_working_day_after(at(3, 3, 14)) == at(3, 4, 14)
    assert measures.one_working_day_after(at(3, 6, 15)) == at(3, 9, 15)
    # Good Friday and Easter Monday are not working days.
    assert measures.one_working_day_after(at(4, 2, 10)) == at(4, 7, 10)
    # Christmas Eve is a de facto holiday in Sweden; 28 December is the next working day.
    assert measures.one_working_day_after(at(12, 23, 12)) == at(12, 28, 12)
    # Saturday counts from Monday morning: due when Tuesday begins.
    assert measures.one_working_day_after(at(3, 7, 11)) == at(3, 10, 0)


def test_share_of_emails_answered_within_one_working_day() -> None:
    share = measures.emails_answered_within_one_working_day(
        [
            (at(3, 3, 14), at(3, 4, 14)),  # exactly one working day: in time
            (at(4, 2, 10), at(4, 7, 9, 59)),  # over Easter: in time
            (at(3, 6, 15), at(3, 9, 15, 1)),  # Friday → Monday, a minute late
            (at(3, 7, 11), at(3, 9, 16)),  # Saturday → Monday: in time
            (at(3, 9, 8), None),  # never answered
        ]
    )
    assert share == 0.6


def test_volumes_count_each_group() -> None:
    assert measures.volumes(["phone", "email", "phone"]) == {"phone": 2, "email": 1}
