"""The shapes of the e-service's input. Rules (routing, lengths that matter to the case) stay
in the services; these forms only check what a browser can get wrong."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kontaktcenter.cases.public import PublicCategory
from kontaktcenter.cases.services.contacts import QUESTION_MAX_LENGTH
from kontaktcenter.cases.services.written import MESSAGE_MAX_LENGTH

HONEYPOT = "website"


class InquiryForm(forms.Form):
    category = forms.TypedChoiceField(label=_("What is it about?"), coerce=int)
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        help_text=_("A few words, for example “Street light out on Rinkebysvängen”."),
    )
    description = forms.CharField(
        label=_("Your message"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most %(max)d characters.") % {"max": QUESTION_MAX_LENGTH},
    )
    address = forms.CharField(
        label=_("Place or address (optional)"),
        max_length=200,
        required=False,
        help_text=_("Where is it? A street address or a place, for example “Rinkeby torg”."),
    )
    district = forms.TypedChoiceField(
        label=_("Your district (if the matter concerns where you live)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    concerns = forms.TypedChoiceField(
        label=_("Which administration is your feedback about?"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=160, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        max_length=254,
        required=False,
        help_text=_("We send the receipt and our answers here. Without it, use your link."),
    )
    phone = forms.CharField(label=_("Your phone number (optional)"), max_length=30, required=False)
    share_contact_details = forms.BooleanField(
        label=_("My contact details may be passed on to the administration that handles it"),
        required=False,
    )
    # Hidden from people (and from screen readers); bots fill in every field they find.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(
        self,
        *args: Any,
        categories: list[PublicCategory],
        districts: list[tuple[int, str]],
        organisations: list[tuple[int, str]] | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        category_field = self.fields["category"]
        assert isinstance(category_field, forms.ChoiceField)
        category_field.choices = [("", _("Choose…"))] + [(c.id, c.label) for c in categories]
        district_field = self.fields["district"]
        assert isinstance(district_field, forms.ChoiceField)
        district_field.choices = [("", _("Not about where I live")), *districts]
        concerns_field = self.fields["concerns"]
        assert isinstance(concerns_field, forms.ChoiceField)
        if organisations is None:
            del self.fields["concerns"]
        else:
            concerns_field.choices = [("", _("Choose…")), *organisations]

    def clean_website(self) -> str:
        value: str = self.cleaned_data.get(HONEYPOT, "")
        if value:
            raise forms.ValidationError(_("Leave this field empty."), code="honeypot")
        return value


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Write to us about the case"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_website(self) -> str:
        value: str = self.cleaned_data.get(HONEYPOT, "")
        if value:
            raise forms.ValidationError(_("Leave this field empty."), code="honeypot")
        return value


class SatisfactionForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Did you get the help you needed?"),
        coerce=int,
        choices=[
            (1, _("1 – Not at all")),
            (2, "2"),
            (3, "3"),
            (4, "4"),
            (5, _("5 – Completely")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=2_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Do not write personal details: comments are read without your name."),
    )
