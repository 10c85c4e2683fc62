"""An organisation's work list of open cases."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kontaktcenter.accounts import permissions
from kontaktcenter.cases import selectors
from kontaktcenter.cases.models import CaseStatus
from kontaktcenter.core.errors import PermissionDenied
from kontaktcenter.desk.views.common import current_user
from kontaktcenter.directory.models import Organisation
from kontaktcenter.directory.selectors import operator_organisation

PAGE_SIZE = 50


@login_required
def my_queue(request: HttpRequest) -> HttpResponse:
    """Officers work their organisation's queue; tier 2 works the contact center's own cases."""
    user = current_user(request)
    if user.role in permissions.CONTACT_CENTER_ROLES:
        return redirect("desk:queue", organisation_id=operator_organisation().pk)
    return redirect("desk:queue", organisation_id=user.organisation_id)


@login_required
def queue(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = current_user(request)
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    status = request.GET.get("status") or None
    if status not in {None, *CaseStatus.values}:
        status = None
    mine = request.GET.get("mine") == "1"
    try:
        cases = selectors.organisation_queue(
            actor=user, organisation_id=organisation.pk, status=status, mine=mine
        )
    except PermissionDenied:
        raise HttpForbidden from None
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "desk/queue.html",
        {
            "organisation": organisation,
            "page": page,
            "status": status,
            "mine": mine,
            "statuses": CaseStatus.choices,
        },
    )
