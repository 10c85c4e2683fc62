"""Forms of the agent desk: they only check the shape of the input; rules live in services."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kontaktcenter.cases.choices import CaseStatus, Channel, Priority
from kontaktcenter.core.clock import today
from kontaktcenter.directory.choices import AbsenceReason
from kontaktcenter.directory.selectors import districts, organisations_receiving_cases
from kontaktcenter.routing.choices import FeedbackKind, Handling
from kontaktcenter.routing.selectors import categories_by_name, category_choices, category_get

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from kontaktcenter.directory.models import Organisation
    from kontaktcenter.routing.models import Category


def _category_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(str(choice.id), choice.label) for choice in category_choices()]


def _load_category(value: str) -> Category:
    return category_get(int(value))


class CategoryField(forms.TypedChoiceField):
    """Categories in tree order with their full path ("Gata och trafik › Snöröjning")."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=_category_choices, coerce=_load_category, empty_value=None, **kwargs
        )


def _concerns_field() -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(
        label=_("The feedback is about"),
        queryset=organisations_receiving_cases(),
        required=False,
        help_text=_("For feedback and complaints: the organisation it concerns."),
    )


def _consent_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("The resident agrees that their contact details are passed on"),
        required=False,
        help_text=_("to the organisation's own system along with the case."),
    )


class ContactStartForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.PHONE)


OUTCOME_ANSWERED = "answered"
OUTCOME_CASE = "case"
OUTCOME_REFERRED = "referred"
OUTCOME_TRANSFERRED = "transferred"


