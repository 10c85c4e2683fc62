"""One small constructor per kind of case event, so every entry has the same shape.

`data` always says what changed: before/after for changes, the text for notes and replies.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kontaktcenter.accounts.models import User
from kontaktcenter.cases.models import Case, CaseEvent, CaseEventKind


def _event(
    case: Case, kind: CaseEventKind, actor: User | None, at: datetime, **data: Any
) -> CaseEvent:
    return CaseEvent.objects.create(case=case, kind=kind, actor=actor, occurred_at=at, data=data)


def created(case: Case, *, actor: User | None, at: datetime) -> CaseEvent:
    return _event(
        case,
        CaseEventKind.CREATED,
        actor,
        at,
        channel=case.channel,
        category={"id": case.category_id, "name": case.category.name},
        subject=case.subject,
    )


def routed(
    case: Case, *, actor: User | None, at: datetime, before: dict[str, Any] | None, reason: str
) -> CaseEvent:
    """`reason` is a routing.rules.RouteReason value; the category is named as it was then."""
    after = {"id": case.responsible_organisation_id, "name": case.responsible_organisation.name}
    return _event(
        case,
        CaseEventKind.ROUTED,
        actor,
        at,
        before=before,
        after=after,
        reason=reason,
        category={"id": case.category_id, "name": case.category.name},
    )


def assigned(
    case: Case, *, actor: User, at: datetime, before: User | None, after: User | None
) -> CaseEvent:
    def describe(user: User | None) -> dict[str, Any] | None:
        return None if user is None else {"id": user.pk, "name": str(user)}

    return _event(
        case, CaseEventKind.ASSIGNED, actor, at, before=describe(before), after=describe(after)
    )


def status_changed(case: Case, *, actor: User, at: datetime, before: str, after: str) -> CaseEvent:
    return _event(case, CaseEventKind.STATUS_CHANGED, actor, at, before=before, after=after)


def category_changed(
    case: Case, *, actor: User, at: datetime, before: dict[str, Any], after: dict[str, Any]
) -> CaseEvent:
    return _event(case, CaseEventKind.CATEGORY_CHANGED, actor, at, before=before, after=after)


def note_added(case: Case, *, actor: User, at: datetime, text: str) -> CaseEvent:
    return _event(case, CaseEventKind.NOTE_ADDED, actor, at, text=text)


def reply_sent(case: Case, *, actor: User, at: datetime, text: str, to: str) -> CaseEvent:
    return _event(case, CaseEventKind.REPLY_SENT, actor, at, text=text, to=to)


def closed(case: Case, *, actor: User, at: datetime, before: str, resolution: str) -> CaseEvent:
    return _event(
        case,
        CaseEventKind.CLOSED,
        actor,
        at,
        before=before,
        after=case.status,
        resolution=resolution,
    )


def reopened(case: Case, *, actor: User, at: datetime, before: str, reason: str) -> CaseEvent:
    return _event(
        case, CaseEventKind.REOPENED, actor, at, before=before, after=case.status, reason=reason
    )


def viewed(case: Case, *, actor: User, at: datetime) -> CaseEvent:
    return _event(case, CaseEventKind.VIEWED, actor, at)
