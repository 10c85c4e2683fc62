"""At intake, recent cases of the same category that look like the report are suggested, best
first, within what the agent may read."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import selectors, services
from kontaktcenter.routing.models import Category
from tests.conftest import Clock, MakeCase

pytestmark = pytest.mark.django_db


def _suggested(actor: User, category: Category, location: str, text: str) -> list[str]:
    found = selectors.possible_duplicates(
        actor=actor, category_id=category.pk, location=location, text=text
    )
    return [each.case.subject for each in found]


def test_the_same_lamp_reported_yesterday_is_suggested_first(
    make_case: MakeCase, tier1_agent: User, street_lighting: Category, clock: Clock
) -> None:
    make_case(subject="Gatlampa blinkar", location="Rinkebysvängen 80")
    make_case(subject="Trasig gatlampa", location="Rinkebysvängen 12")
    make_case(subject="Nedfallen gren", location="Götgatan 3")
    clock.advance(days=1)

    found = _suggested(tier1_agent, street_lighting, "Rinkebysvängen 14", "Gatlampan är trasig")

    assert found == ["Trasig gatlampa", "Gatlampa blinkar"]


def test_other_categories_old_cases_and_merged_cases_are_not_suggested(
    make_case: MakeCase,
    tier1_agent: User,
    traffic_officer: User,
    street_lighting: Category,
    resident_parking: Category,
    clock: Clock,
) -> None:
    make_case(subject="Trasig gatlampa", location="Rinkebysvängen 12")
    clock.advance(days=31)
    survivor = make_case(subject="Trasig gatlampa igen", location="Rinkebysvängen 12")
    merged = make_case(subject="Trasig gatlampa tredje", location="Rinkebysvängen 12")
    services.case_merge(actor=traffic_officer, case=merged, into=survivor)
    make_case(category=resident_parking, subject="Trasig gatlampa", location="Rinkebysvängen 12")

    found = _suggested(tier1_agent, street_lighting, "Rinkebysvängen 12", "Trasig gatlampa")

    assert found == ["Trasig gatlampa igen"]


def test_confidential_cases_are_never_suggested_to_the_contact_center(
    confidential_case, tier1_agent: User, financial_support: Category
) -> None:
    found = _suggested(tier1_agent, financial_support, "", "Fråga om ekonomiskt bistånd")

    assert found == []


def test_nothing_to_compare_suggests_nothing(
    make_case: MakeCase, tier1_agent: User, street_lighting: Category
) -> None:
    make_case(subject="Trasig gatlampa", location="Rinkebysvängen 12")

    assert _suggested(tier1_agent, street_lighting, "", "  ") == []