class ContactFinishForm(forms.Form):
    """One form for every outcome, so the agent never retypes the question."""

    question = forms.CharField(
        label=_("The resident's question"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    category = CategoryField(label=_("Category"), required=False)
    answer = forms.CharField(
        label=_("Answer given"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    resident_name = forms.CharField(label=_("Name"), max_length=160, required=False)
    resident_email = forms.EmailField(label=_("E-mail"), required=False)
    resident_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    district = forms.ModelChoiceField(
        label=_("Resident's district"), queryset=districts(), required=False
    )
    concerns = _concerns_field()
    share_contact_details = _consent_field()
    transfer_to = forms.ModelChoiceField(
        label=_("Transfer to"), queryset=organisations_receiving_cases(), required=False
    )
    outcome = forms.ChoiceField(
        choices=[
            (OUTCOME_ANSWERED, _("Answered directly")),
            (OUTCOME_CASE, _("Create case")),
            (OUTCOME_REFERRED, _("Referred")),
            (OUTCOME_TRANSFERRED, _("Transferred")),
        ],
        widget=forms.HiddenInput,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        outcome = data.get("outcome")
        if outcome in {OUTCOME_CASE, OUTCOME_REFERRED} and not data.get("category"):
            self.add_error("category", _("Choose a category."))
        if outcome == OUTCOME_CASE and not data.get("subject", "").strip():
            self.add_error("subject", _("Write a short subject for the case."))
        if outcome == OUTCOME_TRANSFERRED and not data.get("transfer_to"):
            self.add_error("transfer_to", _("Choose where the call was transferred."))
        return data


class CaseCreateForm(forms.Form):
    """A case registered without a live contact, e.g. from a letter or an e-mail."""

    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    category = CategoryField(label=_("Category"))
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    location = forms.CharField(
        label=_("Address or place"),
        max_length=200,
        required=False,
        help_text=_("Where the matter is, e.g. Rinkebysvängen 12; reports nearby are shown."),
    )
    resident_name = forms.CharField(label=_("Name"), max_length=160, required=False)
    resident_email = forms.EmailField(label=_("E-mail"), required=False)
    resident_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    district = forms.ModelChoiceField(
        label=_("Resident's district"), queryset=districts(), required=False
    )
    concerns = _concerns_field()
    share_contact_details = _consent_field()
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=Priority.choices,
        coerce=int,
        required=False,
        empty_value=None,
        initial=Priority.NORMAL,
        help_text=_("Decides the deadline together with the category."),
    )
    received_at = forms.DateTimeField(
        label=_("Received"),
        help_text=_("When the letter or e-mail arrived, if not today. Stockholm time."),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean_priority(self) -> int:
        """A form sent without a priority (an older page, a script) registers a normal one."""
        priority = self.cleaned_data.get("priority")
        return int(priority) if priority is not None else Priority.NORMAL.value


class VersionedForm(forms.Form):
    """A form that changes a case carries the version of the case the page showed, so a
    change made from an out-of-date page is refused (cases.services.CaseChangedError)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The case page holds many of these forms; ids named after the form keep every field's
        # id unique, so each label points to its own field.
        name = type(self).__name__.removesuffix("Form").lower()
        kwargs.setdefault("auto_id", f"id_{name}_%s")
        super().__init__(*args, **kwargs)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(VersionedForm):
    reply = forms.CharField(
        label=_("Reply to the resident"), widget=forms.Textarea(attrs={"rows": 5})
    )


class StatusForm(VersionedForm):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (CaseStatus.IN_PROGRESS, CaseStatus.IN_PROGRESS.label),
            (CaseStatus.WAITING, CaseStatus.WAITING.label),
        ],
    )


class CloseForm(VersionedForm):
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 2}))


class ReopenForm(VersionedForm):
    reason = forms.CharField(label=_("Why the case is reopened"), max_length=2000)


class RecategoriseForm(VersionedForm):
    category = CategoryField(label=_("New category"))
    district = forms.ModelChoiceField(
        label=_("Resident's district"), queryset=districts(), required=False
    )
    concerns = _concerns_field()


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Reference, subject, name, e-mail or phone"), max_length=200)


class PeriodForm(forms.Form):
    first_day = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    @staticmethod
    def default_period() -> dict[str, date]:
        """The last 30 days up to today in Stockholm (not UTC: they differ just after midnight)."""
        last_day = today()
        return {"first_day": last_day - timedelta(days=29), "last_day": last_day}


class StatisticsForm(PeriodForm):
    """The statistics page's filters: a period and, optionally, one channel."""

    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All channels")), *Channel.choices]
    )


class QualityReportForm(PeriodForm):
    """An organisation (with its units) and a period; the organisations are those the user may
    see the report of."""

    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None
    )
    field_order = ["organisation", "first_day", "last_day"]

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, title, unit, phone number or keyword"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True, "type": "search"}),
    )


class CallbackRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What to leave"),
        choices=[("callback", _("Callback request")), ("message", _("Message"))],
        initial="callback",
        widget=forms.RadioSelect,
    )
    caller_name = forms.CharField(label=_("Caller's name"), max_length=120, required=False)
    caller_phone = forms.CharField(
        label=_("Caller's phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    caller_email = forms.CharField(label=_("Caller's e-mail"), max_length=254, required=False)
    subject = forms.CharField(label=_("About"), max_length=200)
    message = forms.CharField(label=_("Message"), required=False, widget=forms.Textarea)
    due_at = forms.DateTimeField(
        label=_("Call back by"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class AbsenceForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=AbsenceReason.choices)
    ends_at = forms.DateTimeField(
        label=_("Back at"),
        required=False,
        help_text=_("Leave empty when it is not known."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class CallbackDoneForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), max_length=200, required=False)


class CategoryEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    parent = forms.ModelChoiceField(
        label=_("Under"),
        queryset=categories_by_name(),
        required=False,
        empty_label=_("(top level)"),
    )
    responsible_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=organisations_receiving_cases()
    )
    handling = forms.ChoiceField(label=_("Handling"), choices=Handling.choices)
    is_confidential = forms.BooleanField(label=_("Confidential (secrecy, OSL)"), required=False)
    feedback_kind = forms.ChoiceField(
        label=_("Kind of feedback"), choices=FeedbackKind.choices, required=False
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    position = forms.IntegerField(label=_("Position among its siblings"), min_value=0, initial=0)
