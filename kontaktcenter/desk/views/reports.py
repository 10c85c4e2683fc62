"""The committees' quality report (S13) on a page and as CSV and XLSX downloads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from kontaktcenter.core.errors import ServiceError
from kontaktcenter.desk.forms import PeriodForm, QualityReportForm
from kontaktcenter.desk.views.common import current_user, show_on_form
from kontaktcenter.statistics import quality, quality_exports
from kontaktcenter.statistics.policies import may_view_quality_report

if TYPE_CHECKING:
    from kontaktcenter.accounts.models import User

# Cases listed on the page; the downloads have them all.
PAGE_ROWS = 100


def _form(request: HttpRequest, user: User) -> QualityReportForm:
    if not may_view_quality_report(user):
        raise HttpForbidden
    # Opens on the user's own organisation and the last 30 days of Stockholm's calendar.
    data: Any = (
        request.GET
        if "first_day" in request.GET
        else {"organisation": user.organisation_id, **PeriodForm.default_period()}
    )
    return QualityReportForm(data, organisations=quality.quality_organisations(user))


def _arguments(user: User, form: QualityReportForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "actor": user,
        "organisation_id": data["organisation"].pk,
        "first_day": data["first_day"],
        "last_day": data["last_day"],
    }


def _page(request: HttpRequest, form: QualityReportForm) -> HttpResponse:
    user = current_user(request)
    report: quality.QualityReport | None = None
    cases: list[quality.QualityCase] = []
    query = ""
    if form.is_valid():
        try:
            report = quality.quality_report(**_arguments(user, form))
            cases = list(quality.quality_cases(actor=user, report=report, limit=PAGE_ROWS))
        except ServiceError as error:
            show_on_form(form, error)
            report = None
    if report is not None:
        query = urlencode(
            {
                "organisation": report.organisation_id,
                "first_day": report.first_day.isoformat(),
                "last_day": report.last_day.isoformat(),
            }
        )
    context = {
        "form": form,
        "report": report,
        "cases": cases,
        "listed": report.total - report.confidential if report else 0,
        "query": query,
    }
    return render(
        request, "desk/quality_report.html", context, status=200 if report is not None else 400
    )


@login_required
def quality_report(request: HttpRequest) -> HttpResponse:
    return _page(request, _form(request, current_user(request)))


def _export(request: HttpRequest, extension: str) -> HttpResponseBase:
    user = current_user(request)
    form = _form(request, user)
    if not form.is_valid():
        return _page(request, form)
    try:
        report = quality.quality_report(**_arguments(user, form))
        cases = quality.quality_cases(actor=user, report=report)
    except ServiceError as error:
        show_on_form(form, error)
        return _page(request, form)
    response: HttpResponseBase
    if extension == "csv":
        response = StreamingHttpResponse(
            quality_exports.csv_lines(cases), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            quality_exports.xlsx_bytes(report, cases),
            content_type=quality_exports.XLSX_CONTENT_TYPE,
        )
    name = quality_exports.filename(report, extension)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def quality_report_csv(request: HttpRequest) -> HttpResponseBase:
    return _export(request, "csv")


@login_required
def quality_report_xlsx(request: HttpRequest) -> HttpResponseBase:
    return _export(request, "xlsx")
