"""The public knowledge pages' forms: shape only."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PublicSearchForm(forms.Form):
    q = forms.CharField(
        label=_("What is your question?"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
    )
