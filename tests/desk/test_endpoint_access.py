"""Delivery endpoints are managed by the organisation's administrators (their organisation and
its units) and by system administrators (all); everyone else is turned away, and an endpoint a
user may not manage is not found."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding import services
from kontaktcenter.forwarding.models import Endpoint, EndpointKind
from tests.conftest import SETUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def sports_mailbox(sports_administration: Organisation, clock) -> Endpoint:
    return services.endpoint_create(
        actor=SETUP,
        organisation=sports_administration,
        name="Idrottens brevlåda",
        kind=EndpointKind.EMAIL,
        email="synpunkter.idrott@example.se",
    )


def test_the_organisation_administrator_sees_only_their_organisations_endpoints(
    client: Client, traffic_admin: User, traffic_feedback_system: Endpoint, sports_mailbox
) -> None:
    client.force_login(traffic_admin)
    page = client.get(reverse("desk:endpoints")).content.decode()
    assert "Synpunktssystemet" in page
    assert "Idrottens brevlåda" not in page


def test_the_system_administrator_sees_every_organisations_endpoints(
    client: Client, sysadmin: User, traffic_feedback_system: Endpoint, sports_mailbox
) -> None:
    client.force_login(sysadmin)
    page = client.get(reverse("desk:endpoints")).content.decode()
    assert "Synpunktssystemet" in page
    assert "Idrottens brevlåda" in page
    assert "Trafikkontoret" in page
    assert "Idrottsförvaltningen" in page


def test_an_endpoint_of_another_organisation_is_not_found_for_an_administrator(
    client: Client, traffic_admin: User, sports_mailbox: Endpoint
) -> None:
    client.force_login(traffic_admin)
    assert client.get(reverse("desk:endpoint", args=[sports_mailbox.pk])).status_code == 404


@pytest.mark.parametrize("person", ["traffic_officer", "analyst", "tier1_agent", "supervisor"])
def test_other_roles_cannot_open_the_endpoint_list(
    client: Client, request: pytest.FixtureRequest, person: str
) -> None:
    client.force_login(request.getfixturevalue(person))
    assert client.get(reverse("desk:endpoints")).status_code == 403
    assert client.get(reverse("desk:endpoint_create")).status_code == 403


@pytest.mark.parametrize("person", ["traffic_officer", "analyst", "tier1_agent"])
def test_other_roles_find_no_endpoint_and_cannot_act_on_one(
    client: Client, request: pytest.FixtureRequest, person: str, traffic_feedback_system
) -> None:
    client.force_login(request.getfixturevalue(person))
    pk = traffic_feedback_system.pk
    assert client.get(reverse("desk:endpoint", args=[pk])).status_code == 404
    assert client.post(reverse("desk:endpoint_retry_dead", args=[pk])).status_code == 404
    response = client.post(reverse("desk:endpoint_set_active", args=[pk]), {"active": "0"})
    assert response.status_code == 404
    traffic_feedback_system.refresh_from_db()
    assert traffic_feedback_system.is_active


def test_an_administrator_cannot_switch_off_another_organisations_endpoint(
    client: Client, traffic_admin: User, sports_mailbox: Endpoint
) -> None:
    client.force_login(traffic_admin)
    url = reverse("desk:endpoint_set_active", args=[sports_mailbox.pk])
    assert client.post(url, {"active": "0"}).status_code == 404
    sports_mailbox.refresh_from_db()
    assert sports_mailbox.is_active


def test_the_menu_offers_deliveries_to_administrators_only(
    client: Client, traffic_admin: User, sysadmin: User, traffic_officer: User
) -> None:
    link = f'href="{reverse("desk:endpoints")}"'
    for user, shown in [(traffic_admin, True), (sysadmin, True), (traffic_officer, False)]:
        client.force_login(user)
        page = client.get(reverse("desk:directory")).content.decode()
        assert (link in page) is shown, user.username


def test_an_administrator_switches_an_endpoint_off_and_on(
    client: Client, traffic_admin: User, traffic_feedback_system: Endpoint
) -> None:
    client.force_login(traffic_admin)
    url = reverse("desk:endpoint_set_active", args=[traffic_feedback_system.pk])

    response = client.post(url, {"active": "0"}, follow=True)
    traffic_feedback_system.refresh_from_db()
    assert not traffic_feedback_system.is_active
    assert "no new deliveries are written for it" in response.content.decode()

    client.post(url, {"active": "1"})
    traffic_feedback_system.refresh_from_db()
    assert traffic_feedback_system.is_active
