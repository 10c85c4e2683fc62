"""The demo's phones: queues at both sites, agents linked to the demo logins, and two earlier
working days of calls that `kontaktcenter stats calls` counts."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from kontaktcenter.core import clock
from kontaktcenter.demo.services import demo_load
from kontaktcenter.telephony.models import Agent, Call, Queue

pytestmark = pytest.mark.django_db


def test_the_demo_has_phone_queues_at_both_sites_and_earlier_calls(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.FORWARDING_ALLOWED_HOSTS = ["127.0.0.1"]
    demo_load(history_days=2, contacts_per_day=5)

    assert Queue.objects.values("site").distinct().count() == 2
    assert Agent.objects.get(user__username="vaxel").interface == "PJSIP/2001"
    first = Call.objects.order_by("entered_at").first()
    assert first is not None
    day = clock.local_date(first.entered_at).isoformat()
    out = io.StringIO()
    call_command("stats", "calls", "--from", day, "--to", day, "--json", stdout=out)
    assert json.loads(out.getvalue())["offered"] > 500
