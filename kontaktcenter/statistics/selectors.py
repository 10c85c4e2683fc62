"""Counts for follow-up (S8): contacts and cases in a period, by dimension.

Figures are aggregated in the database so they scale to millions of rows, and contain no
personal data, so analysts may see them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from kontaktcenter.accounts import permissions
from kontaktcenter.accounts.models import User
from kontaktcenter.cases.models import Case, CaseStatus, Channel, Contact, ContactOutcome
from kontaktcenter.core.errors import PermissionDenied, ValidationError

MAX_PERIOD_DAYS = 3 * 366


@dataclass(frozen=True)
class Row:
    label: str
    count: int


@dataclass(frozen=True)
class PeriodStatistics:
    first_day: date
    last_day: date
    contacts_total: int
    contacts_by_channel: list[Row]
    contacts_by_outcome: list[Row]
    answered_directly_share: float | None
    cases_total: int
    cases_closed: int
    cases_by_channel: list[Row]
    cases_by_category: list[Row]
    cases_by_organisation: list[Row]


def _period_bounds(first_day: date, last_day: date) -> tuple[datetime, datetime]:
    if last_day < first_day:
        raise ValidationError(_("The period's last day is before its first day."))
    if (last_day - first_day).days > MAX_PERIOD_DAYS:
        raise ValidationError(_("Choose a period of at most three years."))
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(first_day, time.min, tzinfo=zone)
    end = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def _rows(
    queryset: QuerySet[Contact] | QuerySet[Case], field: str, labels: dict[object, str]
) -> list[Row]:
    counted = queryset.order_by().values(field).annotate(n=Count("id")).order_by("-n", field)
    return [Row(labels.get(item[field], str(item[field] or "–")), item["n"]) for item in counted]


def period_statistics(*, actor: User, first_day: date, last_day: date) -> PeriodStatistics:
    if not permissions.can_view_statistics(actor):
        raise PermissionDenied(_("Your role cannot see statistics."))
    start, end = _period_bounds(first_day, last_day)
    contacts = Contact.objects.filter(started_at__gte=start, started_at__lt=end)
    cases = Case.objects.filter(created_at__gte=start, created_at__lt=end)

    channel_labels: dict[object, str] = {value: str(label) for value, label in Channel.choices}
    outcome_labels: dict[object, str] = {
        value: str(label) for value, label in ContactOutcome.choices
    }
    contacts_by_outcome = _rows(contacts, "outcome", outcome_labels)
    contacts_total = sum(row.count for row in contacts_by_outcome)
    finished = sum(
        r.count for r in contacts_by_outcome if r.label != outcome_labels[ContactOutcome.OPEN]
    )
    answered = next(
        (
            r.count
            for r in contacts_by_outcome
            if r.label == outcome_labels[ContactOutcome.ANSWERED_DIRECTLY]
        ),
        0,
    )
    by_category = _rows(cases, "category__name", {})
    return PeriodStatistics(
        first_day=first_day,
        last_day=last_day,
        contacts_total=contacts_total,
        contacts_by_channel=_rows(contacts, "channel", channel_labels),
        contacts_by_outcome=contacts_by_outcome,
        answered_directly_share=(answered / finished) if finished else None,
        cases_total=sum(row.count for row in by_category),
        cases_closed=cases.filter(status=CaseStatus.CLOSED).count(),
        cases_by_channel=_rows(cases, "channel", channel_labels),
        cases_by_category=by_category,
        cases_by_organisation=_rows(cases, "responsible_organisation__name", {}),
    )
