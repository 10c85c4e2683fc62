"""Case deadlines counted in working time: pure functions, no ORM (S8).

Working time is an organisation's weekly opening hours, less the Swedish public holidays and
the de facto holidays (midsummer eve, Christmas eve, New Year's eve) that the `holidays`
package lists for Sweden. Sundays are not holidays here: an organisation open on Sundays says
so in its opening hours. Time is counted in the municipality's time zone, so a day that
changes to or from summer time still has its opening hours on the clock.

A deadline is paused while the case waits for the resident: `remaining_working_time` is kept
when the pause starts and `add_working_time` gives the new deadline when the work resumes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

# weekday (Monday 0) → (opens, closes); a weekday missing is a closed day.
WeeklyHours = Mapping[int, tuple[time, time]]

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# Office hours of a Swedish administration that has said nothing else.
DEFAULT_OPENING_HOURS: WeeklyHours = {day: (time(8, 0), time(17, 0)) for day in range(5)}

# The working hours a case may take by priority (1 most urgent), unless its category says
# otherwise. A working day of the default hours is 9 hours.
DEFAULT_WORKING_HOURS_BY_PRIORITY: Mapping[int, int] = {1: 4, 2: 18, 3: 45, 4: 90}

# A deadline this close, in working time, is flagged in the queue and on the supervisor's list.
NEAR_DEADLINE = timedelta(hours=4)

# No search for an open minute goes further than this (an organisation without opening hours).
_MAX_DAYS = 3 * 366


class DeadlineState(StrEnum):
    ON_TIME = "on_time"
    NEAR = "near"
    OVERDUE = "overdue"
    PAUSED = "paused"


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[date]:
    calendar = holidays.country_holidays(
        "SE", years=year, include_sundays=False, categories=("public", "de_facto")
    )
    return frozenset(calendar.keys())


def is_holiday(day: date) -> bool:
    return day in _holidays_of(day.year)


def _open_intervals(
    start: datetime, hours: WeeklyHours, tz: ZoneInfo
) -> Iterator[tuple[datetime, datetime]]:
    """The open periods from `start` on, in order, the first one cut at `start`."""
    local = start.astimezone(tz)
    day = local.date()
    for _offset in range(_MAX_DAYS):
        opening = hours.get(day.weekday())
        if opening is not None and not is_holiday(day):
            opens = datetime.combine(day, opening[0], tzinfo=tz)
            closes = datetime.combine(day, opening[1], tzinfo=tz)
            if closes > local:
                yield max(opens, local), closes
        day += timedelta(days=1)


def add_working_time(
    start: datetime,
    duration: timedelta,
    *,
    hours: WeeklyHours = DEFAULT_OPENING_HOURS,
    tz: ZoneInfo = STOCKHOLM,
) -> datetime:
    """The moment `duration` of working time after `start`.

    A deadline that is used up exactly at closing time falls at closing time, not at the next
    opening: the case is due by the end of that day.
    """
    if start.tzinfo is None:
        raise ValueError("start needs a time zone")
    left = duration
    result = start.astimezone(tz)
    for opens, closes in _open_intervals(start, hours, tz):
        if left <= timedelta(0):
            return result if result >= opens else opens
        available = closes - opens
        if left <= available:
            return opens + left
        left -= available
        result = closes
    raise ValueError("no working time in the opening hours")


def working_time_between(
    start: datetime,
    end: datetime,
    *,
    hours: WeeklyHours = DEFAULT_OPENING_HOURS,
    tz: ZoneInfo = STOCKHOLM,
) -> timedelta:
    """The working time from `start` to `end`; negative if `end` is earlier."""
    if end < start:
        return -working_time_between(end, start, hours=hours, tz=tz)
    total = timedelta(0)
    for opens, closes in _open_intervals(start, hours, tz):
        if opens >= end:
            break
        total += min(closes, end) - opens
    return total


def deadline_for(
    start: datetime,
    working_hours: int,
    *,
    hours: WeeklyHours = DEFAULT_OPENING_HOURS,
    tz: ZoneInfo = STOCKHOLM,
) -> datetime:
    return add_working_time(start, timedelta(hours=working_hours), hours=hours, tz=tz)


def deadline_state(
    deadline: datetime | None,
    at: datetime,
    *,
    hours: WeeklyHours = DEFAULT_OPENING_HOURS,
    tz: ZoneInfo = STOCKHOLM,
    near: timedelta = NEAR_DEADLINE,
) -> DeadlineState:
    """Whether a case is on time, near its deadline or past it; PAUSED without a deadline."""
    if deadline is None:
        return DeadlineState.PAUSED
    if deadline <= at:
        return DeadlineState.OVERDUE
    # Count only until the working time passes `near`: a deadline weeks away is on time
    # without walking every day up to it.
    left = timedelta(0)
    for opens, closes in _open_intervals(at, hours, tz):
        if opens >= deadline:
            break
        left += min(closes, deadline) - opens
        if left > near:
            return DeadlineState.ON_TIME
    return DeadlineState.NEAR
