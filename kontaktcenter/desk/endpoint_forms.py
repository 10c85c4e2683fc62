"""Forms of the delivery-endpoint pages: the shape of the input only; `forwarding.services`
decides what an endpoint of each kind needs and says so with the field concerned."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kontaktcenter.forwarding.choices import DeliveryStatus, EndpointKind, Sends
from kontaktcenter.routing.selectors import category_choices

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from kontaktcenter.directory.models import Organisation

SERVICE_CODE_PREFIX = "service_code_"


def _secret_input() -> forms.PasswordInput:
    # A secret is never sent back to the browser, not even to a form shown again after an error.
    return forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"})


class EndpointCreateForm(forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("What the organisation calls the receiving system, e.g. its feedback system."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=EndpointKind.choices)
    url = forms.CharField(
        label=_("Address (URL)"),
        max_length=500,
        required=False,
        widget=forms.URLInput,
        help_text=_("Webhook and Open311: where deliveries are sent, starting with https://."),
    )
    secret = forms.CharField(
        label=_("Signing secret"),
        max_length=200,
        required=False,
        strip=False,
        widget=_secret_input(),
        help_text=_(
            "Webhook: at least 24 characters, agreed with the receiver, which checks the "
            "signature. It is never shown again once saved."
        ),
    )
    email = forms.EmailField(
        label=_("Mailbox"),
        required=False,
        help_text=_("E-mail: the functional mailbox that receives the cases."),
    )
    api_key = forms.CharField(
        label=_("API key"),
        max_length=200,
        required=False,
        widget=_secret_input(),
        help_text=_("Open311: the key the receiving system gave the contact center."),
    )
    jurisdiction_id = forms.CharField(
        label=_("Jurisdiction"),
        max_length=100,
        required=False,
        help_text=_("Open311: only if the receiving system serves several jurisdictions."),
    )
    sends = forms.ChoiceField(label=_("Sends"), choices=Sends.choices, initial=Sends.COMPLAINTS)
    categories = forms.TypedMultipleChoiceField(
        label=_("Categories"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sends_status_changes = forms.BooleanField(label=_("Also status changes"), required=False)
    sends_closing = forms.BooleanField(label=_("Also when a case is closed"), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation_field = self.fields["organisation"]
        assert isinstance(organisation_field, forms.ModelChoiceField)
        organisation_field.queryset = organisations
        choices = category_choices()
        categories_field = self.fields["categories"]
        assert isinstance(categories_field, forms.TypedMultipleChoiceField)
        categories_field.choices = [(choice.id, choice.label) for choice in choices]
        self.category_labels = {choice.id: choice.label for choice in choices}
        for choice in choices:
            self.fields[f"{SERVICE_CODE_PREFIX}{choice.id}"] = forms.CharField(
                label=gettext("Open311 service code for %(category)s") % {"category": choice.label},
                max_length=100,
                required=False,
            )

    def category_rows(self) -> list[tuple[Any, forms.BoundField]]:
        """Each category's checkbox beside its Open311 service-code field, for the template."""
        checkboxes = {int(box.data["value"]): box for box in self["categories"]}
        return [
            (checkboxes[category_id], self[f"{SERVICE_CODE_PREFIX}{category_id}"])
            for category_id in self.category_labels
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        codes = {
            category_id: data.get(f"{SERVICE_CODE_PREFIX}{category_id}", "").strip()
            for category_id in self.category_labels
        }
        data["service_codes"] = {category_id: code for category_id, code in codes.items() if code}
        if data.get("kind") == EndpointKind.OPEN311 and data.get("sends") == Sends.CATEGORIES:
            for category_id in data.get("categories") or []:
                if not codes.get(category_id):
                    self.add_error(
                        f"{SERVICE_CODE_PREFIX}{category_id}",
                        _("Give the receiving system's service code for this category."),
                    )
        return data

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned data as `forwarding.services.endpoint_create` takes it, except the
        categories, which the view loads."""
        data = self.cleaned_data
        return {
            "organisation": data["organisation"],
            "name": data["name"],
            "kind": data["kind"],
            "url": data["url"],
            "email": data["email"],
            "secret": data["secret"],
            "api_key": data["api_key"],
            "jurisdiction_id": data["jurisdiction_id"],
            "sends": data["sends"],
            "service_codes": data["service_codes"],
            "sends_status_changes": data["sends_status_changes"],
            "sends_closing": data["sends_closing"],
        }


class SecretAddForm(forms.Form):
    secret = forms.CharField(
        label=_("New signing secret"),
        max_length=200,
        strip=False,
        widget=_secret_input(),
        help_text=_(
            "At least 24 characters. Both secrets sign deliveries until you retire the old "
            "one, so the receiver can switch without losing any."
        ),
    )


class ActiveForm(forms.Form):
    active = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )


class DeliveryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Deliveries"),
        choices=[("", _("All deliveries")), *DeliveryStatus.choices],
        required=False,
    )
    older_than = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
