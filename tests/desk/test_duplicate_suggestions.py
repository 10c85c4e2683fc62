"""The new-case page suggests recent cases that look like the report, so the agent can add the
report to the case that exists instead of creating a second one for the same broken lamp."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases.models import Case, CaseEventKind, Channel
from kontaktcenter.routing.models import Category
from tests.conftest import MakeCase

pytestmark = pytest.mark.django_db


def _report(category: Category, **fields: str) -> dict[str, object]:
    return {
        "channel": Channel.EMAIL,
        "category": category.pk,
        "subject": "Gatlampan är trasig",
        "location": "Rinkebysvängen 14",
        "resident_name": "Per Olsson",
        "resident_phone": "070-123 45 67",
        **fields,
    }


@pytest.fixture
def existing(make_case: MakeCase) -> Case:
    return make_case(subject="Trasig gatlampa", location="Rinkebysvängen 12")


def test_a_likely_duplicate_is_shown_with_its_score_and_reasons_before_anything_is_created(
    client: Client, tier1_agent: User, street_lighting: Category, existing: Case
) -> None:
    client.force_login(tier1_agent)

    response = client.post(reverse("desk:case_create"), _report(street_lighting))

    page = response.content.decode()
    assert response.status_code == 200
    assert Case.objects.count() == 1
    assert existing.reference in page
    assert "Same address or next door" in page
    assert "gatlampan, trasig" in page
    assert 'name="create_anyway"' in page


def test_the_agent_adds_the_report_to_the_existing_case_instead(
    client: Client, tier1_agent: User, street_lighting: Category, existing: Case
) -> None:
    client.force_login(tier1_agent)
    client.post(reverse("desk:case_create"), _report(street_lighting))

    response = client.post(
        reverse("desk:case_report_again", args=[existing.reference]),
        {"text": "Gatlampan är trasig\nRinkebysvängen 14\nReported by: Per Olsson"},
    )

    assert response["Location"] == reverse("desk:case", args=[existing.reference])
    assert Case.objects.count() == 1
    note = existing.events.get(kind=CaseEventKind.NOTE_ADDED)
    assert "Per Olsson" in note.data["text"]


def test_the_agent_creates_a_new_case_anyway(
    client: Client, tier1_agent: User, street_lighting: Category, existing: Case
) -> None:
    client.force_login(tier1_agent)

    response = client.post(reverse("desk:case_create"), _report(street_lighting, create_anyway="1"))

    new_case = Case.objects.exclude(pk=existing.pk).get()
    assert response["Location"] == reverse("desk:case", args=[new_case.reference])
    assert new_case.location == "Rinkebysvängen 14"


def test_a_report_unlike_any_case_is_created_at_once(
    client: Client, tier1_agent: User, street_lighting: Category, existing: Case
) -> None:
    client.force_login(tier1_agent)

    response = client.post(
        reverse("desk:case_create"),
        _report(street_lighting, subject="Stolpe påkörd", location="Götgatan 3"),
    )

    assert response.status_code == 302
    assert Case.objects.count() == 2
