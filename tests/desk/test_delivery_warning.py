"""When an endpoint has failed for longer than the warning time, its organisation's
administrators and the system administrators see a warning on every desk page, linking to it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.forwarding.models import Endpoint
from tests.conftest import MakeCase
from tests.receivers import WebhookReceiver, send_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_for(
    settings, traffic_feedback_system: Endpoint, webhook_receiver: WebhookReceiver, make_case, clock
):
    """The feedback system answers 503 from now on; returns how to let minutes pass."""
    settings.FORWARDING_WARN_AFTER_MINUTES = 30
    webhook_receiver.status = 503
    make_case()
    send_due()

    def wait(minutes: float) -> None:
        clock.advance(minutes=minutes)

    return wait


def _directory(client: Client, user: User) -> str:
    client.force_login(user)
    return client.get(reverse("desk:directory")).content.decode()


def test_no_warning_before_the_warning_time_has_passed(
    client: Client, traffic_admin: User, failing_for
) -> None:
    failing_for(29)
    assert "Deliveries are failing" not in _directory(client, traffic_admin)


def test_the_organisation_administrator_is_warned_with_a_link_to_the_endpoint(
    client: Client, traffic_admin: User, traffic_feedback_system: Endpoint, failing_for
) -> None:
    failing_for(31)
    page = _directory(client, traffic_admin)
    assert "Deliveries are failing" in page
    link = reverse("desk:endpoint", args=[traffic_feedback_system.pk])
    assert f'<a href="{link}">Synpunktssystemet</a> (Trafikkontoret) since' in page


def test_the_system_administrator_is_warned_too(
    client: Client, sysadmin: User, failing_for
) -> None:
    failing_for(31)
    assert "Deliveries are failing" in _directory(client, sysadmin)


@pytest.mark.parametrize("person", ["traffic_officer", "tier1_agent", "analyst"])
def test_nobody_else_is_warned(client: Client, request: pytest.FixtureRequest, person, failing_for):
    failing_for(31)
    assert "Deliveries are failing" not in _directory(client, request.getfixturevalue(person))


def test_the_warning_ends_when_a_delivery_gets_through(
    client: Client,
    traffic_admin: User,
    webhook_receiver: WebhookReceiver,
    failing_for,
    make_case: MakeCase,
) -> None:
    failing_for(31)
    webhook_receiver.status = 200
    make_case()
    send_due()
    assert "Deliveries are failing" not in _directory(client, traffic_admin)


def test_the_warning_costs_administrators_one_query_and_others_none(
    client: Client, traffic_admin: User, traffic_officer: User, traffic_feedback_system
) -> None:
    def queries(user: User) -> list[str]:
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("desk:directory"))
        return [q["sql"] for q in captured.captured_queries if "forwarding_endpoint" in q["sql"]]

    assert len(queries(traffic_admin)) == 1
    assert queries(traffic_officer) == []
