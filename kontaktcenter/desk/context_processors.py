"""Which menu entries the logged-in user may use, from the same policies the services apply."""

from __future__ import annotations

from django.http import HttpRequest

from kontaktcenter.accounts.roles import ORGANISATION_ROLES, Role
from kontaktcenter.cases import policies as case_policies
from kontaktcenter.desk.views.common import current_user
from kontaktcenter.forwarding import policies as forwarding_policies
from kontaktcenter.routing import policies as routing_policies
from kontaktcenter.statistics import policies as statistics_policies


def navigation(request: HttpRequest) -> dict[str, dict[str, bool]]:
    if not request.user.is_authenticated:
        return {"perms_for": {}}
    user = current_user(request)
    return {
        "perms_for": {
            "contacts": case_policies.may_register_contacts(user),
            "create_cases": case_policies.may_create_cases(user),
            "queue": user.role in ORGANISATION_ROLES
            or user.role in {Role.TIER2_AGENT, Role.SUPERVISOR},
            "search_cases": case_policies.may_search_cases(user),
            "statistics": statistics_policies.may_view_statistics(user),
            "categories": routing_policies.may_manage_categories(user),
            "endpoints": forwarding_policies.may_manage_endpoints(user),
        }
    }
