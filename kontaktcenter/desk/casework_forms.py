"""Forms of case work (issue 7): assignment, queues, resolving, forwarding, priority, the case
type's form and checklist, the queue's filters and bulk assignment, and the administration of
case types, answer templates and queues. They check the shape of the input; the services
decide."""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kontaktcenter.cases import selectors
from kontaktcenter.cases.case_forms import FIELD_TYPE_LABELS, FieldType, FormField
from kontaktcenter.cases.choices import CaseStatus, Priority
from kontaktcenter.cases.queue_pages import DeadlineFilter, QueueSort, QueueView
from kontaktcenter.desk.forms import CategoryField, VersionedForm
from kontaktcenter.directory.choices import Weekday
from kontaktcenter.directory.selectors import organisations_receiving_cases

if TYPE_CHECKING:
    from kontaktcenter.accounts.models import User
    from kontaktcenter.cases.models import CaseQueue


def _reason(label: Any = None, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label or _("Reason"), max_length=500, required=required, strip=True
    )


class AssignForm(VersionedForm):
    assignee: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=None,
        required=False,
        empty_label=_("(nobody: back to the queue)"),
    )
    reason = _reason()

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = selectors.queue_assignees(organisation_id)
        self.fields["reason"].help_text = _("Needed when you take the case from someone.")


