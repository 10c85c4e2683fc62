"""Health, readiness and Prometheus metrics for the city's operations staff (issue 16)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from prometheus_client.parser import text_string_to_metric_families
from pytest_django.fixtures import Settings

from tests.receivers import send_due


def _samples(
    client: Client, **headers: str
) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def test_health_answers_without_touching_the_database(client: Client):
    # A probe calls the process by its address, which is not one of the public host names.
    response = client.get("/healthz", HTTP_HOST="10.20.0.7:8000")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_ready_when_the_database_answers_and_is_migrated(client: Client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok"},
    }


@pytest.mark.django_db
def test_requests_are_counted_by_route_not_by_path(client: Client, street_light_case, tier1_agent):
    client.force_login(tier1_agent)
    before = _samples(client)
    key = (
        "kontaktcenter_http_requests_total",
        (("method", "GET"), ("route", "desk:case"), ("status", "2xx")),
    )

    client.get(reverse("desk:case", args=[street_light_case.reference]))
    client.get(reverse("desk:case", args=[street_light_case.reference]))
    after = _samples(client)

    assert after[key] - before.get(key, 0.0) == 2
    duration_count = (
        "kontaktcenter_http_request_duration_seconds_count",
        (("route", "desk:case"),),
    )
    assert after[duration_count] - before.get(duration_count, 0.0) == 2
    assert not any(street_light_case.reference in str(labels) for _name, labels in after)


@pytest.mark.django_db
def test_the_outbox_backlog_shows_until_the_worker_has_sent_it(
    client: Client, traffic_feedback_system, street_light_case
):
    waiting = _samples(client)
    assert waiting[("kontaktcenter_outbox_pending", ())] == 1
    assert waiting[("kontaktcenter_outbox_dead", ())] == 0

    send_due()

    sent = _samples(client)
    assert sent[("kontaktcenter_outbox_pending", ())] == 0
    assert sent[("kontaktcenter_outbox_oldest_pending_seconds", ())] == 0


@pytest.mark.django_db
def test_open_cases_are_counted_per_queue(client: Client, make_case):
    make_case(subject="Trasig gatlampa på Drottninggatan")
    make_case(subject="Lampa blinkar i Vasaparken")

    samples = _samples(client)

    open_cases = {
        labels: value
        for (name, labels), value in samples.items()
        if name == "kontaktcenter_queue_open_cases"
    }
    assert sum(open_cases.values()) == 2


@pytest.mark.django_db
def test_metrics_ask_for_the_token_when_one_is_set(client: Client, settings: Settings):
    settings.METRICS_TOKEN = "skrapa-mig-2026"

    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer fel"}).status_code == 401
    assert _samples(client, Authorization="Bearer skrapa-mig-2026")
