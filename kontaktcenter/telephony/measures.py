"""The call measures as pure functions; formulas and reasons in docs/measures.md.

"Within" a limit includes the limit: a call answered after exactly 60 s is answered within a
60-second target, a caller hanging up after exactly 5 s is a short abandon.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from kontaktcenter.telephony.choices import CallOutcome

DEFAULT_TARGET_SECONDS = 60
DEFAULT_SHORT_ABANDON_SECONDS = 5


class MeasuredCall(Protocol):
    @property
    def outcome(self) -> str: ...
    @property
    def wait_seconds(self) -> int | None: ...
    @property
    def transfer_kind(self) -> str: ...
    @property
    def transfer_answered(self) -> bool | None: ...


@dataclass(frozen=True)
class CallFigures:
    offered: int
    answered: int
    abandoned: int
    short_abandoned: int
    answered_within_target: int
    reached_right_place: int
    wait_of_answered_seconds: int

    @property
    def counted(self) -> int:
        """Offered calls less short abandons: the base of every rate."""
        return self.offered - self.short_abandoned

    @property
    def service_level(self) -> float | None:
        return _ratio(self.answered_within_target, self.counted)

    @property
    def abandon_rate(self) -> float | None:
        return _ratio(self.abandoned - self.short_abandoned, self.counted)

    @property
    def average_speed_of_answer_seconds(self) -> float | None:
        if not self.answered:
            return None
        return round(self.wait_of_answered_seconds / self.answered, 1)

    @property
    def accessibility(self) -> float | None:
        return _ratio(self.reached_right_place, self.counted)

    def __add__(self, other: CallFigures) -> CallFigures:
        """The figures of two sets of calls together (a site's queues)."""
        return CallFigures(
            offered=self.offered + other.offered,
            answered=self.answered + other.answered,
            abandoned=self.abandoned + other.abandoned,
            short_abandoned=self.short_abandoned + other.short_abandoned,
            answered_within_target=self.answered_within_target + other.answered_within_target,
            reached_right_place=self.reached_right_place + other.reached_right_place,
            wait_of_answered_seconds=self.wait_of_answered_seconds + other.wait_of_answered_seconds,
        )

    def as_json(self) -> dict[str, int | float | None]:
        """Exactly the keys `kontaktcenter stats calls --json` promises (issue 12)."""
        return {
            "offered": self.offered,
            "answered": self.answered,
            "abandoned": self.abandoned,
            "short_abandoned": self.short_abandoned,
            "answered_within_target": self.answered_within_target,
            "service_level": self.service_level,
            "average_speed_of_answer_seconds": self.average_speed_of_answer_seconds,
            "abandon_rate": self.abandon_rate,
        }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole > 0 else None


def reached_right_place(call: MeasuredCall) -> bool:
    """Answered, and if passed on, the person it was passed to answered (S15)."""
    if call.outcome != CallOutcome.ANSWERED:
        return False
    return not call.transfer_kind or call.transfer_answered is True


def call_figures(
    calls: Iterable[MeasuredCall],
    *,
    target_seconds: int = DEFAULT_TARGET_SECONDS,
    short_abandon_seconds: int = DEFAULT_SHORT_ABANDON_SECONDS,
) -> CallFigures:
    offered = answered = abandoned = short = within = reached = answered_wait = 0
    for call in calls:
        # Every call that entered the queue is offered, one still waiting included.
        offered += 1
        wait = call.wait_seconds or 0
        if call.outcome == CallOutcome.ANSWERED:
            answered += 1
            answered_wait += wait
            within += wait <= target_seconds
            reached += reached_right_place(call)
        elif call.outcome == CallOutcome.ABANDONED:
            abandoned += 1
            short += wait <= short_abandon_seconds
    return CallFigures(
        offered=offered,
        answered=answered,
        abandoned=abandoned,
        short_abandoned=short,
        answered_within_target=within,
        reached_right_place=reached,
        wait_of_answered_seconds=answered_wait,
    )
