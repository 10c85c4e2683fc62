from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from kontaktcenter.accounts.actors import describe_actor
from kontaktcenter.cases.choices import CaseStatus, Priority
from kontaktcenter.core.phone import display_phone
from kontaktcenter.forwarding.selectors import Circuit
from kontaktcenter.routing.texts import route_explanation

if TYPE_CHECKING:
    from kontaktcenter.cases.models import Case, CaseEvent

register = template.Library()


@register.filter
def event_actor(event: CaseEvent) -> str:
    return describe_actor(event.actor_kind, event.actor_label)


@register.filter
def status_label(value: str) -> str:
    """The translated label of a stored status value, as written in the case history."""
    return str(CaseStatus(value).label) if value in CaseStatus.values else value


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)


@register.filter
def priority_label(value: int) -> str:
    return str(Priority(value).label) if value in Priority.values else str(value)


@register.filter
def iso_time(value: str | None) -> datetime | None:
    """A moment stored as ISO text in an event's details, for the date filter."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


@register.filter
def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %"


@register.filter
def days(value: float | None) -> str:
    return "–" if value is None else formats.number_format(value, decimal_pos=1)


@register.filter
def phone(value: str) -> str:
    return display_phone(value)


@register.filter
def routing_explanation(case: Case) -> str:
    return route_explanation(
        case.routing_reason,
        category=case.category.name,
        organisation=case.responsible_organisation.name,
    )


@register.filter
def routed_explanation(data: dict[str, Any]) -> str:
    """The sentence for a `routed` event, from the names stored with it."""
    return route_explanation(
        str(data.get("reason", "")),
        category=str((data.get("category") or {}).get("name", "")),
        organisation=str((data.get("after") or {}).get("name", "")),
    )


@register.filter
def age(seconds: float | None) -> str:
    """How long something has waited, coarsely: "40 s", "12 min", "3 h 5 min", "2 d 4 h"."""
    if seconds is None:
        return "–"
    whole = max(0, int(seconds))
    minutes, hours, days = whole // 60, whole // 3600, whole // 86400
    if whole < 60:
        return _("%(seconds)d s") % {"seconds": whole}
    if whole < 3600:
        return _("%(minutes)d min") % {"minutes": minutes}
    if whole < 86400:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes % 60}
    return _("%(days)d d %(hours)d h") % {"days": days, "hours": hours % 24}


@register.filter
def circuit_label(circuit: Circuit) -> str:
    """The circuit breaker's state in words."""
    if circuit == Circuit.OPEN:
        return _("Paused after repeated failures")
    if circuit == Circuit.HALF_OPEN:
        return _("Testing the receiver with one delivery")
    return _("Delivering")
