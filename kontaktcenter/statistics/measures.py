"""The follow-up measures of contacts and cases as pure functions (S8, S15).

One definition per measure; the formulas and the reasons behind them are in docs/measures.md.
The call measures (service level, speed of answer, abandonment, accessibility) live beside the
call events in kontaktcenter/telephony/measures.py and are not repeated here. Working time is
counted with kontaktcenter/cases/deadlines.py (opening hours, Swedish holidays).

Rates are fractions rounded to four decimals and `None` where the denominator is zero; lead
times are `timedelta`s of working time.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from kontaktcenter.cases.choices import Channel, ContactOutcome
from kontaktcenter.cases.deadlines import (
    DEFAULT_OPENING_HOURS,
    STOCKHOLM,
    WeeklyHours,
    is_holiday,
    working_time_between,
)

Key = TypeVar("Key", bound=Hashable)

WRITTEN_CHANNELS = frozenset({Channel.EMAIL, Channel.WEB, Channel.LETTER})


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole > 0 else None


def volumes(keys: Iterable[Key]) -> dict[Key, int]:
    """How many items fall in each group (channel, category, organisation, site, district)."""
    return dict(Counter(keys))


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The continuous percentile: linear between the two nearest ranks.

    The same definition as PostgreSQL's `percentile_cont`, so figures read from the database
    equal these; the median is `percentile(values, 0.5)`.
    """
    if not 0 <= fraction <= 1:
        raise ValueError("fraction must be between 0 and 1")
    if not values:
        return None
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


# --- contacts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeShares:
    finished: int
    answered_directly: float | None
    transferred: float | None
    referred: float | None
    case_created: float | None


def outcome_shares(outcomes: Iterable[str]) -> OutcomeShares:
    """First-contact resolution and transfer and referral rates of finished contacts.

    A contact still in progress has no outcome yet and is left out of the denominator.
    """
    counts = Counter(outcomes)
    finished = sum(counts.values()) - counts[ContactOutcome.OPEN]
    return OutcomeShares(
        finished=finished,
        answered_directly=ratio(counts[ContactOutcome.ANSWERED_DIRECTLY], finished),
        transferred=ratio(counts[ContactOutcome.TRANSFERRED], finished),
        referred=ratio(counts[ContactOutcome.REFERRED], finished),
        case_created=ratio(counts[ContactOutcome.CASE_CREATED], finished),
    )


def phone_direct_answer_share(contacts: Iterable[tuple[str, str]]) -> float | None:
    """KKiK: the share of phone calls where the caller got a direct answer to the question.

    `contacts` are (channel, outcome) pairs; finished phone contacts are the denominator.
    """
    return outcome_shares(
        outcome for channel, outcome in contacts if channel == Channel.PHONE
    ).answered_directly


@dataclass(frozen=True)
class HandlingTime:
    contacts: int
    mean_seconds: float | None
    median_seconds: float | None
    p90_seconds: float | None


def written_handling_time(
    contacts: Iterable[tuple[str, datetime, datetime | None]],
) -> HandlingTime:
    """Handling time of written contacts (e-mail, e-service, letter): started to ended.

    `contacts` are (channel, started_at, ended_at); a contact not yet ended is left out. This is
    the work time per item that staffing for written channels needs, so it is clock time, not
    working time.
    """
    seconds = [
        (ended - started).total_seconds()
        for channel, started, ended in contacts
        if channel in WRITTEN_CHANNELS and ended is not None and ended >= started
    ]
    if not seconds:
        return HandlingTime(0, None, None, None)
    return HandlingTime(
        contacts=len(seconds),
        mean_seconds=round(sum(seconds) / len(seconds), 1),
        median_seconds=percentile(seconds, 0.5),
        p90_seconds=percentile(seconds, 0.9),
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def one_working_day_after(received_at: datetime, *, tz: ZoneInfo = STOCKHOLM) -> datetime:
    """The moment an e-mail must be answered by to count as answered within one working day.

    The same clock time on the next working day. A message that arrives on a weekend or a
    holiday counts as arriving when the next working day starts, so its answer is due when the
    working day after that starts (KKiK's rule: one whole working day to answer).
    """
    local = received_at.astimezone(tz)
    if is_working_day(local.date()):
        return datetime.combine(next_working_day(local.date()), local.timetz())
    first = next_working_day(local.date())
    return datetime.combine(next_working_day(first), time.min, tzinfo=tz)


def emails_answered_within_one_working_day(
    emails: Iterable[tuple[datetime, datetime | None]], *, tz: ZoneInfo = STOCKHOLM
) -> float | None:
    """KKiK: the share of e-mails answered within one working day.

    `emails` are (received_at, first_answered_at); one not answered counts as not in time.
    """
    total = in_time = 0
    for received, answered in emails:
        total += 1
        in_time += answered is not None and answered <= one_working_day_after(received, tz=tz)
    return ratio(in_time, total)


# --- cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeadTimes:
    count: int
    median: timedelta | None
    p90: timedelta | None


def lead_times(
    periods: Iterable[tuple[datetime, datetime | None]],
    *,
    hours: WeeklyHours = DEFAULT_OPENING_HOURS,
    tz: ZoneInfo = STOCKHOLM,
) -> LeadTimes:
    """Median and 90th percentile of working time from start to end (first answer, closing).

    `periods` are (received_at, answered_or_closed_at); those not ended yet are left out.
    """
    seconds = [
        working_time_between(start, end, hours=hours, tz=tz).total_seconds()
        for start, end in periods
        if end is not None
    ]
    median = percentile(seconds, 0.5)
    p90 = percentile(seconds, 0.9)
    return LeadTimes(
        count=len(seconds),
        median=None if median is None else timedelta(seconds=median),
        p90=None if p90 is None else timedelta(seconds=p90),
    )


def deadline_compliance(cases: Iterable[tuple[datetime | None, datetime | None]]) -> float | None:
    """The share of closed cases with a deadline that were closed by it.

    `cases` are (deadline_at, closed_at); open cases and cases without a deadline are left out.
    """
    total = kept = 0
    for deadline, closed in cases:
        if deadline is None or closed is None:
            continue
        total += 1
        kept += closed <= deadline
    return ratio(kept, total)


def backlog_by_day(
    cases: Iterable[tuple[datetime, datetime | None]],
    first_day: date,
    last_day: date,
    *,
    tz: ZoneInfo = STOCKHOLM,
) -> list[tuple[date, int]]:
    """How many cases were open at the end of each day (received, and not closed by midnight)."""
    days = (last_day - first_day).days + 1
    if days <= 0:
        return []
    ends = [
        datetime.combine(first_day + timedelta(days=offset + 1), time.min, tzinfo=tz)
        for offset in range(days)
    ]
    # Open at the end of a day = received before midnight less closed before midnight.
    received_sorted: list[datetime] = []
    closed_sorted: list[datetime] = []
    for received, closed in cases:
        received_sorted.append(received)
        if closed is not None:
            closed_sorted.append(max(closed, received))
    received_sorted.sort()
    closed_sorted.sort()
    return [
        (
            first_day + timedelta(days=offset),
            bisect_left(received_sorted, end) - bisect_left(closed_sorted, end),
        )
        for offset, end in enumerate(ends)
    ]
