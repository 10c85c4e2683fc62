"""The "new case" page registers letters and e-mails, with the time they arrived if not today."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases.models import Case, Channel
from kontaktcenter.routing.models import Category
from tests.conftest import STOCKHOLM, Clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent_client(client: Client, tier1_agent: User) -> Client:
    client.force_login(tier1_agent)
    return client


def _letter(category: Category, **fields: str) -> dict[str, object]:
    return {
        "channel": Channel.LETTER,
        "category": category.pk,
        "subject": "Brev om släckt gatlampa",
        **fields,
    }


def test_the_form_asks_when_the_letter_or_email_arrived(agent_client: Client) -> None:
    page = agent_client.get(reverse("desk:case_create")).content.decode()

    assert 'type="datetime-local"' in page
    assert 'name="received_at"' in page


def test_a_letter_registered_today_keeps_the_stockholm_time_it_arrived(
    agent_client: Client, street_lighting: Category, clock: Clock
) -> None:
    response = agent_client.post(
        reverse("desk:case_create"), _letter(street_lighting, received_at="2026-03-06T14:05")
    )

    case = Case.objects.get()
    assert response["Location"] == reverse("desk:case", args=[case.reference])
    assert case.received_at == datetime(2026, 3, 6, 14, 5, tzinfo=STOCKHOLM)
    assert case.created_at == clock()


def test_without_a_time_the_case_was_received_when_it_was_registered(
    agent_client: Client, street_lighting: Category, clock: Clock
) -> None:
    agent_client.post(reverse("desk:case_create"), _letter(street_lighting))

    assert Case.objects.get().received_at == clock()


def test_a_letter_from_last_year_gets_last_years_reference(
    agent_client: Client, street_lighting: Category, clock: Clock
) -> None:
    clock.set(datetime(2026, 1, 2, 9, 0, tzinfo=STOCKHOLM))

    agent_client.post(
        reverse("desk:case_create"), _letter(street_lighting, received_at="2025-12-31T23:30")
    )

    assert Case.objects.get().reference == "KC-2025-000001"


def test_a_time_in_the_future_is_refused_and_the_letter_is_kept(
    agent_client: Client, street_lighting: Category, clock: Clock
) -> None:
    response = agent_client.post(
        reverse("desk:case_create"), _letter(street_lighting, received_at="2026-03-11T09:00")
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be in the future" in page
    assert "Brev om släckt gatlampa" in page
    assert not Case.objects.exists()
