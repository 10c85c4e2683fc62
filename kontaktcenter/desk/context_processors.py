"""Which menu entries the logged-in user may use, from the same rules the services apply."""

from __future__ import annotations

from django.http import HttpRequest

from kontaktcenter.accounts import permissions
from kontaktcenter.accounts.models import Role


def navigation(request: HttpRequest) -> dict[str, dict[str, bool]]:
    if not request.user.is_authenticated:
        return {"perms_for": {}}
    user = request.user
    return {
        "perms_for": {
            "contacts": permissions.can_register_contacts(user),
            "create_cases": permissions.can_create_cases(user),
            "queue": user.role in permissions.ORGANISATION_ROLES
            or user.role in {Role.TIER2_AGENT, Role.SUPERVISOR},
            "search_cases": user.role in permissions.ORGANISATION_ROLES
            or user.role in permissions.CONTACT_CENTER_ROLES
            or user.role == Role.SYSTEM_ADMIN,
            "statistics": permissions.can_view_statistics(user),
            "categories": permissions.can_manage_categories(user),
        }
    }
