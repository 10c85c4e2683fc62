"""From a category's count to the cases behind it: for supervisors, never for analysts."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

MARCH = {"first_day": "2026-03-01", "last_day": "2026-03-31"}


@pytest.fixture
def street_light_and_confidential_cases(make_case, financial_support, jarva):
    make_case(subject="Trasig gatlampa på Rinkebysvängen")
    make_case(subject="Gatlampa blinkar på Hagagatan")
    make_case(category=financial_support, subject="Fråga om ekonomiskt bistånd", district=jarva)


def test_a_supervisor_follows_the_count_to_the_cases(
    client: Client, supervisor, street_lighting, street_light_and_confidential_cases
):
    client.force_login(supervisor)

    page = client.get(reverse("desk:statistics"), MARCH).content.decode()
    link = (
        f'href="{reverse("desk:statistics_cases")}?first_day=2026-03-01&amp;last_day=2026-03-31'
        f'&amp;channel=&amp;category={street_lighting.pk}"'
    )
    assert link in page

    cases = client.get(reverse("desk:statistics_cases"), {**MARCH, "category": street_lighting.pk})
    listed = cases.content.decode()
    assert cases.status_code == 200
    assert "Trasig gatlampa på Rinkebysvängen" in listed
    assert "Gatlampa blinkar på Hagagatan" in listed


def test_confidential_cases_stay_hidden_from_the_supervisor(
    client: Client, supervisor, financial_support, street_light_and_confidential_cases
):
    client.force_login(supervisor)

    cases = client.get(
        reverse("desk:statistics_cases"), {**MARCH, "category": financial_support.pk}
    )

    assert "Fråga om ekonomiskt bistånd" not in cases.content.decode()


def test_an_analyst_sees_numbers_only(
    client: Client, analyst, street_lighting, street_light_and_confidential_cases
):
    client.force_login(analyst)

    page = client.get(reverse("desk:statistics"), MARCH).content.decode()
    cases = client.get(reverse("desk:statistics_cases"), {**MARCH, "category": street_lighting.pk})

    assert reverse("desk:statistics_cases") not in page
    assert cases.status_code == 404