class QueueForm(VersionedForm):
    queue: forms.ModelChoiceField[CaseQueue] = forms.ModelChoiceField(
        label=_("Queue"),
        queryset=None,
        required=False,
        empty_label=_("(the organisation's general queue)"),
    )
    reason = _reason()

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["queue"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = selectors.case_queues(organisation_id)


class ResolveForm(VersionedForm):
    resolution = forms.CharField(
        label=_("How the matter was resolved"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ForwardForm(VersionedForm):
    organisation = forms.ModelChoiceField(
        label=_("Forward to"), queryset=organisations_receiving_cases()
    )
    reason = _reason(_("Why it goes there"), required=True)


class PriorityForm(VersionedForm):
    priority = forms.TypedChoiceField(label=_("Priority"), choices=Priority.choices, coerce=int)


class ChecklistForm(forms.Form):
    item = forms.CharField(max_length=60)
    done = forms.BooleanField(required=False)


def _widget_for(field: FormField) -> forms.Field:
    common: dict[str, Any] = {"label": field.label, "help_text": field.help, "required": False}
    if field.type == FieldType.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    if field.type == FieldType.CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *((c, c) for c in field.choices)], **common)
    if field.type == FieldType.YES_NO:
        return forms.BooleanField(**common)
    if field.type == FieldType.DATE:
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    attributes = {
        FieldType.NUMBER: {"inputmode": "decimal"},
        FieldType.PHONE: {"type": "tel", "autocomplete": "off"},
        FieldType.EMAIL: {"type": "email"},
        FieldType.PERSONNUMMER: {"placeholder": "ÅÅÅÅMMDD-NNNN", "autocomplete": "off"},
        FieldType.ORGANISATION_NUMBER: {"placeholder": "NNNNNN-NNNN"},
    }.get(field.type, {})
    return forms.CharField(widget=forms.TextInput(attrs=attributes), **common)


class CaseValuesForm(VersionedForm):
    """The case type's current form. Every field is optional here: which are required, and
    whether a value is right, is the service's check, the same for the desk and the API."""

    def __init__(self, *args: Any, fields: list[FormField], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.definition = fields
        for field in fields:
            self.fields[f"value_{field.key}"] = _widget_for(field)
            if field.required:
                self.fields[f"value_{field.key}"].label = f"{field.label} *"

    def values(self) -> dict[str, object]:
        return {field.key: self.cleaned_data.get(f"value_{field.key}") for field in self.definition}


class QueueFilterForm(forms.Form):
    view = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (QueueView.ALL, _("All open cases")),
            (QueueView.MINE, _("My cases")),
            (QueueView.UNASSIGNED, _("Unassigned")),
            (QueueView.OVERDUE, _("Overdue")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All open")), *CaseStatus.choices],
    )
    category = CategoryField(label=_("Category"), required=False)
    assignee: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Assignee"), queryset=None, required=False
    )
    queue: forms.ModelChoiceField[CaseQueue] = forms.ModelChoiceField(
        label=_("Queue"), queryset=None, required=False
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any")), *Priority.choices],
    )
    deadline = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[
            ("", _("Any")),
            (DeadlineFilter.OVERDUE, _("Overdue")),
            (DeadlineFilter.TODAY, _("Due within 24 hours")),
            (DeadlineFilter.PAUSED, _("Paused")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            (QueueSort.RECEIVED, _("Waited longest")),
            (QueueSort.DEADLINE, _("Deadline")),
            (QueueSort.PRIORITY, _("Priority")),
        ],
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        queue = self.fields["queue"]
        assert isinstance(assignee, forms.ModelChoiceField)
        assert isinstance(queue, forms.ModelChoiceField)
        assignee.queryset = selectors.queue_assignees(organisation_id)
        queue.queryset = selectors.case_queues(organisation_id)


class BulkAssignForm(forms.Form):
    cases = forms.MultipleChoiceField(label=_("Cases"), required=True, choices=[])
    assignee: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Assign to"), queryset=None, required=False
    )
    queue: forms.ModelChoiceField[CaseQueue] = forms.ModelChoiceField(
        label=_("Put in queue"), queryset=None, required=False
    )
    reason = _reason()

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        references = self.data.getlist("cases") if hasattr(self.data, "getlist") else []
        cases = self.fields["cases"]
        assert isinstance(cases, forms.MultipleChoiceField)
        cases.choices = [(reference, reference) for reference in references]
        assignee = self.fields["assignee"]
        queue = self.fields["queue"]
        assert isinstance(assignee, forms.ModelChoiceField)
        assert isinstance(queue, forms.ModelChoiceField)
        assignee.queryset = selectors.queue_assignees(organisation_id)
        queue.queryset = selectors.case_queues(organisation_id)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("assignee") and not data.get("queue"):
            self.add_error("assignee", _("Choose a person, a queue or both."))
        return data


_FIELD_HELP = _(
    "One field per line: label | type | * if required | help text | choices separated by ;. "
    "Types: %(types)s."
)


class CaseTypeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    category = CategoryField(label=_("Category"))
    fields_text = forms.CharField(
        label=_("Form fields"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )
    checklist_text = forms.CharField(
        label=_("Checklist"),
        required=False,
        help_text=_("One item per line."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = ", ".join(f"{value} ({label})" for value, label in FIELD_TYPE_LABELS.items())
        self.fields["fields_text"].help_text = _FIELD_HELP % {"types": types}


class AnswerTemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Placeholders: {{ resident_name }}, {{ reference }}, {{ subject }}, {{ category }}, "
            "{{ organisation }} and the form's fields, e.g. {{ adress }}."
        ),
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class CaseQueueForm(forms.Form):
    name = forms.CharField(label=_("New queue"), max_length=120)


class OpeningHoursForm(forms.Form):
    """One row per weekday; a day without times is closed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for weekday, label in Weekday.choices:
            time_input = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
            self.fields[f"opens_{weekday}"] = forms.TimeField(
                label=_("%(day)s opens") % {"day": label}, required=False, widget=time_input
            )
            self.fields[f"closes_{weekday}"] = forms.TimeField(
                label=_("%(day)s closes") % {"day": label}, required=False, widget=time_input
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for weekday, _label in Weekday.choices:
            if bool(data.get(f"opens_{weekday}")) != bool(data.get(f"closes_{weekday}")):
                self.add_error(f"closes_{weekday}", _("Give both times, or neither for closed."))
        return data

    def hours(self) -> dict[int, tuple[time, time] | None]:
        result: dict[int, tuple[time, time] | None] = {}
        for weekday, _label in Weekday.choices:
            opens = self.cleaned_data.get(f"opens_{weekday}")
            closes = self.cleaned_data.get(f"closes_{weekday}")
            result[weekday] = (opens, closes) if opens and closes else None
        return result

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (str(label), self[f"opens_{weekday}"], self[f"closes_{weekday}"])
            for weekday, label in Weekday.choices
        ]
