"""Work lists: an organisation's queue with filters, sorting and keyset pages, bulk
assignment from it, and the supervisor's list of cases near or past their deadline."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kontaktcenter.accounts.roles import CONTACT_CENTER_ROLES
from kontaktcenter.cases import policies, rules, selectors, services
from kontaktcenter.cases.choices import AccessPurpose
from kontaktcenter.cases.queue_pages import DeadlineFilter, QueueFilters, QueueSort, QueueView
from kontaktcenter.core.errors import NotFound, ServiceError
from kontaktcenter.desk.casework_forms import BulkAssignForm, QueueFilterForm
from kontaktcenter.desk.views.common import current_user, log_reads, report
from kontaktcenter.directory.selectors import operator_organisation, organisation_get

# The page size of the queue, for benchmarks.measure.
PAGE_SIZE = selectors.QUEUE_PAGE_SIZE


@login_required
def my_queue(request: HttpRequest) -> HttpResponse:
    """Officers work their organisation's queue; tier 2 works the contact center's own cases."""
    user = current_user(request)
    if user.role in CONTACT_CENTER_ROLES:
        return redirect("desk:queue", organisation_id=operator_organisation().pk)
    return redirect("desk:queue", organisation_id=user.organisation_id)


def _filters(form: QueueFilterForm) -> QueueFilters:
    if not form.is_valid():
        return QueueFilters()
    data = form.cleaned_data
    return QueueFilters(
        view=QueueView(data["view"] or QueueView.ALL),
        status=data["status"] or None,
        category_id=data["category"].pk if data["category"] else None,
        assignee_id=data["assignee"].pk if data["assignee"] else None,
        queue_id=data["queue"].pk if data["queue"] else None,
        priority=data["priority"],
        deadline=DeadlineFilter(data["deadline"]) if data["deadline"] else None,
        sort=QueueSort(data["sort"] or QueueSort.RECEIVED),
    )


@login_required
def queue(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = current_user(request)
    # The old "only mine" link keeps working.
    data = request.GET.copy()
    if data.get("mine") == "1" and not data.get("view"):
        data["view"] = QueueView.MINE
    form = QueueFilterForm(data, organisation_id=organisation_id)
    filters = _filters(form)
    try:
        organisation = organisation_get(organisation_id)
        page = selectors.queue_page(
            actor=user,
            organisation_id=organisation_id,
            filters=filters,
            cursor=request.GET.get("after") or None,
        )
    except NotFound:
        raise Http404 from None
    log_reads(request, page.cases, AccessPurpose.QUEUE)
    kept = {key: value for key, value in data.items() if key not in {"after", "mine"} and value}
    next_url = f"?{urlencode({**kept, 'after': page.next_cursor})}" if page.next_cursor else ""
    first_url = f"?{urlencode(kept)}" if request.GET.get("after") else ""
    can_dispatch = rules.may_assign_others(user.role)
    return render(
        request,
        "desk/queue.html",
        {
            "organisation": organisation,
            "page": page,
            "cases": page.cases,
            "states": page.deadline_states,
            "form": form,
            "next_url": next_url,
            "first_url": first_url,
            "can_dispatch": can_dispatch,
            "bulk_form": BulkAssignForm(organisation_id=organisation_id) if can_dispatch else None,
        },
    )


@login_required
@require_POST
def bulk_assign(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = current_user(request)
    if not policies.may_view_queue(user, organisation_id):
        raise Http404
    if not rules.may_assign_others(user.role):
        raise HttpForbidden
    form = BulkAssignForm(request.POST, organisation_id=organisation_id)
    back = request.POST.get("back", "")
    target = reverse("desk:queue", args=[organisation_id]) + (back if back.startswith("?") else "")
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect(target)
    cases = selectors.cases_by_references(actor=user, references=form.cleaned_data["cases"])
    try:
        changed = services.case_bulk_assign(
            actor=user,
            cases=cases,
            assignee=form.cleaned_data["assignee"],
            queue=form.cleaned_data["queue"],
            reason=form.cleaned_data["reason"],
        )
    except ServiceError as error:
        report(request, error)
    else:
        messages.success(
            request,
            ngettext("%(count)d case was assigned.", "%(count)d cases were assigned.", changed)
            % {"count": changed},
        )
    return redirect(target)


@login_required
def deadline_report(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not policies.may_see_deadline_report(user):
        raise HttpForbidden
    page = selectors.deadline_report(actor=user)
    log_reads(request, page.cases, AccessPurpose.QUEUE)
    return render(
        request,
        "desk/deadline_report.html",
        {"cases": page.cases, "states": page.deadline_states},
    )
