from __future__ import annotations

from django import template

from kontaktcenter.cases.models import CaseStatus
from kontaktcenter.core.phone import display_phone

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    """The translated label of a stored status value, as written in the case history."""
    return str(CaseStatus(value).label) if value in CaseStatus.values else value


@register.filter
def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %"


@register.filter
def phone(value: str) -> str:
    return display_phone(value)
