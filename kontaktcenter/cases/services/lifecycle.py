"""Moving a case through its life (S7, S8): assignment to an officer or a queue, status,
resolving, closing, reopening, forwarding to another organisation, and priority.

Every change takes the version of the case the actor saw (`expected_version`; None from code
that holds no page) and is refused if the case changed since (`_common.CaseChanged`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import errors, events, policies, rules
from kontaktcenter.cases.models import Case, CaseQueue, CaseStatus, Priority
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.cases.rules import Transition
from kontaktcenter.cases.services import _deadlines
from kontaktcenter.cases.services._common import clean_text, lock_case, require, touch
from kontaktcenter.cases.services.relations import refuse_close_with_open_children
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.directory.models import Organisation, OrganisationKind


def _status_label(status: str) -> str:
    return str(CaseStatus(status).label) if status in CaseStatus.values else status


def _require_role(actor: Actor, kind: Transition) -> None:
    """Staff make only the kinds of change their role may (rules.ROLE_TRANSITIONS); the
    system and integrations are limited by the case policy alone."""
    if isinstance(actor, User):
        require(rules.role_may(actor.role, kind), errors.TRANSITION_NOT_ALLOWED)


def _lock(actor: Actor, case: Case, expected_version: int | None) -> Case:
    return lock_case(
        case, actor, CaseAction.HANDLE, errors.HANDLE_NOT_ALLOWED, expected_version=expected_version
    )


def _set_status(case: Case, actor: Actor, status: str, at: datetime) -> None:
    before = case.status
    events.status_changed(case, actor=actor, at=at, before=before, after=status)
    case.status = status
    _deadlines.follow_status(case, before, at)


@transaction.atomic
def case_assign(
    *,
    actor: Actor,
    case: Case,
    assignee: User | None,
    reason: str = "",
    expected_version: int | None = None,
) -> Case:
    """Give the case to a named officer (None: back to the queue). Taking it from someone
    else needs a reason, which goes into the history."""
    case = _lock(actor, case, expected_version)
    _require_role(actor, Transition.ASSIGN)
    if case.status in {CaseStatus.CLOSED, CaseStatus.RESOLVED}:
        raise ValidationError(errors.ASSIGN_CLOSED)
    if assignee is not None and not policies.may(assignee, CaseAction.HANDLE, case):
        raise ValidationError(errors.ASSIGNEE_OUTSIDE, field="assignee", name=str(assignee))
    if case.assignee_id == (assignee.pk if assignee else None):
        case.version -= 1
        return case
    cleaned_reason = clean_text(
        reason, field="reason", label=_("Reason"), required=False, max_length=500
    )
    before = case.assignee
    taken_from_someone_else = before is not None and before != actor
    if taken_from_someone_else and not cleaned_reason:
        raise ValidationError(errors.REASON_REQUIRED, field="reason", name=str(before))
    at = now()
    case.assignee = assignee
    fields = ["assignee", "status", *_deadlines.DEADLINE_FIELDS]
    if assignee is not None and case.status == CaseStatus.NEW:
        _set_status(case, actor, CaseStatus.ASSIGNED, at)
    elif assignee is None and case.status == CaseStatus.ASSIGNED:
        _set_status(case, actor, CaseStatus.NEW, at)
    touch(case, at, *fields)
    events.assigned(case, actor=actor, at=at, before=before, after=assignee, reason=cleaned_reason)
    return case


@transaction.atomic
def case_move_to_queue(
    *,
    actor: Actor,
    case: Case,
    queue: CaseQueue | None,
    reason: str = "",
    expected_version: int | None = None,
) -> Case:
    """Put the case in one of its organisation's queues (None: the organisation's general
    queue). The assignee stays; moving between queues may carry a reason."""
    case = _lock(actor, case, expected_version)
    _require_role(actor, Transition.ASSIGN)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(errors.ASSIGN_CLOSED)
    if queue is not None and queue.organisation_id != case.responsible_organisation_id:
        raise ValidationError(errors.QUEUE_OUTSIDE, field="queue", queue=queue.name)
    if case.queue_id == (queue.pk if queue else None):
        case.version -= 1
        return case
    cleaned_reason = clean_text(
        reason, field="reason", label=_("Reason"), required=False, max_length=500
    )
    at = now()
    before = case.queue
    case.queue = queue
    touch(case, at, "queue")
    events.queue_changed(
        case, actor=actor, at=at, before=before, after=queue, reason=cleaned_reason
    )
    return case


@transaction.atomic
def case_bulk_assign(
    *,
    actor: Actor,
    cases: Sequence[Case],
    assignee: User | None = None,
    queue: CaseQueue | None = None,
    reason: str = "",
) -> int:
    """Assign many cases from the queue page at once, to an officer and/or a queue: all or
    nothing, so a refused case leaves the others as they were. Returns how many changed."""
    if isinstance(actor, User):
        require(rules.may_assign_others(actor.role), errors.BULK_NOT_ALLOWED)
    if not cases:
        raise ValidationError(errors.BULK_EMPTY, field="cases")
    changed = 0
    for case in cases:
        try:
            before = (case.assignee_id, case.queue_id)
            updated = case
            if assignee is not None:
                updated = case_assign(actor=actor, case=updated, assignee=assignee, reason=reason)
            if queue is not None:
                updated = case_move_to_queue(actor=actor, case=updated, queue=queue, reason=reason)
        except (ValidationError, PermissionDenied) as error:
            raise ValidationError(
                errors.BULK_CASE_REFUSED,
                field="cases",
                reference=case.reference,
                problem=error.message,
            ) from error
        changed += (updated.assignee_id, updated.queue_id) != before
    return changed


@transaction.atomic
def case_change_status(
    *, actor: Actor, case: Case, status: str, expected_version: int | None = None
) -> Case:
    case = _lock(actor, case, expected_version)
    _require_role(actor, Transition.CHANGE)
    if not rules.is_allowed(case.status, status, Transition.CHANGE):
        raise ValidationError(
            errors.STATUS_CHANGE_REFUSED,
            field="status",
            before=_status_label(case.status),
            after=_status_label(status),
        )
    at = now()
    _set_status(case, actor, status, at)
    touch(case, at, "status", *_deadlines.DEADLINE_FIELDS)
    return case


@transaction.atomic
def case_resolve(
    *, actor: Actor, case: Case, resolution: str, expected_version: int | None = None
) -> Case:
    """The matter is settled (the lamp is repaired, the resident has the answer); the case
    leaves the work list and its deadline stops. Closing follows, or a reopening."""
    case = _lock(actor, case, expected_version)
    _require_role(actor, Transition.RESOLVE)
    if not rules.is_allowed(case.status, CaseStatus.RESOLVED, Transition.RESOLVE):
        raise ValidationError(errors.RESOLVE_REFUSED)
    cleaned = clean_text(
        resolution, field="resolution", label=_("Resolution"), required=True, max_length=2_000
    )
    at = now()
    before = case.status
    case.status = CaseStatus.RESOLVED
    _deadlines.stop(case)
    touch(case, at, "status", *_deadlines.DEADLINE_FIELDS)
    events.resolved(case, actor=actor, at=at, before=before, resolution=cleaned)
    return case


@transaction.atomic
def case_close(
    *, actor: Actor, case: Case, resolution: str, expected_version: int | None = None
) -> Case:
    case = _lock(actor, case, expected_version)
    _require_role(actor, Transition.CLOSE)
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
    _deadlines.stop(case)
    touch(case, at, "status", "closed_at", *_deadlines.DEADLINE_FIELDS)
    events.closed(case, actor=actor, at=at, before=before, resolution=cleaned)
    return case


@transaction.atomic
def case_reopen(
    *, actor: Actor, case: Case, reason: str, expected_version: int | None = None
) -> Case:
    """A resolved or closed case back to work, with a reason and a new deadline."""
    case = _lock(actor, case, expected_version)
    if not rules.is_allowed(case.status, CaseStatus.IN_PROGRESS, Transition.REOPEN):
        raise ValidationError(errors.NOT_CLOSED)
    if isinstance(actor, User):
        require(rules.role_may_reopen(actor.role, case.status), errors.TRANSITION_NOT_ALLOWED)
    cleaned = clean_text(reason, field="reason", label=_("Reason"), required=True, max_length=2_000)
    at = now()
    before = case.status
    case.status = CaseStatus.IN_PROGRESS
    case.closed_at = None
    _deadlines.start(case, at)
    touch(case, at, "status", "closed_at", *_deadlines.DEADLINE_FIELDS)
    events.reopened(case, actor=actor, at=at, before=before, reason=cleaned)
    return case


@transaction.atomic
def case_forward(
    *,
    actor: Actor,
    case: Case,
    organisation: Organisation,
    reason: str,
    expected_version: int | None = None,
) -> Case:
    """Send the case by hand to the organisation that owns the matter, with a reason. It
    arrives there as NEW, unassigned and outside any queue, with a deadline of its own."""
    case = _lock(actor, case, expected_version)
    _require_role(actor, Transition.FORWARD)
    if not rules.is_allowed(case.status, CaseStatus.NEW, Transition.FORWARD):
        raise ValidationError(errors.FORWARD_REFUSED)
    if organisation.pk == case.responsible_organisation_id:
        raise ValidationError(
            errors.FORWARD_SAME, field="organisation", organisation=organisation.name
        )
    if not organisation.is_active or organisation.kind == OrganisationKind.COMMITTEE:
        raise ValidationError(
            errors.FORWARD_TARGET, field="organisation", organisation=organisation.name
        )
    cleaned = clean_text(reason, field="reason", label=_("Reason"), required=True, max_length=2_000)
    at = now()
    before = {
        "id": case.responsible_organisation_id,
        "name": case.responsible_organisation.name,
    }
    if case.status != CaseStatus.NEW:
        events.status_changed(case, actor=actor, at=at, before=case.status, after=CaseStatus.NEW)
    previous_assignee = case.assignee
    case.status = CaseStatus.NEW
    case.responsible_organisation = organisation
    case.assignee = None
    case.queue = None
    _deadlines.start(case, at)
    touch(
        case,
        at,
        "status",
        "responsible_organisation",
        "assignee",
        "queue",
        *_deadlines.DEADLINE_FIELDS,
    )
    if previous_assignee is not None:
        events.assigned(case, actor=actor, at=at, before=previous_assignee, after=None)
    events.forwarded(case, actor=actor, at=at, before=before, reason=cleaned)
    return case


@transaction.atomic
def case_set_priority(
    *, actor: Actor, case: Case, priority: int, expected_version: int | None = None
) -> Case:
    """A new priority moves the deadline by the difference of the two priorities' times."""
    if priority not in Priority.values:
        raise ValidationError(errors.UNKNOWN_PRIORITY, field="priority")
    case = _lock(actor, case, expected_version)
    _require_role(actor, Transition.CHANGE)
    if case.priority == priority:
        case.version -= 1
        return case
    at = now()
    before, deadline_before = case.priority, case.deadline_at
    case.priority = priority
    _deadlines.change_priority(case, before, at)
    touch(case, at, "priority", *_deadlines.DEADLINE_FIELDS)
    events.priority_changed(
        case,
        actor=actor,
        at=at,
        before=before,
        after=priority,
        deadline_before=deadline_before,
        deadline_after=case.deadline_at,
    )
    return case
