from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from kontaktcenter.accounts.roles import ORGANISATION_ROLES, Role
from kontaktcenter.cases import policies
from kontaktcenter.desk.views.common import current_user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to where its working day starts."""
    user = current_user(request)
    if policies.may_register_contacts(user) and user.role != Role.SWITCHBOARD_OPERATOR:
        return redirect("desk:contact_desk")
    if user.role == Role.SWITCHBOARD_OPERATOR:
        return redirect("desk:directory")
    if user.role in ORGANISATION_ROLES:
        return redirect("desk:my_queue")
    if policies.may_audit_access_log(user):
        return redirect("desk:access_log")
    return redirect("desk:statistics")
