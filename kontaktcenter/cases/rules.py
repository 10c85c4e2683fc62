"""Which status a case may move to, and by which kind of change: a pure table, no ORM.

Closing needs a resolution and reopening a reason, so each has a service of its own; a plain
status change may only make the moves marked CHANGE. Re-routing to another organisation puts
the case back to NEW for its new queue.
"""

from __future__ import annotations

from enum import StrEnum

from kontaktcenter.cases.choices import CaseStatus


class Transition(StrEnum):
    CHANGE = "change"
    CLOSE = "close"
    REOPEN = "reopen"
    REROUTE = "reroute"


_NEW, _WORKING, _WAITING, _CLOSED = (
    CaseStatus.NEW.value,
    CaseStatus.IN_PROGRESS.value,
    CaseStatus.WAITING.value,
    CaseStatus.CLOSED.value,
)

STATUS_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (_NEW, _WORKING): Transition.CHANGE,
    (_NEW, _WAITING): Transition.CHANGE,
    (_WORKING, _WAITING): Transition.CHANGE,
    (_WAITING, _WORKING): Transition.CHANGE,
    (_NEW, _CLOSED): Transition.CLOSE,
    (_WORKING, _CLOSED): Transition.CLOSE,
    (_WAITING, _CLOSED): Transition.CLOSE,
    (_CLOSED, _WORKING): Transition.REOPEN,
    (_WORKING, _NEW): Transition.REROUTE,
    (_WAITING, _NEW): Transition.REROUTE,
}


def transition(before: str, after: str) -> Transition | None:
    """The kind of change that moves a case from `before` to `after`; None if none may."""
    return STATUS_TRANSITIONS.get((before, after))


def is_allowed(before: str, after: str, kind: Transition) -> bool:
    return transition(before, after) == kind


def targets(before: str, kind: Transition) -> list[str]:
    """The statuses a case in `before` may move to by `kind`, in the table's order."""
    return [
        to for (origin, to), how in STATUS_TRANSITIONS.items() if origin == before and how == kind
    ]
