"""The statistics page opens on the last 30 days of Stockholm's calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User

pytestmark = pytest.mark.django_db


def test_just_after_midnight_the_default_period_ends_on_stockholms_today(
    client: Client, analyst: User, clock
) -> None:
    """00:30 on 11 March in Stockholm is still 10 March in UTC."""
    # Set in UTC, as Django's real clock (timezone.now) answers: a Stockholm-aware moment would
    # give the right .date() by accident and hide the mistake this test is about.
    clock.set(datetime(2026, 3, 11, 0, 30, tzinfo=ZoneInfo("Europe/Stockholm")).astimezone(UTC))
    client.force_login(analyst)

    response = client.get(reverse("desk:statistics"))

    assert response.status_code == 200
    period = response.context["form"].cleaned_data
    assert (period["first_day"], period["last_day"]) == (date(2026, 2, 10), date(2026, 3, 11))
    assert 'value="2026-03-11"' in response.content.decode()
