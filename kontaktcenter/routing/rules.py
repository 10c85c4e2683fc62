"""Where a case goes, decided from plain values so the rule is easy to test and benchmark."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kontaktcenter.routing.models import Handling


class RouteReason(Enum):
    CATEGORY_OWNER = "category_owner"
    CONTACT_CENTER = "contact_center"
    RESIDENT_DISTRICT = "resident_district"
    CONCERNED_ORGANISATION = "concerned_organisation"


class RouteRefusal(Enum):
    REFERRAL_ONLY = "referral_only"
    DISTRICT_MISSING = "district_missing"
    CATEGORY_INACTIVE = "category_inactive"
    CONCERNED_MISSING = "concerned_missing"


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
    rule: CategoryRule,
    *,
    district_id: int | None,
    operator_id: int,
    concerned_organisation_id: int | None = None,
) -> Route | Refusal:
    """Pick the organisation that owns a new case of this category.

    Social services and LSS follow the resident's district (S10); bookings are referred to the
    booking unit instead of becoming a case (S14); tier-2 categories stay in the contact center
    (S4); feedback and complaints go to the organisation they are about, whose own feedback
    system and committee follow them up (S13).
    """
    if not rule.is_active:
        return Refusal(RouteRefusal.CATEGORY_INACTIVE)
    if rule.handling == Handling.REFERRAL:
        return Refusal(RouteRefusal.REFERRAL_ONLY)
    # Handlings whose organisation is given with the case, refused when it is missing.
    given = {
        Handling.RESIDENT_DISTRICT: (
            district_id,
            RouteReason.RESIDENT_DISTRICT,
            RouteRefusal.DISTRICT_MISSING,
        ),
        Handling.CONCERNED_ORGANISATION: (
            concerned_organisation_id,
            RouteReason.CONCERNED_ORGANISATION,
            RouteRefusal.CONCERNED_MISSING,
        ),
    }
    if rule.handling in given:
        organisation_id, reason, missing = given[Handling(rule.handling)]
        return Refusal(missing) if organisation_id is None else Route(organisation_id, reason)
    if rule.handling == Handling.CONTACT_CENTER:
        return Route(operator_id, RouteReason.CONTACT_CENTER)
    return Route(rule.responsible_organisation_id, RouteReason.CATEGORY_OWNER)
