"""The switchboard console's forms: the shape of input only; the rules are in telephony."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kontaktcenter.telephony.choices import TransferKind


class TransferForm(forms.Form):
    target_label = forms.CharField(label=_("Transfer to"), max_length=200)
    target_number = forms.CharField(label=_("Number"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("Transfer"), choices=TransferKind.choices)
    recall_after_seconds = forms.IntegerField(
        label=_("Back to me if not answered within (seconds)"),
        min_value=5,
        max_value=600,
        initial=30,
    )
    call = forms.IntegerField(required=False, widget=forms.HiddenInput)
    caller_number = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)


class NightServiceForm(forms.Form):
    is_on = forms.BooleanField(label=_("Night service on"), required=False)
    message = forms.CharField(label=_("Message to callers"), max_length=300, required=False)
    divert_to = forms.CharField(label=_("Divert calls to"), max_length=40, required=False)
