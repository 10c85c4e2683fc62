"""What the case page shows of case work (issue 7): the case type's form and checklist, the
answer templates, the deadline, and the forms to assign, queue, resolve, forward and
prioritise. Each form carries the case's version (desk.forms.VersionedForm)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kontaktcenter.cases import rules, selectors
from kontaktcenter.cases.choices import CaseStatus
from kontaktcenter.cases.rules import Transition
from kontaktcenter.core.clock import now
from kontaktcenter.desk.casework_forms import (
    AssignForm,
    CaseValuesForm,
    ForwardForm,
    PriorityForm,
    QueueForm,
    ResolveForm,
)

if TYPE_CHECKING:
    from kontaktcenter.accounts.models import User
    from kontaktcenter.cases.models import Case


def casework_context(user: User, case: Case) -> dict[str, Any]:
    version = {"version": case.version}
    organisation_id = case.responsible_organisation_id
    work = selectors.case_work(case)
    same_version = (
        work.case_type is not None
        and case.case_type_version_id is not None
        and case.case_type_version_id == work.case_type.current_version_id
    )
    values_initial = (
        {f"value_{key}": value for key, value in case.form_values.items()} if same_version else {}
    )
    is_open = case.status not in {CaseStatus.RESOLVED, CaseStatus.CLOSED}
    return {
        "work": work,
        "deadline_state": selectors.deadline_states([case], at=now())[case.pk],
        "is_open": is_open,
        "can_resolve": is_open and rules.role_may(user.role, Transition.RESOLVE),
        "can_forward": case.status != CaseStatus.CLOSED
        and rules.role_may(user.role, Transition.FORWARD),
        "can_reopen": case.status in {CaseStatus.RESOLVED, CaseStatus.CLOSED}
        and rules.role_may_reopen(user.role, case.status),
        "assign_form": AssignForm(
            organisation_id=organisation_id, initial={**version, "assignee": case.assignee_id}
        ),
        "queue_form": QueueForm(
            organisation_id=organisation_id, initial={**version, "queue": case.queue_id}
        ),
        "resolve_form": ResolveForm(initial=version),
        "forward_form": ForwardForm(initial=version),
        "priority_form": PriorityForm(initial={**version, "priority": case.priority}),
        "values_form": CaseValuesForm(
            fields=work.current_fields, initial={**version, **values_initial}
        ),
    }
