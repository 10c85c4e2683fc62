"""The one place that asks for the current time, so tests and replays can control it.

`now()` is what every service stamps. Two things may stand in for the real time:
- a test replaces `_source` (tests/conftest.py's `clock` fixture) to freeze and move time;
- `simulated(at)` makes `now()` answer `at` for the code inside it, in this thread or task only,
  so a replay (the demo's history, an import) runs the real services at the moment being
  replayed instead of rewriting rows afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from django.utils import timezone

_source: Callable[[], datetime] = timezone.now
_simulated: ContextVar[datetime | None] = ContextVar("simulated_now", default=None)


def now() -> datetime:
    simulated = _simulated.get()
    return simulated if simulated is not None else _source()


def today() -> date:
    """Today's date where the city is (Europe/Stockholm), not in UTC: just after midnight the
    two differ, and a default period or a deadline must follow the local calendar."""
    return timezone.localdate(now())


def local_date(moment: datetime) -> date:
    return timezone.localdate(moment)


@contextmanager
def simulated(at: datetime) -> Iterator[None]:
    if timezone.is_naive(at):
        raise ValueError("simulated() needs an aware datetime")
    token = _simulated.set(at)
    try:
        yield
    finally:
        _simulated.reset(token)
