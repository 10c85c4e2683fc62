"""decide_route: where a new case of a category goes, from plain values (no database)."""

from __future__ import annotations

import pytest

from kontaktcenter.routing.models import Handling
from kontaktcenter.routing.rules import (
    CategoryRule,
    Refusal,
    Route,
    RouteReason,
    RouteRefusal,
    decide_route,
)

OPERATOR = 1
TRAFFIC_OFFICE = 2
JARVA = 3


def test_an_organisation_category_goes_to_the_organisation_that_owns_it():
    rule = CategoryRule(Handling.ORGANISATION, TRAFFIC_OFFICE)

    decision = decide_route(rule, district_id=JARVA, operator_id=OPERATOR)

    assert decision == Route(TRAFFIC_OFFICE, RouteReason.CATEGORY_OWNER)


def test_a_tier2_category_stays_in_the_contact_center_whoever_owns_it():
    rule = CategoryRule(Handling.CONTACT_CENTER, TRAFFIC_OFFICE)

    decision = decide_route(rule, district_id=None, operator_id=OPERATOR)

    assert decision == Route(OPERATOR, RouteReason.CONTACT_CENTER)


def test_a_social_services_category_goes_to_the_residents_district():
    rule = CategoryRule(Handling.RESIDENT_DISTRICT, TRAFFIC_OFFICE)

    decision = decide_route(rule, district_id=JARVA, operator_id=OPERATOR)

    assert decision == Route(JARVA, RouteReason.RESIDENT_DISTRICT)


def test_a_social_services_category_without_a_district_is_refused():
    rule = CategoryRule(Handling.RESIDENT_DISTRICT, TRAFFIC_OFFICE)

    decision = decide_route(rule, district_id=None, operator_id=OPERATOR)

    assert decision == Refusal(RouteRefusal.DISTRICT_MISSING)


def test_a_referral_category_never_becomes_a_case():
    rule = CategoryRule(Handling.REFERRAL, TRAFFIC_OFFICE)

    decision = decide_route(rule, district_id=JARVA, operator_id=OPERATOR)

    assert decision == Refusal(RouteRefusal.REFERRAL_ONLY)


@pytest.mark.parametrize("handling", list(Handling))
def test_an_inactive_category_is_refused_whatever_its_handling(handling):
    rule = CategoryRule(handling, TRAFFIC_OFFICE, is_active=False)

    decision = decide_route(rule, district_id=JARVA, operator_id=OPERATOR)

    assert decision == Refusal(RouteRefusal.CATEGORY_INACTIVE)


@pytest.mark.parametrize("handling", [Handling.ORGANISATION, Handling.CONTACT_CENTER])
def test_the_residents_district_does_not_change_where_other_categories_go(handling):
    rule = CategoryRule(handling, TRAFFIC_OFFICE)

    with_district = decide_route(rule, district_id=JARVA, operator_id=OPERATOR)
    without_district = decide_route(rule, district_id=None, operator_id=OPERATOR)

    assert with_district == without_district


def test_handling_read_from_the_database_as_plain_text_routes_the_same():
    """Category.handling comes back from the ORM as a str, not the enum member."""
    rule = CategoryRule("resident_district", TRAFFIC_OFFICE)

    assert decide_route(rule, district_id=JARVA, operator_id=OPERATOR) == Route(
        JARVA, RouteReason.RESIDENT_DISTRICT
    )
