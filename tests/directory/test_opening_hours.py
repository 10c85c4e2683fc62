"""An organisation's administrator sets its weekly opening hours, which case deadlines count
(issue 7, item 3)."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases.models import Priority
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.directory import services
from kontaktcenter.directory.models import OpeningHours, Organisation
from tests.conftest import STOCKHOLM, MakeCase

pytestmark = pytest.mark.django_db


def test_the_administrator_sets_the_week_and_deadlines_follow(
    client: Client, traffic_admin: User, traffic_office: Organisation, make_case: MakeCase
) -> None:
    client.force_login(traffic_admin)
    week = {f"opens_{day}": "10:00" for day in range(5)} | {
        f"closes_{day}": "14:00" for day in range(5)
    }

    response = client.post(reverse("desk:opening_hours"), week)

    assert response.status_code == 302
    assert OpeningHours.objects.filter(organisation=traffic_office).count() == 5
    # Tuesday 10 March 09:00, 4 working hours: 10–14 that day (13:00 with office hours).
    case = make_case(priority=Priority.URGENT)
    assert case.deadline_at == datetime(2026, 3, 10, 14, tzinfo=STOCKHOLM)


def test_a_day_with_only_one_time_is_refused(client: Client, traffic_admin: User) -> None:
    client.force_login(traffic_admin)

    response = client.post(reverse("desk:opening_hours"), {"opens_0": "08:00"})

    assert response.status_code == 400
    assert not OpeningHours.objects.exists()


def test_closing_before_opening_is_refused(
    traffic_admin: User, traffic_office: Organisation
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.opening_hours_set(
            actor=traffic_admin, organisation=traffic_office, hours={0: (time(17), time(8))}
        )
    assert refused.value.code == "opening_hours.closes_before_opening"


def test_case_officers_and_other_organisations_cannot_change_them(
    client: Client, traffic_officer: User, traffic_admin: User, jarva: Organisation
) -> None:
    client.force_login(traffic_officer)
    assert client.get(reverse("desk:opening_hours")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.opening_hours_set(
            actor=traffic_admin, organisation=jarva, hours={0: (time(8), time(17))}
        )
