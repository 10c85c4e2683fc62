"""Rate limits and body sizes on the REST API and Open311, with the clear error of each."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db


def test_past_the_rate_limit_requests_get_429_with_retry_after(felanmalan, settings, clock):
    settings.API_RATE_LIMIT_PER_MINUTE = 3

    answers = [felanmalan.get("/api/v1/categories") for _ in range(4)]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert answers[-1].json()["code"] == "api.rate_limited"
    assert 1 <= int(answers[-1]["Retry-After"]) <= 60
    assert answers[0]["RateLimit-Remaining"] == "2"


def test_the_limit_starts_again_the_next_minute(felanmalan, settings, clock):
    settings.API_RATE_LIMIT_PER_MINUTE = 1
    felanmalan.get("/api/v1/categories")
    assert felanmalan.get("/api/v1/categories").status_code == 429

    clock.advance(minutes=1)

    assert felanmalan.get("/api/v1/categories").status_code == 200


def test_each_key_has_its_own_count(felanmalan, jarva_system, settings, clock):
    settings.API_RATE_LIMIT_PER_MINUTE = 1
    felanmalan.get("/api/v1/categories")

    assert jarva_system.get("/api/v1/categories").status_code == 200


def test_open311_says_it_in_the_specifications_error_format(client, settings, clock):
    settings.API_RATE_LIMIT_PER_MINUTE = 1
    client.get("/open311/v2/services.xml")

    refused = client.get("/open311/v2/services.xml")

    assert refused.status_code == 429
    root = ET.fromstring(refused.content)  # noqa: S314 - our own answer
    assert root.find("error/code").text == "429"  # type: ignore[union-attr]


def test_a_body_over_the_limit_is_refused_before_it_is_read(felanmalan, settings, street_lighting):
    settings.API_MAX_BODY_BYTES = 2_000

    response = felanmalan.client.post(
        "/api/v1/cases",
        json.dumps({"category": "gatubelysning", "subject": "x", "description": "å" * 2_000}),
        content_type="application/json",
        headers=felanmalan.headers(),
    )

    assert response.status_code == 413
    assert response.json()["code"] == "api.too_large"
