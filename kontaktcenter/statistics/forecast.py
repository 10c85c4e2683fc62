"""Contacts per hour for the coming weeks, from history (S13); pure functions.

The forecast of an hour is

    weekly profile(weekday, hour) × yearly factor × day factor

- **weekly profile**: the mean of the same weekday and hour over the last `weeks` ordinary
  weeks before the forecast starts (holidays and the days next to them left out);
- **yearly factor**: how much last year's volume in the same weeks differed from last year's
  volume in the weeks the profile was taken from (1 without a year of history), so the summer
  dip and the autumn peak come back;
- **day factor**: for a public holiday, and for a working day next to one (the eve, the
  bridge day), the ratio of what such days received in history to what their weekday profile
  expected (1 where the history holds no such day).

Its error on a held-back period is compared with the seasonal-naive forecast (the same hour one
week earlier); formulas and figures in docs/measures.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from kontaktcenter.cases.deadlines import is_holiday

DEFAULT_PROFILE_WEEKS = 8

History = Mapping[datetime, int]  # local hour start (naive, Stockholm's clock) → contacts


class DayKind(StrEnum):
    ORDINARY = "ordinary"
    HOLIDAY = "holiday"
    NEXT_TO_HOLIDAY = "next_to_holiday"


def day_kind(day: date) -> DayKind:
    if is_holiday(day):
        return DayKind.HOLIDAY
    if day.weekday() < 5 and (
        is_holiday(day - timedelta(days=1)) or is_holiday(day + timedelta(days=1))
    ):
        return DayKind.NEXT_TO_HOLIDAY
    return DayKind.ORDINARY


def _profile(history: History, before: date, weeks: int) -> dict[tuple[int, int], float]:
    sums: dict[tuple[int, int], float] = defaultdict(float)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    first = before - timedelta(weeks=weeks)
    for moment, value in history.items():
        day = moment.date()
        if first <= day < before and day_kind(day) is DayKind.ORDINARY:
            sums[day.weekday(), moment.hour] += value
            counts[day.weekday(), moment.hour] += 1
    return {key: sums[key] / counts[key] for key in sums}


def _volume(history: History, first: date, last: date) -> tuple[float, int]:
    days = {moment.date() for moment in history if first <= moment.date() < last}
    total = sum(value for moment, value in history.items() if first <= moment.date() < last)
    return total, len(days)


def _yearly_factor(history: History, start: date, target: date, weeks: int) -> float:
    """Last year's volume around `target` relative to last year's profile weeks."""
    a_year = timedelta(weeks=52)
    reference, reference_days = _volume(
        history, start - a_year - timedelta(weeks=weeks), start - a_year
    )
    around, around_days = _volume(
        history, target - a_year - timedelta(days=3), target - a_year + timedelta(days=4)
    )
    if not reference_days or not around_days or not reference:
        return 1.0
    return (around / around_days) / (reference / reference_days)


def _day_factors(history: History, before: date, weeks: int) -> dict[DayKind, float]:
    """What holidays and the days next to them received relative to their weekday profile."""
    actual: dict[DayKind, float] = defaultdict(float)
    expected: dict[DayKind, float] = defaultdict(float)
    profiles: dict[date, dict[tuple[int, int], float]] = {}
    for moment, value in history.items():
        day = moment.date()
        kind = day_kind(day)
        if kind is DayKind.ORDINARY or day >= before:
            continue
        monday = day - timedelta(days=day.weekday())
        if monday not in profiles:
            profiles[monday] = _profile(history, monday, weeks)
        actual[kind] += value
        expected[kind] += profiles[monday].get((day.weekday(), moment.hour), 0.0)
    factors = {DayKind.ORDINARY: 1.0}
    for kind in (DayKind.HOLIDAY, DayKind.NEXT_TO_HOLIDAY):
        factors[kind] = actual[kind] / expected[kind] if expected[kind] else 1.0
    return factors


def forecast(
    history: History, hours: Iterable[datetime], *, weeks: int = DEFAULT_PROFILE_WEEKS
) -> dict[datetime, float]:
    """The expected contacts of each hour in `hours`, from the history before the first."""
    wanted = sorted(hours)
    if not wanted:
        return {}
    start = wanted[0].date()
    profile = _profile(history, start, weeks)
    factors = _day_factors(history, start, weeks)
    yearly: dict[date, float] = {}
    result = {}
    for moment in wanted:
        day = moment.date()
        monday = day - timedelta(days=day.weekday())
        if monday not in yearly:
            yearly[monday] = _yearly_factor(history, start, monday + timedelta(days=3), weeks)
        base = profile.get((day.weekday(), moment.hour), 0.0)
        result[moment] = base * yearly[monday] * factors[day_kind(day)]
    return result


def seasonal_naive(history: History, hours: Iterable[datetime]) -> dict[datetime, float]:
    """The baseline: each hour as the same hour one week earlier (whole weeks back until the
    history has it, so a forecast weeks ahead repeats the last week seen)."""
    result = {}
    last = max(history) if history else None
    for moment in hours:
        earlier = moment - timedelta(weeks=1)
        while last is not None and earlier > last:
            earlier -= timedelta(weeks=1)
        result[moment] = float(history.get(earlier, 0))
    return result


def weighted_absolute_percentage_error(
    actual: Mapping[datetime, int], predicted: Mapping[datetime, float]
) -> float | None:
    """WAPE = Σ|actual − predicted| / Σ actual: one number for hours of very different size,
    without the division by zero a per-hour percentage gives in the night."""
    total = sum(actual.values())
    if not total:
        return None
    return round(
        sum(abs(value - predicted.get(hour, 0.0)) for hour, value in actual.items()) / total, 4
    )


@dataclass(frozen=True)
class Backtest:
    held_back_from: date
    held_back_hours: int
    forecast_error: float | None
    seasonal_naive_error: float | None


def backtest(history: History, *, held_back_weeks: int = 2) -> Backtest:
    """Forecast the last `held_back_weeks` of the history from what came before, and compare."""
    if not history:
        raise ValueError("no history to hold back")
    last_day = max(history).date()
    first_held = last_day - timedelta(weeks=held_back_weeks) + timedelta(days=1)
    known = {moment: value for moment, value in history.items() if moment.date() < first_held}
    actual = {moment: value for moment, value in history.items() if moment.date() >= first_held}
    return Backtest(
        held_back_from=first_held,
        held_back_hours=len(actual),
        forecast_error=weighted_absolute_percentage_error(actual, forecast(known, actual)),
        seasonal_naive_error=weighted_absolute_percentage_error(
            actual, seasonal_naive(known, actual)
        ),
    )
