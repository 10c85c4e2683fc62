"""The case page says where the case went in the organisations' own systems: which receiver
and organisation, when, how each delivery went, and what the receiver calls it and reports."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases.models import Case
from kontaktcenter.forwarding.models import Delivery, Endpoint
from kontaktcenter.forwarding.sending import store_external_reference
from tests.conftest import MakeCase
from tests.receivers import WebhookReceiver, send_due

pytestmark = pytest.mark.django_db


def _section(client: Client, user: User, case: Case) -> str:
    client.force_login(user)
    response = client.get(reverse("desk:case", args=[case.reference]))
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('id="sent-heading"')
    return page[start : page.index("</section>", start)]


def test_a_case_not_sent_anywhere_says_so(
    client: Client, traffic_officer: User, street_light_case: Case
) -> None:
    assert "Not sent to any other system." in _section(client, traffic_officer, street_light_case)


def test_the_officer_sees_where_the_case_went_and_the_receivers_reference(
    client: Client,
    traffic_officer: User,
    traffic_feedback_system: Endpoint,
    webhook_receiver: WebhookReceiver,
    make_case: MakeCase,
) -> None:
    case = make_case()
    send_due()

    section = _section(client, traffic_officer, case)

    assert "Synpunktssystemet" in section
    assert "Trafikkontoret" in section
    assert 'New case: <span class="delivery-delivered">Delivered</span> 2026-03-10 09:00' in section
    assert "SYN-1" in section


def test_a_waiting_delivery_is_shown_as_waiting(
    client: Client,
    tier1_agent: User,
    traffic_feedback_system: Endpoint,
    make_case: MakeCase,
) -> None:
    case = make_case()
    section = _section(client, tier1_agent, case)
    assert "Waiting to be sent" in section


def test_the_receivers_status_and_message_are_shown_and_in_the_history(
    client: Client,
    traffic_officer: User,
    traffic_feedback_system: Endpoint,
    webhook_receiver: WebhookReceiver,
    make_case: MakeCase,
    clock,
) -> None:
    case = make_case()
    send_due()
    clock.advance(days=2)
    store_external_reference(
        Delivery.objects.get(case=case),
        reference="SYN-1",
        status="Åtgärdad",
        message="Lampan är lagad.",
    )

    client.force_login(traffic_officer)
    page = client.get(reverse("desk:case", args=[case.reference])).content.decode()
    section = _section(client, traffic_officer, case)

    assert "Åtgärdad" in section
    assert "Lampan är lagad." in section
    history = page[page.index('id="history-heading"') :]
    assert "Update from the receiving system" in history
    assert "Synpunktssystemet · their reference SYN-1 · status there: Åtgärdad" in history
    assert "Lampan är lagad." in history


def test_whoever_may_not_read_the_case_sees_nothing_of_it(
    client: Client,
    district_officer: User,
    traffic_feedback_system: Endpoint,
    make_case: MakeCase,
) -> None:
    case = make_case()
    client.force_login(district_officer)
    response = client.get(reverse("desk:case", args=[case.reference]))
    assert response.status_code == 404
    assert "Synpunktssystemet" not in response.content.decode()
