from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kontaktcenter.core.errors import ServiceError
from kontaktcenter.desk.forms import PeriodForm
from kontaktcenter.desk.views.common import current_user, report
from kontaktcenter.statistics.policies import may_view_statistics
from kontaktcenter.statistics.selectors import period_statistics
from kontaktcenter.statistics.written import first_answer_times, satisfaction


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not may_view_statistics(user):
        raise HttpForbidden
    form = PeriodForm(request.GET if "first_day" in request.GET else PeriodForm.default_period())
    result = None
    written = {}
    if form.is_valid():
        try:
            result = period_statistics(actor=user, **form.cleaned_data)
            written = {
                "first_answers": first_answer_times(actor=user, **form.cleaned_data),
                "satisfaction": satisfaction(actor=user, **form.cleaned_data),
            }
        except ServiceError as error:
            report(request, error)
    status = 200 if result is not None else 400
    context = {"form": form, "stats": result, **written}
    return render(request, "desk/statistics.html", context, status=status)
