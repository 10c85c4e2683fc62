"""Forms for attachments, related cases and the access log: shape only, the rules are in the
case services and selectors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kontaktcenter.desk.forms import CategoryField

RELATE_LINK = "link"
RELATE_DUPLICATE = "duplicate"
RELATE_MERGE = "merge"
RELATE_PARENT = "parent"
RELATE_CHILD = "child"


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, images, text and office documents; the size limit is shown below."),
    )


class RelateForm(forms.Form):
    """One form for every way of relating this case to another, named by its reference."""

    other = forms.CharField(
        label=_("Other case's reference"),
        max_length=24,
        widget=forms.TextInput(attrs={"placeholder": "KC-2026-000123", "autocomplete": "off"}),
    )
    relation = forms.ChoiceField(
        label=_("What to do"),
        choices=[
            (RELATE_LINK, _("Link as related")),
            (RELATE_DUPLICATE, _("This case is a duplicate of the other (closes this case)")),
            (RELATE_MERGE, _("Merge this case into the other (closes this case)")),
            (RELATE_PARENT, _("The other case is this case's parent")),
            (RELATE_CHILD, _("The other case is a child of this case")),
        ],
    )


class OtherCaseForm(forms.Form):
    other = forms.CharField(max_length=24, widget=forms.HiddenInput)


class SplitForm(forms.Form):
    subject = forms.CharField(label=_("Subject of the new case"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    category = CategoryField(
        label=_("Category"),
        required=False,
        help_text=_("Leave empty to keep this case's category."),
    )
    attachments = forms.TypedMultipleChoiceField(
        label=_("Attachments that move to the new case"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    as_child = forms.BooleanField(
        label=_("Make the new case a child of this case"),
        required=False,
        help_text=_("This case then cannot be closed before the new one."),
    )

    def __init__(self, *args: Any, attachments: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["attachments"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = attachments


class ReportAgainForm(forms.Form):
    """At intake: the report is about a case that exists, so it is added there as a note."""

    text = forms.CharField(widget=forms.HiddenInput, max_length=20_000)


class AccessLogForm(forms.Form):
    reference = forms.CharField(label=_("Case reference"), max_length=24, required=False)
    person = forms.CharField(
        label=_("Staff member"),
        max_length=160,
        required=False,
        help_text=_("User name, or part of the name."),
    )
    first_day = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    last_day = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class RegisterForm(forms.Form):
    first_day = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
