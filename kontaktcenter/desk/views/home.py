from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from kontaktcenter.accounts import permissions
from kontaktcenter.accounts.models import Role
from kontaktcenter.desk.views.common import current_user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to where its working day starts."""
    user = current_user(request)
    if permissions.can_register_contacts(user) and user.role != Role.SWITCHBOARD_OPERATOR:
        return redirect("desk:contact_desk")
    if user.role == Role.SWITCHBOARD_OPERATOR:
        return redirect("desk:directory")
    if user.role in permissions.ORGANISATION_ROLES:
        return redirect("desk:my_queue")
    return redirect("desk:statistics")
