"""What every desk page shows around its content: the menu entries the logged-in user may use,
from the same policies the services apply, and the warning about failing deliveries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

from kontaktcenter.accounts.roles import ORGANISATION_ROLES, Role
from kontaktcenter.cases import policies as case_policies
from kontaktcenter.desk.views.common import current_user
from kontaktcenter.forwarding import policies as forwarding_policies
from kontaktcenter.forwarding import selectors as forwarding_selectors
from kontaktcenter.routing import policies as routing_policies
from kontaktcenter.statistics import policies as statistics_policies
from kontaktcenter.telephony import policies as telephony_policies

if TYPE_CHECKING:
    from kontaktcenter.forwarding.models import Endpoint


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
            "routing": routing_policies.may_try_routing(user),
            "endpoints": forwarding_policies.may_manage_endpoints(user),
            "quality_report": statistics_policies.may_view_quality_report(user),
            "case_types": user.role in {Role.ORGANISATION_ADMIN, Role.SYSTEM_ADMIN},
            "deadline_report": case_policies.may_see_deadline_report(user),
            "access_log": case_policies.may_audit_access_log(user),
            "register": case_policies.may_read_register(user),
            "console": telephony_policies.may_use_console(user),
            "wallboard": telephony_policies.may_view_wallboard(user),
        }
    }


def delivery_warnings(request: HttpRequest) -> dict[str, list[Endpoint]]:
    """The user's endpoints that have failed for too long (S13: someone must be told when
    deliveries stick). One query per page for administrators, none for everyone else."""
    if not request.user.is_authenticated:
        return {"failing_endpoints": []}
    return {"failing_endpoints": forwarding_selectors.failing_endpoints(current_user(request))}
