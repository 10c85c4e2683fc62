"""The case page's case-work actions (issue 7): assign with a reason, queue, resolve, forward,
priority, fill in the case type's form and tick its checklist. Each is one form and one
service call through `cases._case_action`, which refuses changes from out-of-date pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from kontaktcenter.cases import selectors, services
from kontaktcenter.desk.casework_forms import (
    AssignForm,
    CaseValuesForm,
    ChecklistForm,
    ForwardForm,
    PriorityForm,
    QueueForm,
    ResolveForm,
)
from kontaktcenter.desk.views.cases import _case_action, _version

case_assign = _case_action(
    AssignForm,
    "assign_form",
    lambda user, case, data: services.case_assign(
        actor=user,
        case=case,
        assignee=data["assignee"],
        reason=data["reason"],
        expected_version=_version(data),
    ),
    gettext_lazy("The assignment was changed."),
    make_form=lambda case, data: AssignForm(data, organisation_id=case.responsible_organisation_id),
)
case_queue = _case_action(
    QueueForm,
    "queue_form",
    lambda user, case, data: services.case_move_to_queue(
        actor=user,
        case=case,
        queue=data["queue"],
        reason=data["reason"],
        expected_version=_version(data),
    ),
    gettext_lazy("The case was moved to the queue."),
    make_form=lambda case, data: QueueForm(data, organisation_id=case.responsible_organisation_id),
)
case_resolve = _case_action(
    ResolveForm,
    "resolve_form",
    lambda user, case, data: services.case_resolve(
        actor=user, case=case, resolution=data["resolution"], expected_version=_version(data)
    ),
    gettext_lazy("The case was marked as resolved."),
)
case_forward = _case_action(
    ForwardForm,
    "forward_form",
    lambda user, case, data: services.case_forward(
        actor=user,
        case=case,
        organisation=data["organisation"],
        reason=data["reason"],
        expected_version=_version(data),
    ),
    gettext_lazy("The case was forwarded."),
)
case_priority = _case_action(
    PriorityForm,
    "priority_form",
    lambda user, case, data: services.case_set_priority(
        actor=user, case=case, priority=data["priority"], expected_version=_version(data)
    ),
    gettext_lazy("The priority was changed."),
)
case_values = _case_action(
    CaseValuesForm,
    "values_form",
    lambda user, case, data: services.case_fill_form(
        actor=user,
        case=case,
        values={
            key.removeprefix("value_"): value
            for key, value in data.items()
            if key.startswith("value_")
        },
        expected_version=_version(data),
    ),
    gettext_lazy("The form was saved."),
    make_form=lambda case, data: CaseValuesForm(
        data, fields=selectors.case_work(case).current_fields
    ),
)
case_checklist = _case_action(
    ChecklistForm,
    "checklist_form",
    lambda user, case, data: services.case_tick_checklist(
        actor=user, case=case, item=data["item"], done=data["done"]
    ),
    gettext_lazy("The checklist was updated."),
)
