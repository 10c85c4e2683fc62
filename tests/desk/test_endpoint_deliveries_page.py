"""The endpoint page: how deliveries go, each delivery with its attempts, and sending again
what failed for good once the receiver is fixed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding import services
from kontaktcenter.forwarding.models import Delivery, DeliveryStatus, Endpoint, EndpointKind
from tests.conftest import SETUP, MakeCase
from tests.receivers import WebhookReceiver, send_due

pytestmark = pytest.mark.django_db


def _page(client: Client, user: User, endpoint: Endpoint, query: str = "") -> str:
    client.force_login(user)
    response = client.get(reverse("desk:endpoint", args=[endpoint.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_delivered_case_shows_its_attempt_and_the_receivers_reference(
    client: Client,
    traffic_admin: User,
    traffic_feedback_system: Endpoint,
    webhook_receiver: WebhookReceiver,
    make_case: MakeCase,
) -> None:
    case = make_case()
    send_due()

    page = _page(client, traffic_admin, traffic_feedback_system)

    assert case.reference in page
    assert "SYN-1" in page
    assert "Delivered" in page
    # The attempt: its outcome, the receiver's answer and how long it took.
    assert "<td>200</td>" in page
    assert "{&quot;reference&quot;: &quot;SYN-1&quot;}" in page
    assert " ms</td>" in page


def test_a_refused_delivery_shows_the_error_and_can_be_sent_again(
    client: Client,
    traffic_admin: User,
    traffic_feedback_system: Endpoint,
    webhook_receiver: WebhookReceiver,
    make_case: MakeCase,
) -> None:
    webhook_receiver.status = 422
    webhook_receiver.body = "Okänd kategori"
    make_case()
    send_due()
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.DEAD

    page = _page(client, traffic_admin, traffic_feedback_system)
    assert "HTTP 422" in page
    assert "Okänd kategori" in page
    assert "TransportError" in page
    assert "Failed for good" in page

    webhook_receiver.status = 200
    response = client.post(
        reverse("desk:delivery_retry", args=[traffic_feedback_system.pk, delivery.pk]),
        follow=True,
    )
    assert "The delivery will be sent again." in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    send_due()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    # Both tries stay visible: the refusal and the success.
    assert list(delivery.attempt_log.values_list("number", "response_status")) == [
        (1, 422),
        (2, 200),
    ]


def test_sending_all_failed_deliveries_again(
    client: Client,
    traffic_admin: User,
    traffic_feedback_system: Endpoint,
    webhook_receiver: WebhookReceiver,
    make_case: MakeCase,
) -> None:
    webhook_receiver.status = 400
    for _ in range(3):
        make_case()
    send_due()
    assert Delivery.objects.filter(status=DeliveryStatus.DEAD).count() == 3
    page = _page(client, traffic_admin, traffic_feedback_system)
    assert "Send all 3 failed deliveries again" in page

    response = client.post(
        reverse("desk:endpoint_retry_dead", args=[traffic_feedback_system.pk]), follow=True
    )

    assert "3 deliveries will be sent again." in response.content.decode()
    assert Delivery.objects.filter(status=DeliveryStatus.PENDING).count() == 3


def test_a_delivery_that_has_not_failed_cannot_be_sent_again(
    client: Client,
    traffic_admin: User,
    traffic_feedback_system: Endpoint,
    webhook_receiver: WebhookReceiver,
    make_case: MakeCase,
) -> None:
    make_case()
    send_due()
    delivery = Delivery.objects.get()
    client.force_login(traffic_admin)
    response = client.post(
        reverse("desk:delivery_retry", args=[traffic_feedback_system.pk, delivery.pk]),
        follow=True,
    )
    assert "Only a delivery that failed for good can be retried." in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED


def test_a_delivery_is_not_found_through_another_endpoints_address(
    client: Client,
    sysadmin: User,
    traffic_feedback_system: Endpoint,
    make_case: MakeCase,
    traffic_office: Organisation,
) -> None:
    other = services.endpoint_create(
        actor=SETUP,
        organisation=traffic_office,
        name="Registrator",
        kind=EndpointKind.EMAIL,
        email="registrator@example.se",
    )
    make_case()
    delivery = Delivery.objects.filter(endpoint=traffic_feedback_system).get()
    client.force_login(sysadmin)
    url = reverse("desk:delivery_retry", args=[other.pk, delivery.pk])
    assert client.post(url).status_code == 404


def test_the_health_figures_count_backlog_and_the_last_day(
    client: Client,
    traffic_admin: User,
    traffic_feedback_system: Endpoint,
    webhook_receiver: WebhookReceiver,
    make_case: MakeCase,
    clock,
) -> None:
    make_case()
    send_due()
    webhook_receiver.status = 503
    make_case()
    send_due()
    clock.advance(minutes=12)

    client.force_login(traffic_admin)
    response = client.get(reverse("desk:endpoint", args=[traffic_feedback_system.pk]))
    health = response.context["health"]
    assert (health.pending, health.delivered, health.dead) == (1, 1, 0)
    assert (health.delivered_last_24h, health.failures_last_24h) == (1, 1)
    assert "12 min" in response.content.decode()


def test_the_list_can_show_only_failed_deliveries_and_pages_back(
    client: Client,
    traffic_admin: User,
    traffic_feedback_system: Endpoint,
    webhook_receiver: WebhookReceiver,
    make_case: MakeCase,
    clock,
) -> None:
    delivered = make_case()
    send_due()
    webhook_receiver.status = 400
    failed = make_case()
    send_due()

    page = _page(client, traffic_admin, traffic_feedback_system, "?status=dead")
    assert failed.reference in page
    assert delivered.reference not in page

    response = client.get(reverse("desk:endpoint", args=[traffic_feedback_system.pk]))
    assert [d.case_reference for d in response.context["deliveries"]] == [
        failed.reference,
        delivered.reference,
    ]
    newest = response.context["deliveries"][0]
    older = client.get(
        reverse("desk:endpoint", args=[traffic_feedback_system.pk]) + f"?older_than={newest.pk}"
    )
    assert [d.case_reference for d in older.context["deliveries"]] == [delivered.reference]
