"""Drill-down: from a count on the statistics page to the cases behind it (S8)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kontaktcenter.cases.choices import AccessPurpose
from kontaktcenter.core.errors import ServiceError
from kontaktcenter.desk.forms import StatisticsForm
from kontaktcenter.desk.views.common import current_user, log_reads
from kontaktcenter.statistics.policies import may_drill_down, may_view_statistics
from kontaktcenter.statistics.selectors import DRILL_DOWN_LIMIT, cases_behind


@login_required
def statistics_cases(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    # An analyst sees aggregates only: for them the cases behind a number do not exist here.
    if not may_view_statistics(user) or not may_drill_down(user):
        raise Http404
    form = StatisticsForm(request.GET)
    category = request.GET.get("category", "")
    if not form.is_valid() or not category.isdigit():
        raise Http404
    try:
        cases = cases_behind(actor=user, category_id=int(category), **form.cleaned_data)
    except ServiceError:
        raise Http404 from None
    log_reads(request, cases, AccessPurpose.SEARCH_HIT)
    return render(
        request,
        "desk/statistics_cases.html",
        {"form": form, "cases": cases, "limit": DRILL_DOWN_LIMIT},
    )
