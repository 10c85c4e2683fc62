"""Deadlines in working time, computed by hand on the 2026–2027 calendar (no database).

Office hours are 08–17 Monday to Friday (9 hours a day) unless a test says otherwise.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from kontaktcenter.cases.deadlines import (
    STOCKHOLM,
    DeadlineState,
    add_working_time,
    deadline_for,
    deadline_state,
    is_holiday,
    working_time_between,
)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def test_a_deadline_inside_one_working_day_is_plain_addition():
    assert deadline_for(at(2026, 3, 10, 9), 4) == at(2026, 3, 10, 13)


def test_a_case_received_at_night_starts_counting_at_opening():
    assert deadline_for(at(2026, 3, 10, 22), 2) == at(2026, 3, 11, 10)


def test_a_weekend_is_skipped():
    # Friday 15:00 + 4 h: 2 h on Friday, 2 h on Monday.
    assert deadline_for(at(2026, 3, 13, 15), 4) == at(2026, 3, 16, 10)


def test_easter_skips_good_friday_and_easter_monday():
    # Maundy Thursday 2 April 2026 16:00 + 4 h: 1 h on Thursday; Good Friday, the weekend and
    # Easter Monday are closed; 3 h on Tuesday 7 April.
    assert deadline_for(at(2026, 4, 2, 16), 4) == at(2026, 4, 7, 11)


def test_midsummer_eve_is_not_a_working_day():
    # Thursday 18 June 2026 15:00 + 4 h: 2 h on Thursday; midsummer eve (Friday 19 June) and
    # the weekend are closed; 2 h on Monday 22 June.
    assert is_holiday(at(2026, 6, 19).date())
    assert deadline_for(at(2026, 6, 18, 15), 4) == at(2026, 6, 22, 10)


def test_a_deadline_crossing_new_year():
    # Wednesday 30 December 2026 10:00 + 18 h: 7 h on Wednesday; New Year's eve and New Year's
    # day are closed, then the weekend; 9 h on Monday 4 January 2027; 2 h on Tuesday 5 January.
    assert deadline_for(at(2026, 12, 30, 10), 18) == at(2027, 1, 5, 10)


def test_a_deadline_used_up_at_closing_time_is_due_that_evening():
    assert deadline_for(at(2026, 3, 10, 8), 9) == at(2026, 3, 10, 17)


def test_organisations_open_on_saturday_count_saturday():
    hours = {**{day: (time(8), time(17)) for day in range(5)}, 5: (time(10), time(14))}
    assert deadline_for(at(2026, 3, 13, 15), 4, hours=hours) == at(2026, 3, 14, 12)


def test_summer_time_does_not_move_opening_hours():
    # Summer time starts on Sunday 29 March 2026; Monday still opens at 08:00 local time.
    assert deadline_for(at(2026, 3, 27, 16), 2) == at(2026, 3, 30, 9)


def test_working_time_between_is_the_inverse_of_adding_it():
    start = at(2026, 12, 22, 14, 30)
    for hours in (1, 5, 9, 17, 40):
        end = deadline_for(start, hours)
        assert working_time_between(start, end) == timedelta(hours=hours)


def test_a_pause_keeps_the_working_time_that_was_left():
    # A 4 h deadline is paused on Thursday 2 April 2026 at 16:00 after 0 h of work, and the
    # resident answers on Wednesday 8 April at 09:00: the new deadline is 13:00 that day.
    deadline = deadline_for(at(2026, 4, 2, 16), 4)
    left = working_time_between(at(2026, 4, 2, 16), deadline)
    assert add_working_time(at(2026, 4, 8, 9), left) == at(2026, 4, 8, 13)


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (at(2026, 3, 10, 8), DeadlineState.ON_TIME),
        (at(2026, 3, 11, 9), DeadlineState.NEAR),
        (at(2026, 3, 11, 13), DeadlineState.OVERDUE),
    ],
)
def test_cases_near_or_past_their_deadline_are_flagged(now, state):
    assert deadline_state(at(2026, 3, 11, 13), now) == state


def test_a_case_without_a_deadline_is_paused():
    assert deadline_state(None, at(2026, 3, 11, 13)) == DeadlineState.PAUSED


def test_a_naive_start_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        add_working_time(datetime(2026, 3, 10, 9), timedelta(hours=1))  # noqa: DTZ001
