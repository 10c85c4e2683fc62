"""The statistics page's contact figures from the hourly aggregates next to the same figures by a
direct GROUP BY over the raw contacts, side by side in one run; and the forecast's error next to
the seasonal-naive forecast. See benchmarks/README.md ("Statistics").

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_statistics \\
        .venv/bin/python -m benchmarks.statistics --contacts 1000000

The contacts are generated over one year into the database DATABASE_URL names (its contacts
and aggregates are emptied first).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import secrets
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
YEAR_START = date(2025, 1, 1)
YEAR_END = date(2025, 12, 31)


def _timed(work: Callable[[], object], repeat: int) -> float:
    """The median of `repeat` runs, in milliseconds."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return sorted(samples)[len(samples) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--contacts", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kontaktcenter.settings")
    os.environ.setdefault("KONTAKTCENTER_SECRET_KEY", secrets.token_urlsafe(50))
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.db.models import Count  # noqa: PLC0415
    from django.db.models.functions import (  # noqa: PLC0415
        ExtractHour,
        ExtractIsoWeekDay,
        TruncDate,
    )

    from kontaktcenter.accounts.actors import SystemActor  # noqa: PLC0415
    from kontaktcenter.cases.choices import Channel, ContactOutcome  # noqa: PLC0415
    from kontaktcenter.cases.models import Contact  # noqa: PLC0415
    from kontaktcenter.statistics import aggregates, forecast, selectors  # noqa: PLC0415
    from kontaktcenter.statistics.models import ContactHour  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    # In SQL: through the ORM each deleted contact would be fetched to send its signal.
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {Contact._meta.db_table} WHERE case_id IS NULL AND party_id IS NULL"  # noqa: S608
        )
        cursor.execute(f"DELETE FROM {ContactHour._meta.db_table}")  # noqa: S608

    rng = random.Random(13)
    seconds_in_year = int(
        (
            datetime.combine(YEAR_END, clock_time.max)
            - datetime.combine(YEAR_START, clock_time.min)
        ).total_seconds()
    )
    start = datetime.combine(YEAR_START, clock_time.min, tzinfo=STOCKHOLM)
    channels, outcomes = Channel.values, ContactOutcome.values
    generated = time.perf_counter()
    batch = 20_000
    for first in range(0, options.contacts, batch):
        rows = []
        for _ in range(min(batch, options.contacts - first)):
            moment = start + timedelta(seconds=rng.randrange(seconds_in_year))
            rows.append(
                Contact(
                    channel=rng.choice(channels),
                    outcome=rng.choice(outcomes),
                    received_at=moment,
                    started_at=moment,
                )
            )
        Contact.objects.bulk_create(rows, batch_size=batch)
    generated = time.perf_counter() - generated
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")

    rebuild_started = time.perf_counter()
    aggregates.rebuild()
    rebuild_ms = (time.perf_counter() - rebuild_started) * 1000
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {ContactHour._meta.db_table}")

    system = SystemActor("benchmark")

    def dashboard() -> None:
        # The generated contacts have no cases, so the page's case scans cost next to nothing.
        selectors.filtered_period_statistics(
            actor=system, first_day=YEAR_START, last_day=YEAR_END, channel=""
        )
        selectors.contact_patterns(actor=system, first_day=YEAR_START, last_day=YEAR_END)

    def direct() -> None:
        begin, end = selectors.period_bounds(YEAR_START, YEAR_END)
        raw = Contact.objects.filter(received_at__gte=begin, received_at__lt=end).order_by()
        list(raw.values("channel", "outcome").annotate(n=Count("id")))
        list(
            raw.annotate(day=TruncDate("received_at", tzinfo=STOCKHOLM))
            .values("day")
            .annotate(n=Count("id"))
        )
        list(
            raw.annotate(
                weekday=ExtractIsoWeekDay("received_at", tzinfo=STOCKHOLM),
                hour=ExtractHour("received_at", tzinfo=STOCKHOLM),
            )
            .values("weekday", "hour")
            .annotate(n=Count("id"))
        )

    dashboard_ms = _timed(dashboard, options.repeat)
    direct_ms = _timed(direct, options.repeat)

    history = {
        datetime.combine(day, clock_time(hour)): _city_hour(day, hour)
        for day in (date(2024, 3, 4) + timedelta(days=n) for n in range(770))
        for hour in range(24)
    }
    check = forecast.backtest(history, held_back_weeks=2)

    print(f"database            {connection.vendor}")
    print(
        f"contacts            {options.contacts:,} over {YEAR_START.year}"
        f" (generated in {generated:.0f} s)"
    )
    print(f"aggregate rows      {ContactHour.objects.count():,} (rebuild {rebuild_ms:,.0f} ms)")
    print(
        f"year's contact figures from aggregates  {dashboard_ms:8.1f} ms"
        f" (median of {options.repeat})"
    )
    print(f"same figures by direct GROUP BY         {direct_ms:8.1f} ms")
    print(f"ratio direct / aggregates               {direct_ms / dashboard_ms:8.1f}")
    print(
        f"forecast WAPE {check.forecast_error} vs seasonal-naive {check.seasonal_naive_error} "
        f"(held back from {check.held_back_from})"
    )


def _city_hour(day: date, hour: int) -> int:
    """The made-up city of tests/statistics/test_forecast.py."""
    from kontaktcenter.statistics.forecast import DayKind, day_kind  # noqa: PLC0415

    yearly = 1 + 0.35 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 20) / 365)
    kind = day_kind(day)
    if kind is DayKind.HOLIDAY or day.weekday() >= 5:
        base = 2 if 9 <= hour < 15 else 0
    else:
        base = 40 if 8 <= hour < 17 else 3
        if kind is DayKind.NEXT_TO_HOLIDAY:
            base = round(base * 1.4)
    return round(base * yearly)


if __name__ == "__main__":
    main()
