"""Adding an endpoint: each kind with the fields it needs, and every refusal shown on the field
it concerns, with what was typed kept (except secrets, which never go back to the browser)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding.models import Endpoint, EndpointKind, Sends
from kontaktcenter.routing.models import Category
from tests.receivers import WebhookReceiver

pytestmark = pytest.mark.django_db

SECRET = "en-hemlighet-som-ar-lang-nog-1234"


def _post(client: Client, user: User, **fields: Any):
    client.force_login(user)
    data = {"sends": Sends.ALL, **fields}
    return client.post(reverse("desk:endpoint_create"), data)


def _field_error(page: str, field: str) -> str:
    """The error text shown beside the field (Django's id_<field>_error)."""
    match = re.search(rf'id="id_{field}_error">([^<]*)<', page)
    assert match, f"no error shown on {field}"
    return match.group(1)


def test_an_administrator_adds_a_webhook_for_their_organisation(
    client: Client,
    traffic_admin: User,
    traffic_office: Organisation,
    webhook_receiver: WebhookReceiver,
    clock,
) -> None:
    response = _post(
        client,
        traffic_admin,
        organisation=traffic_office.pk,
        name="Synpunktssystemet",
        kind=EndpointKind.WEBHOOK,
        url=webhook_receiver.url,
        secret=SECRET,
        sends=Sends.COMPLAINTS,
        sends_closing="on",
    )
    endpoint = Endpoint.objects.get(name="Synpunktssystemet")
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:endpoint", args=[endpoint.pk])
    assert (endpoint.organisation, endpoint.sends, endpoint.sends_closing) == (
        traffic_office,
        Sends.COMPLAINTS,
        True,
    )
    assert endpoint.secrets.get().secret == SECRET


def test_a_webhook_without_an_address_is_refused_on_the_address_field(
    client: Client, traffic_admin: User, traffic_office: Organisation
) -> None:
    response = _post(
        client,
        traffic_admin,
        organisation=traffic_office.pk,
        name="Synpunktssystemet",
        kind=EndpointKind.WEBHOOK,
        secret=SECRET,
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert _field_error(page, "url") == "Give the address (URL) to send to."
    assert 'value="Synpunktssystemet"' in page
    assert SECRET not in page
    assert not Endpoint.objects.exists()


def test_a_short_signing_secret_is_refused_on_the_secret_field(
    client: Client, traffic_admin: User, traffic_office: Organisation, webhook_receiver
) -> None:
    response = _post(
        client,
        traffic_admin,
        organisation=traffic_office.pk,
        name="Synpunktssystemet",
        kind=EndpointKind.WEBHOOK,
        url=webhook_receiver.url,
        secret="kort",
    )
    assert response.status_code == 400
    assert "at least 24 characters" in _field_error(response.content.decode(), "secret")


def test_a_plain_http_address_outside_the_allowed_hosts_is_refused(
    client: Client, traffic_admin: User, traffic_office: Organisation
) -> None:
    response = _post(
        client,
        traffic_admin,
        organisation=traffic_office.pk,
        name="Synpunktssystemet",
        kind=EndpointKind.WEBHOOK,
        url="http://synpunkter.example.se/in",
        secret=SECRET,
    )
    assert _field_error(response.content.decode(), "url") == (
        "The address must start with https://."
    )


def test_an_email_endpoint_needs_a_mailbox(
    client: Client, traffic_admin: User, traffic_office: Organisation
) -> None:
    response = _post(
        client,
        traffic_admin,
        organisation=traffic_office.pk,
        name="Registrator",
        kind=EndpointKind.EMAIL,
    )
    assert _field_error(response.content.decode(), "email") == "Give the mailbox to send to."


def test_a_name_already_used_in_the_organisation_is_refused_on_the_name_field(
    client: Client, traffic_admin: User, traffic_office: Organisation, traffic_feedback_system
) -> None:
    response = _post(
        client,
        traffic_admin,
        organisation=traffic_office.pk,
        name="synpunktssystemet",
        kind=EndpointKind.EMAIL,
        email="registrator@example.se",
    )
    assert _field_error(response.content.decode(), "name") == (
        "Trafikkontoret already has an endpoint called synpunktssystemet."
    )


def test_chosen_categories_need_at_least_one_category(
    client: Client, traffic_admin: User, traffic_office: Organisation
) -> None:
    response = _post(
        client,
        traffic_admin,
        organisation=traffic_office.pk,
        name="Registrator",
        kind=EndpointKind.EMAIL,
        email="registrator@example.se",
        sends=Sends.CATEGORIES,
    )
    page = response.content.decode()
    assert 'id="categories-error">Choose at least one category to send.<' in page


def test_an_open311_endpoint_takes_a_service_code_per_chosen_category(
    client: Client,
    traffic_admin: User,
    traffic_office: Organisation,
    street_lighting: Category,
    webhook_receiver,
    clock,
) -> None:
    fields = {
        "organisation": traffic_office.pk,
        "name": "Felanmälan",
        "kind": EndpointKind.OPEN311,
        "url": webhook_receiver.url,
        "api_key": "nyckel-från-felanmälan",
        "jurisdiction_id": "stockholm.se",
        "sends": Sends.CATEGORIES,
        "categories": [street_lighting.pk],
    }
    missing = _post(client, traffic_admin, **fields)
    assert missing.status_code == 400
    field = f"service_code_{street_lighting.pk}"
    assert "service code" in _field_error(missing.content.decode(), field)
    assert "nyckel-från-felanmälan" not in missing.content.decode()

    _post(client, traffic_admin, **fields, **{field: "streetlight"})
    endpoint = Endpoint.objects.get(name="Felanmälan")
    assert (endpoint.api_key, endpoint.jurisdiction_id) == (
        "nyckel-från-felanmälan",
        "stockholm.se",
    )
    assert list(endpoint.categories.all()) == [street_lighting]
    assert list(endpoint.services.values_list("category", "service_code")) == [
        (street_lighting.pk, "streetlight")
    ]


def test_an_administrator_is_offered_only_their_own_organisation_and_its_units(
    client: Client,
    traffic_admin: User,
    traffic_office: Organisation,
    sports_administration: Organisation,
) -> None:
    client.force_login(traffic_admin)
    form = client.get(reverse("desk:endpoint_create")).context["form"]
    assert list(form.fields["organisation"].queryset) == [traffic_office]

    response = _post(
        client,
        traffic_admin,
        organisation=sports_administration.pk,
        name="Idrottens brevlåda",
        kind=EndpointKind.EMAIL,
        email="idrott@example.se",
    )
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert not Endpoint.objects.exists()


def test_every_category_has_a_labelled_service_code_field(
    client: Client, traffic_admin: User, street_lighting: Category
) -> None:
    client.force_login(traffic_admin)
    page = client.get(reverse("desk:endpoint_create")).content.decode()
    field_id = f"id_service_code_{street_lighting.pk}"
    assert f'<label for="{field_id}" class="visually-hidden">' in page
    assert "Open311 service code for Gatubelysning" in page
