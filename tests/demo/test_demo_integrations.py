"""The demo's fault-report app: its reports came in through Open311 and can be followed there."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.models import IntegrationKey
from kontaktcenter.demo.services import demo_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.FORWARDING_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return demo_load(history_days=2, contacts_per_day=5)


def test_the_apps_reports_are_public_open311_requests_with_their_place(demo, client):
    requests = client.get("/open311/v2/requests.json").json()

    assert len(requests) == 4
    tensta = next(r for r in requests if r["address"] == "Tensta allé, Stockholm")
    assert tensta["service_code"] == "gata-trafik-gatubelysning"
    assert tensta["agency_responsible"] == "Trafikkontoret"
    assert tensta["lat"] == "59.394620"


def test_the_app_has_a_key_of_trafikkontoret_that_may_use_open311(demo):
    key = IntegrationKey.objects.get(name="Felanmälan Stockholm (app)")

    assert key.organisation.code == "trafikkontoret"
    assert "open311" in key.scopes
