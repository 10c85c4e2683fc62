"""The demo shows issue 16: the records-management plan's retention rules, and a refused
attempt on a confidential case that Järva's auditor finds in the access log."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from kontaktcenter.accounts.models import User
from kontaktcenter.cases.models import CaseAccess, RetentionRule
from kontaktcenter.demo.services import demo_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.FORWARDING_ALLOWED_HOSTS = ["127.0.0.1"]
    demo_load(history_days=4, contacts_per_day=15)


def test_the_plan_has_rules_for_bookings_lamps_complaints_and_financial_support(demo: None):
    rules = {rule.category.code: rule for rule in RetentionRule.objects.select_related("category")}

    assert rules["idrott-bokning"].keep_days == 30
    assert rules["socialtjanst-ekonomiskt-bistand"].preserve
    assert len(rules) == 5


def test_jarvas_auditor_sees_the_agents_refused_attempt(demo: None, client: Client):
    refused = CaseAccess.objects.get(refused=True)
    assert refused.actor is not None
    assert refused.actor.username == "agent1"
    client.force_login(User.objects.get(username="granskare.jarva"))

    page = client.get(reverse("desk:access_log")).content.decode()

    assert "Nekad" in page  # the auditor reads the desk in Swedish
