"""Where a case goes, decided from plain values so the rule is easy to test and benchmark."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kontaktcenter.routing.models import Handling


class RouteReason(Enum):
    CATEGORY_OWNER = "category_owner"
    CONTACT_CENTER = "contact_center"
    RESIDENT_DISTRICT = "resident_district"


class RouteRefusal(Enum):
    REFERRAL_ONLY = "referral_only"
    DISTRICT_MISSING = "district_missing"
    CATEGORY_INACTIVE = "category_inactive"


@dataclass(frozen=True, slots=True)
class CategoryRule:
    handling: str
    responsible_organisation_id: int
    is_active: bool = True


@dataclass(frozen=True, slots=True)
class Route:
    organisation_id: int
    reason: RouteReason


@dataclass(frozen=True, slots=True)
class Refusal:
    reason: RouteRefusal


def decide_route(
    rule: CategoryRule, *, district_id: int | None, operator_id: int
) -> Route | Refusal:
    """Pick the organisation that owns a new case of this category.

    Social services and LSS follow the resident's district (S10); bookings are referred to the
    booking unit instead of becoming a case (S14); tier-2 categories stay in the contact center
    (S4).
    """
    if not rule.is_active:
        return Refusal(RouteRefusal.CATEGORY_INACTIVE)
    if rule.handling == Handling.REFERRAL:
        return Refusal(RouteRefusal.REFERRAL_ONLY)
    if rule.handling == Handling.RESIDENT_DISTRICT:
        if district_id is None:
            return Refusal(RouteRefusal.DISTRICT_MISSING)
        return Route(district_id, RouteReason.RESIDENT_DISTRICT)
    if rule.handling == Handling.CONTACT_CENTER:
        return Route(operator_id, RouteReason.CONTACT_CENTER)
    return Route(rule.responsible_organisation_id, RouteReason.CATEGORY_OWNER)
