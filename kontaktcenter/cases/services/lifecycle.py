"""Moving a case through its life: assignment, status, closing and reopening (S7, S8)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import errors, events, policies, rules
from kontaktcenter.cases.models import Case, CaseStatus
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.cases.rules import Transition
from kontaktcenter.cases.services._common import clean_text, lock_case, touch
from kontaktcenter.cases.services.relations import refuse_close_with_open_children
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import ValidationError


def _status_label(status: str) -> str:
    return str(CaseStatus(status).label) if status in CaseStatus.values else status


@transaction.atomic
def case_assign(*, actor: Actor, case: Case, assignee: User | None) -> Case:
    case = lock_case(case, actor, CaseAction.HANDLE, errors.HANDLE_NOT_ALLOWED)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(errors.ASSIGN_CLOSED)
    if assignee is not None and not policies.may(assignee, CaseAction.HANDLE, case):
        raise ValidationError(errors.ASSIGNEE_OUTSIDE, field="assignee", name=str(assignee))
    if case.assignee_id == (assignee.pk if assignee else None):
        return case
    before = case.assignee
    at = now()
    case.assignee = assignee
    fields = ["assignee"]
    if assignee is not None and case.status == CaseStatus.NEW:
        events.status_changed(
            case, actor=actor, at=at, before=case.status, after=CaseStatus.IN_PROGRESS
        )
        case.status = CaseStatus.IN_PROGRESS
        fields.append("status")
    touch(case, at, *fields)
    events.assigned(case, actor=actor, at=at, before=before, after=assignee)
    return case


@transaction.atomic
def case_change_status(*, actor: Actor, case: Case, status: str) -> Case:
    case = lock_case(case, actor, CaseAction.HANDLE, errors.HANDLE_NOT_ALLOWED)
    if not rules.is_allowed(case.status, status, Transition.CHANGE):
        raise ValidationError(
            errors.STATUS_CHANGE_REFUSED,
            field="status",
            before=_status_label(case.status),
            after=_status_label(status),
        )
    at = now()
    events.status_changed(case, actor=actor, at=at, before=case.status, after=status)
    case.status = status
    touch(case, at, "status")
    return case


@transaction.atomic
def case_close(*, actor: Actor, case: Case, resolution: str) -> Case:
    case = lock_case(case, actor, CaseAction.HANDLE, errors.HANDLE_NOT_ALLOWED)
    if not rules.is_allowed(case.status, CaseStatus.CLOSED, Transition.CLOSE):
        raise ValidationError(errors.ALREADY_CLOSED)
    # Parent and child (issue 7): a parent waits until every child is closed.
    refuse_close_with_open_children(case)
    cleaned = clean_text(
        resolution, field="resolution", label=_("Resolution"), required=True, max_length=2_000
    )
    at = now()
    before = case.status
    case.status = CaseStatus.CLOSED
    case.closed_at = at
    touch(case, at, "status", "closed_at")
    events.closed(case, actor=actor, at=at, before=before, resolution=cleaned)
    return case


@transaction.atomic
def case_reopen(*, actor: Actor, case: Case, reason: str) -> Case:
    case = lock_case(case, actor, CaseAction.HANDLE, errors.HANDLE_NOT_ALLOWED)
    if not rules.is_allowed(case.status, CaseStatus.IN_PROGRESS, Transition.REOPEN):
        raise ValidationError(errors.NOT_CLOSED)
    cleaned = clean_text(reason, field="reason", label=_("Reason"), required=True, max_length=2_000)
    at = now()
    before = case.status
    case.status = CaseStatus.IN_PROGRESS
    case.closed_at = None
    touch(case, at, "status", "closed_at")
    events.reopened(case, actor=actor, at=at, before=before, reason=cleaned)
    return case
