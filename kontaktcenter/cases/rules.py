"""Which status a case may move to, by which kind of change, and which roles may make each kind
of change: pure tables, no ORM.

The life of a case: new → assigned → in progress ⇄ waiting for the resident → resolved →
closed, with reopening of a resolved or closed case, and forwarding to another organisation,
which puts the case back to NEW in that organisation's queue. Closing needs a resolution,
reopening and forwarding a reason, so each has a service of its own; a plain status change may
only make the moves marked CHANGE. Assignment (ASSIGN) is done by `case_assign`, which moves a
new case to ASSIGNED when it gets an officer.

Which cases an actor may touch at all is `policies.py`; this module adds which kinds of change
each role may make on the cases it handles.
"""

from __future__ import annotations

from enum import StrEnum

from kontaktcenter.accounts.roles import Role
from kontaktcenter.cases.choices import CaseStatus


class Transition(StrEnum):
    ASSIGN = "assign"
    CHANGE = "change"
    RESOLVE = "resolve"
    CLOSE = "close"
    REOPEN = "reopen"
    REROUTE = "reroute"
    FORWARD = "forward"


_NEW, _ASSIGNED, _WORKING, _WAITING, _RESOLVED, _CLOSED = (
    CaseStatus.NEW.value,
    CaseStatus.ASSIGNED.value,
    CaseStatus.IN_PROGRESS.value,
    CaseStatus.WAITING.value,
    CaseStatus.RESOLVED.value,
    CaseStatus.CLOSED.value,
)
_OPEN = (_NEW, _ASSIGNED, _WORKING, _WAITING)

STATUS_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (_NEW, _ASSIGNED): Transition.ASSIGN,
    (_NEW, _WORKING): Transition.CHANGE,
    (_ASSIGNED, _WORKING): Transition.CHANGE,
    (_NEW, _WAITING): Transition.CHANGE,
    (_ASSIGNED, _WAITING): Transition.CHANGE,
    (_WORKING, _WAITING): Transition.CHANGE,
    (_WAITING, _WORKING): Transition.CHANGE,
    **{(status, _RESOLVED): Transition.RESOLVE for status in _OPEN},
    **{(status, _CLOSED): Transition.CLOSE for status in (*_OPEN, _RESOLVED)},
    (_RESOLVED, _WORKING): Transition.REOPEN,
    (_CLOSED, _WORKING): Transition.REOPEN,
    # Forwarding by hand: the case is not ours, it goes to the organisation that owns it.
    **{(status, _NEW): Transition.FORWARD for status in (*_OPEN, _RESOLVED)},
}

_HANDLERS = frozenset(
    {Role.CASE_OFFICER, Role.ORGANISATION_ADMIN, Role.TIER2_AGENT, Role.SUPERVISOR}
)
# Who dispatches work to other people: the organisation's administrator and the contact
# center's supervisor. Everyone who handles cases may take one themselves or put it in a queue.
DISPATCHERS = frozenset({Role.ORGANISATION_ADMIN, Role.SUPERVISOR})

ROLE_TRANSITIONS: dict[Transition, frozenset[Role]] = {
    Transition.ASSIGN: _HANDLERS,
    Transition.CHANGE: _HANDLERS,
    Transition.RESOLVE: _HANDLERS,
    Transition.CLOSE: _HANDLERS,
    # A closed case is reopened by those who answer for the organisation's work; a tier-2
    # agent or officer asks them (the reason is recorded, the resident may have complained).
    Transition.REOPEN: frozenset({Role.CASE_OFFICER, Role.ORGANISATION_ADMIN, Role.SUPERVISOR}),
    Transition.REROUTE: _HANDLERS,
    Transition.FORWARD: _HANDLERS,
}


def transition(before: str, after: str) -> Transition | None:
    """The kind of change that moves a case from `before` to `after`; None if none may.

    A move back to NEW is a FORWARD in the table; recategorising into another organisation's
    category (REROUTE) makes the same move and is answered by `is_allowed`.
    """
    return STATUS_TRANSITIONS.get((before, after))


def is_allowed(before: str, after: str, kind: Transition) -> bool:
    if kind == Transition.REROUTE:
        return after == _NEW and before in (_ASSIGNED, _WORKING, _WAITING)
    return transition(before, after) == kind


def targets(before: str, kind: Transition) -> list[str]:
    """The statuses a case in `before` may move to by `kind`, in the table's order."""
    return [
        to for (origin, to), how in STATUS_TRANSITIONS.items() if origin == before and how == kind
    ]


def role_may(role: str, kind: Transition) -> bool:
    """Whether staff of `role` may make this kind of change (on cases their policy lets them
    handle). Reopening a closed case is narrower than reopening a resolved one."""
    return role in ROLE_TRANSITIONS[kind]


def role_may_reopen(role: str, before: str) -> bool:
    if before == _RESOLVED:
        return role in _HANDLERS
    return role_may(role, Transition.REOPEN)


def may_assign_others(role: str) -> bool:
    return role in DISPATCHERS


def pauses_deadline(status: str) -> bool:
    """Waiting for the resident stops the clock; resolved and closed cases have no deadline."""
    return status in (_WAITING, _RESOLVED, _CLOSED)
