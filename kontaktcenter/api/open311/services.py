"""Open311 services: our categories, and their definitions' attributes.

A category is a service when a case can be registered in it from outside: it is active, it is
not a referral to another unit (S14) and it is not confidential (S10: such matters never arrive
through a public fault-report channel).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kontaktcenter.routing.selectors import active_categories

if TYPE_CHECKING:
    from kontaktcenter.routing.models import Category

REFERRAL = "referral"


def service_categories() -> list[Category]:
    return [
        category
        for category in active_categories().order_by("position", "name", "id")
        if category.handling != REFERRAL and not category.is_confidential
    ]


def service_category(code: str) -> Category | None:
    return next((c for c in service_categories() if c.code == code), None)


def service_attributes(category: Category) -> list[dict[str, Any]]:
    """The definition's attributes, from the category's case type.

    The seam for case types with structured fields (the casework issue): each field becomes
    {variable, code, datatype, required, datatype_description, order, description, values}.
    Until case types exist a category has none, so its service has `metadata` false.
    """
    del category
    return []


def service_body(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": "",
        "metadata": bool(service_attributes(category)),
        "type": "realtime",
        "keywords": "",
        "group": category.parent.name if category.parent else "",
    }
