from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.core.errors import ServiceError
from kontaktcenter.desk import charts
from kontaktcenter.desk.forms import StatisticsForm
from kontaktcenter.desk.views.common import current_user, report
from kontaktcenter.statistics import exports
from kontaktcenter.statistics.policies import may_drill_down, may_view_statistics
from kontaktcenter.statistics.selectors import contact_patterns, filtered_period_statistics
from kontaktcenter.statistics.written import first_answer_times, satisfaction


def _weekdays() -> list[str]:
    return [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]


def _query(period: dict[str, Any]) -> str:
    """The page's period and filter as a query string, for its downloads and drill-down."""
    return urlencode(
        {
            "first_day": period["first_day"].isoformat(),
            "last_day": period["last_day"].isoformat(),
            "channel": period["channel"],
        }
    )


def _drill_down_link(user: Actor, period: dict[str, Any]) -> str:
    """The start of the link from a category's count to its cases, "" for analysts."""
    if not may_drill_down(user):
        return ""
    return f"{reverse('desk:statistics_cases')}?{_query(period)}&category="


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not may_view_statistics(user):
        raise HttpForbidden
    form = StatisticsForm(
        request.GET if "first_day" in request.GET else StatisticsForm.default_period()
    )
    context: dict[str, Any] = {"form": form, "stats": None}
    if form.is_valid():
        try:
            stats = filtered_period_statistics(actor=user, **form.cleaned_data)
            patterns = contact_patterns(actor=user, **form.cleaned_data)
            period = {
                "first_day": form.cleaned_data["first_day"],
                "last_day": form.cleaned_data["last_day"],
            }
            first_answers = first_answer_times(actor=user, **period)
            ratings = satisfaction(actor=user, **period)
        except ServiceError as error:
            report(request, error)
        else:
            context.update(
                stats=stats,
                first_answers=first_answers,
                satisfaction=ratings,
                by_day=patterns.by_day,
                trend=charts.trend(patterns.by_day),
                heat=list(
                    zip(_weekdays(), charts.heat_map(patterns.by_weekday_and_hour), strict=True)
                ),
                hours=range(24),
                channel_bars=charts.bars(stats.contacts_by_channel),
                outcome_bars=charts.bars(stats.contacts_by_outcome),
                category_bars=charts.bars(stats.cases_by_category),
                organisation_bars=charts.bars(stats.cases_by_organisation),
                drill_down=_drill_down_link(user, form.cleaned_data),
                query=_query(form.cleaned_data),
            )
    status = 200 if context["stats"] is not None else 400
    return render(request, "desk/statistics.html", context, status=status)


def _export(request: HttpRequest, extension: str) -> HttpResponseBase:
    """Every table of the page, for the same period and filters; suppressed counts as "<5"."""
    user = current_user(request)
    if not may_view_statistics(user):
        raise HttpForbidden
    form = StatisticsForm(request.GET)
    if not form.is_valid():
        return statistics(request)
    try:
        stats = filtered_period_statistics(actor=user, **form.cleaned_data)
        patterns = contact_patterns(actor=user, **form.cleaned_data)
    except ServiceError:
        return statistics(request)
    all_tables = exports.tables(stats, patterns)
    response = (
        HttpResponse(exports.csv_text(all_tables), content_type="text/csv; charset=utf-8")
        if extension == "csv"
        else HttpResponse(exports.xlsx_bytes(all_tables), content_type=exports.XLSX_CONTENT_TYPE)
    )
    name = exports.filename(stats.first_day, stats.last_day, extension)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def statistics_csv(request: HttpRequest) -> HttpResponseBase:
    return _export(request, "csv")


@login_required
def statistics_xlsx(request: HttpRequest) -> HttpResponseBase:
    return _export(request, "xlsx")
