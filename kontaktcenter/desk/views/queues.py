"""An organisation's work list of open cases."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kontaktcenter.accounts.roles import CONTACT_CENTER_ROLES
from kontaktcenter.cases import selectors
from kontaktcenter.cases.choices import AccessPurpose, CaseStatus
from kontaktcenter.core.errors import NotFound
from kontaktcenter.desk.views.common import current_user, log_reads
from kontaktcenter.directory.selectors import operator_organisation, organisation_get

PAGE_SIZE = 50


@login_required
def my_queue(request: HttpRequest) -> HttpResponse:
    """Officers work their organisation's queue; tier 2 works the contact center's own cases."""
    user = current_user(request)
    if user.role in CONTACT_CENTER_ROLES:
        return redirect("desk:queue", organisation_id=operator_organisation().pk)
    return redirect("desk:queue", organisation_id=user.organisation_id)


@login_required
def queue(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = current_user(request)
    status = request.GET.get("status") or None
    if status not in {None, *CaseStatus.values}:
        status = None
    mine = request.GET.get("mine") == "1"
    try:
        cases = selectors.organisation_queue(
            actor=user, organisation_id=organisation_id, status=status, mine=mine
        )
        organisation = organisation_get(organisation_id)
    except NotFound:
        raise Http404 from None
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    log_reads(request, page.object_list, AccessPurpose.QUEUE)
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
