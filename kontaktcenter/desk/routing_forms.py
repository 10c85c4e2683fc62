"""Forms of the routing pages: the dry run and the routing rules (shape only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kontaktcenter.cases.choices import Channel
from kontaktcenter.desk.forms import CategoryField
from kontaktcenter.directory.selectors import districts, organisations_receiving_cases
from kontaktcenter.routing.choices import SwitchboardChoice, TargetChoice, TierChoice
from kontaktcenter.routing.selectors import active_categories, case_officers


class DryRunForm(forms.Form):
    text = forms.CharField(
        label=_("The resident's words"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    category = CategoryField(
        label=_("Category"), required=False, help_text=_("Leave empty to let the text decide.")
    )
    address = forms.CharField(label=_("Address, postcode or place"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", "—"), *Channel.choices], required=False
    )


class RuleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    priority = forms.IntegerField(
        label=_("Priority"), min_value=0, initial=100, help_text=_("Lower numbers are tried first.")
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=active_categories(),
        required=False,
        help_text=_("A rule on a category also covers its subcategories. Empty: any category."),
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts of the address"), queryset=districts(), required=False
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    switchboard = forms.ChoiceField(
        label=_("The responsible organisation"),
        choices=SwitchboardChoice.choices,
        initial=SwitchboardChoice.ANY,
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line or separated by commas; the rule applies if any is in the text."),
    )
    time_from = forms.TimeField(label=_("From time of day"), required=False)
    time_until = forms.TimeField(label=_("Until time of day"), required=False)
    valid_from = forms.DateField(label=_("Valid from"), required=False)
    valid_until = forms.DateField(label=_("Valid until (last day)"), required=False)
    tier = forms.ChoiceField(label=_("Tier"), choices=TierChoice.choices)
    target = forms.ChoiceField(label=_("Send to"), choices=TargetChoice.choices)
    target_organisation = forms.ModelChoiceField(
        label=_("Organisation or queue"), queryset=organisations_receiving_cases(), required=False
    )
    officer = forms.ModelChoiceField(
        label=_("Named officer"), queryset=case_officers(), required=False
    )
    external_name = forms.CharField(
        label=_("Body outside the city"),
        max_length=120,
        required=False,
        help_text=_("E.g. Trafikverket, Försäkringskassan, Region Stockholm."),
    )
    external_contact = forms.CharField(
        label=_("How the resident reaches it"), max_length=200, required=False
    )

    def initial_from(self, rule: Any) -> None:
        for name in self.fields:
            value = getattr(rule, name)
            self.initial[name] = list(value.all()) if hasattr(value, "all") else value
