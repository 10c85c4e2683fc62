"""The forecast of contacts per hour, and its error next to the seasonal-naive baseline."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

from kontaktcenter.cases.deadlines import is_holiday
from kontaktcenter.statistics import forecast


def local(year: int, month: int, day: int, hour: int) -> datetime:
    """An hour on Stockholm's clock, naive as the forecast's history keys are."""
    return datetime.combine(date(year, month, day), time(hour))


def hours_between(first: date, last: date) -> list[datetime]:
    start = datetime.combine(first, datetime.min.time())
    return [start + timedelta(hours=n) for n in range(((last - first).days + 1) * 24)]


def test_the_profile_is_the_mean_of_the_same_weekday_and_hour() -> None:
    # Eight ordinary weeks (10 Aug – 4 Oct 2026): 4 contacts at 09 on weekdays, in week 8 six.
    history = {
        hour: (6 if hour.date() >= date(2026, 9, 28) else 4)
        if hour.hour == 9 and hour.weekday() < 5
        else 0
        for hour in hours_between(date(2026, 8, 10), date(2026, 10, 4))
    }
    monday_9 = local(2026, 10, 5, 9)

    predicted = forecast.forecast(history, [monday_9, local(2026, 10, 5, 10)])

    # (7 × 4 + 6) / 8 = 4.25
    assert predicted[monday_9] == 4.25
    assert predicted[local(2026, 10, 5, 10)] == 0


def test_day_kinds_follow_the_swedish_calendar() -> None:
    assert forecast.day_kind(date(2026, 4, 3)) is forecast.DayKind.HOLIDAY  # Good Friday
    assert forecast.day_kind(date(2026, 4, 2)) is forecast.DayKind.NEXT_TO_HOLIDAY
    assert forecast.day_kind(date(2026, 4, 7)) is forecast.DayKind.NEXT_TO_HOLIDAY
    assert forecast.day_kind(date(2026, 4, 8)) is forecast.DayKind.ORDINARY


def test_seasonal_naive_repeats_the_last_week_seen() -> None:
    history = {local(2026, 3, 2, 9): 7}
    predicted = forecast.seasonal_naive(history, [local(2026, 3, 9, 9), local(2026, 3, 16, 9)])
    assert predicted == {local(2026, 3, 9, 9): 7.0, local(2026, 3, 16, 9): 7.0}


def test_weighted_error() -> None:
    actual = {local(2026, 3, 2, 9): 10, local(2026, 3, 2, 10): 30}
    predicted = {local(2026, 3, 2, 9): 12.0, local(2026, 3, 2, 10): 24.0}
    assert forecast.weighted_absolute_percentage_error(actual, predicted) == 0.2  # 8 / 40


def city_year(hour: datetime) -> int:
    """Two years of a made-up city: office hours, a summer dip, quiet holidays, busy eves."""
    day = hour.date()
    yearly = 1 + 0.35 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 20) / 365)
    if is_holiday(day) or day.weekday() >= 5:
        base = 2 if 9 <= hour.hour < 15 else 0
    else:
        base = 40 if 8 <= hour.hour < 17 else 3
        if forecast.day_kind(day) is forecast.DayKind.NEXT_TO_HOLIDAY:
            base = round(base * 1.4)
    return round(base * yearly)


def test_over_easter_the_forecast_beats_the_seasonal_naive_baseline() -> None:
    # Held back: 30 March – 12 April 2026, with Good Friday, Easter Monday and the days around.
    history = {hour: city_year(hour) for hour in hours_between(date(2024, 3, 4), date(2026, 4, 12))}

    result = forecast.backtest(history, held_back_weeks=2)

    assert result.held_back_from == date(2026, 3, 30)
    assert result.held_back_hours == 14 * 24
    assert result.forecast_error is not None
    assert result.seasonal_naive_error is not None
    assert result.forecast_error < 0.1
    assert result.forecast_error < result.seasonal_naive_error / 2
