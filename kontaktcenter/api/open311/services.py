"""Open311 services: our categories, and their definitions' attributes.

A category is a service when a case can be registered in it from outside: it is active, it is
not a referral to another unit (S14) and it is not confidential (S10: such matters never arrive
through a public fault-report channel).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kontaktcenter.cases import selectors as case_selectors
from kontaktcenter.cases.case_forms import FieldType
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


# GeoReport v2's datatypes for our form fields; the checked ones (personnummer, organisation
# number, phone, e-mail, address) are strings whose form the description names.
_DATATYPES = {
    FieldType.TEXT: "string",
    FieldType.LONG_TEXT: "text",
    FieldType.NUMBER: "number",
    FieldType.DATE: "datetime",
    FieldType.CHOICE: "singlevaluelist",
    FieldType.YES_NO: "singlevaluelist",
}
_FORMATS = {
    FieldType.PERSONNUMMER: "YYYYMMDD-NNNN",
    FieldType.ORGANISATION_NUMBER: "NNNNNN-NNNN",
    FieldType.PHONE: "+46…",
    FieldType.EMAIL: "name@example.se",
    FieldType.DATE: "YYYY-MM-DD",
}


def service_attributes(category: Category) -> list[dict[str, Any]]:
    """The definition's attributes: the fields of the category's case type (cases app), each
    as {variable, code, datatype, required, datatype_description, order, description, values}."""
    attributes = []
    for order, field in enumerate(case_selectors.category_form_fields(category.pk), start=1):
        attribute: dict[str, Any] = {
            "variable": True,
            "code": field.key,
            "datatype": _DATATYPES.get(field.type, "string"),
            "required": field.required,
            "datatype_description": " ".join(
                part for part in (_FORMATS.get(field.type, ""), field.help) if part
            ),
            "order": order,
            "description": field.label,
        }
        if field.type == FieldType.CHOICE:
            attribute["values"] = [{"key": choice, "name": choice} for choice in field.choices]
        elif field.type == FieldType.YES_NO:
            attribute["values"] = [{"key": "ja", "name": "Ja"}, {"key": "nej", "name": "Nej"}]
        attributes.append(attribute)
    return attributes


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
