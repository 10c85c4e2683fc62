"""Counts for follow-up (S8): contacts and cases in a period, by dimension.

Figures are aggregated in the database so they scale to millions of rows, and contain no
personal data, so analysts may see them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncDate, TruncHour
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.cases.models import (
    Case,
    CaseEventKind,
    CaseStatus,
    Channel,
    Contact,
    ContactOutcome,
)
from kontaktcenter.cases.selectors import visible_cases
from kontaktcenter.core.errors import PermissionDenied, ValidationError, error_code
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.models import Category
from kontaktcenter.statistics import aggregates, measures, policies
from kontaktcenter.statistics.expressions import DaysBetween
from kontaktcenter.statistics.models import ContactHour

PERIOD_REVERSED = error_code(
    "statistics.period_reversed", _("The period's last day is before its first day.")
)
PERIOD_TOO_LONG = error_code(
    "statistics.period_too_long", _("Choose a period of at most three years.")
)
NOT_ALLOWED = error_code("statistics.not_allowed", _("Your role cannot see statistics."))

MAX_PERIOD_DAYS = 3 * 366

# Counts of confidential categories below this are suppressed (issue 16, item 5).
SMALL_COUNT = 5

# Lead time of a closed case (S8); summed per group, so the mean costs no extra scan.
# Counted from when the resident got in touch, which is what the resident waited.
_DAYS_TO_CLOSE = DaysBetween("received_at", "closed_at")


@dataclass(frozen=True)
class Row:
    """One group's count; `count` is None where it is suppressed (fewer than SMALL_COUNT cases
    of a confidential category shown to someone who may not see those cases)."""

    label: str
    count: int | None
    # The group's value (a category's id …), for suppression and drill-down; not compared.
    key: object = field(default=None, compare=False)

    @property
    def suppressed(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class PeriodStatistics:
    first_day: date
    last_day: date
    contacts_total: int
    contacts_by_channel: list[Row]
    contacts_by_outcome: list[Row]
    answered_directly_share: float | None
    transferred_share: float | None
    cases_total: int
    cases_closed: int
    mean_days_to_close: float | None
    cases_by_channel: list[Row]
    cases_by_category: list[Row]
    cases_by_organisation: list[Row]


def period_bounds(first_day: date, last_day: date) -> tuple[datetime, datetime]:
    if last_day < first_day:
        raise ValidationError(PERIOD_REVERSED, field="last_day")
    if (last_day - first_day).days > MAX_PERIOD_DAYS:
        raise ValidationError(PERIOD_TOO_LONG, field="last_day")
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(first_day, time.min, tzinfo=zone)
    end = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def count_rows(counts: Mapping[Any, int], labels: Mapping[Any, str]) -> list[Row]:
    """Largest first; equal counts in label order, so the table reads the same every time."""
    rows = [Row(labels.get(key, str(key or "–")), count, key) for key, count in counts.items()]
    return sorted(rows, key=lambda row: (-(row.count or 0), row.label))


def suppress_small_counts(rows: list[Row], confidential: frozenset[object]) -> list[Row]:
    """Issue 16, item 5: a count of 1–4 cases in a confidential category could point at a
    person, so it is replaced by "fewer than 5"; zero reveals no one and is kept. The
    suppressed rows go last so their place in the order does not hint at their size."""
    kept = [
        row for row in rows if row.key not in confidential or not 0 < (row.count or 0) < SMALL_COUNT
    ]
    hidden = [
        Row(row.label, None, row.key)
        for row in rows
        if row.key in confidential and 0 < (row.count or 0) < SMALL_COUNT
    ]
    return kept + sorted(hidden, key=lambda row: row.label)


def period_statistics(*, actor: Actor, first_day: date, last_day: date) -> PeriodStatistics:
    return filtered_period_statistics(
        actor=actor, first_day=first_day, last_day=last_day, channel=""
    )


def filtered_period_statistics(
    *, actor: Actor, first_day: date, last_day: date, channel: str
) -> PeriodStatistics:
    """Counts for the period from two grouped scans: one over contacts, one over cases.

    Each scan groups by every dimension at once and the totals per dimension are summed here,
    so a year of several million rows is read twice instead of once per table on the page.
    """
    if not policies.may_view_statistics(actor):
        raise PermissionDenied(NOT_ALLOWED)
    start, end = period_bounds(first_day, last_day)
    only_channel = {"channel": channel} if channel else {}

    contacts_by_channel: Counter[object] = Counter()
    contacts_by_outcome: Counter[object] = Counter()
    aggregates.refresh()
    for group in (
        ContactHour.objects.filter(hour__gte=start, hour__lt=end, **only_channel)
        .order_by()
        .values("channel", "outcome")
        .annotate(n=Sum("count"))
    ):
        contacts_by_channel[group["channel"]] += group["n"]
        contacts_by_outcome[group["outcome"]] += group["n"]

    cases_by_channel: Counter[object] = Counter()
    cases_by_category: Counter[object] = Counter()
    cases_by_organisation: Counter[object] = Counter()
    cases_closed = 0
    days_to_close = 0.0
    for group in (
        Case.objects.filter(received_at__gte=start, received_at__lt=end, **only_channel)
        .order_by()
        .values("channel", "category_id", "responsible_organisation_id", "status")
        .annotate(n=Count("id"), days_to_close=Sum(_DAYS_TO_CLOSE))
    ):
        cases_by_channel[group["channel"]] += group["n"]
        cases_by_category[group["category_id"]] += group["n"]
        cases_by_organisation[group["responsible_organisation_id"]] += group["n"]
        if group["status"] == CaseStatus.CLOSED:
            cases_closed += group["n"]
            days_to_close += group["days_to_close"] or 0.0

    channel_labels = {value: str(label) for value, label in Channel.choices}
    finished = sum(contacts_by_outcome.values()) - contacts_by_outcome[ContactOutcome.OPEN]
    answered = contacts_by_outcome[ContactOutcome.ANSWERED_DIRECTLY]
    return PeriodStatistics(
        first_day=first_day,
        last_day=last_day,
        contacts_total=sum(contacts_by_outcome.values()),
        contacts_by_channel=count_rows(contacts_by_channel, channel_labels),
        contacts_by_outcome=count_rows(
            contacts_by_outcome, {value: str(label) for value, label in ContactOutcome.choices}
        ),
        answered_directly_share=(answered / finished) if finished else None,
        transferred_share=(
            contacts_by_outcome[ContactOutcome.TRANSFERRED] / finished if finished else None
        ),
        cases_total=sum(cases_by_channel.values()),
        cases_closed=cases_closed,
        mean_days_to_close=(days_to_close / cases_closed if cases_closed else None),
        cases_by_channel=count_rows(cases_by_channel, channel_labels),
        cases_by_category=_category_rows(actor, cases_by_category),
        cases_by_organisation=count_rows(
            cases_by_organisation,
            dict(
                Organisation.objects.filter(pk__in=cases_by_organisation).values_list("id", "name")
            ),
        ),
    )


def _category_rows(actor: Actor, counts: Counter[object]) -> list[Row]:
    categories = Category.objects.filter(pk__in=counts).values_list("id", "name", "is_confidential")
    rows = count_rows(counts, {pk: name for pk, name, _secret in categories})
    if policies.may_see_small_confidential_counts(actor):
        return rows
    return suppress_small_counts(rows, frozenset(pk for pk, _name, secret in categories if secret))


@dataclass(frozen=True)
class ContactPatterns:
    """When residents get in touch: contacts per day, and per weekday and hour (a heat map)."""

    by_day: list[tuple[date, int]]
    # by_weekday_and_hour[weekday][hour], Monday first, Stockholm's local hours.
    by_weekday_and_hour: list[list[int]]


def contact_patterns(
    *, actor: Actor, first_day: date, last_day: date, channel: str = ""
) -> ContactPatterns:
    """Two grouped scans of the period's hourly contact aggregates (refreshed first); days and
    hours in Stockholm's time."""
    if not policies.may_view_statistics(actor):
        raise PermissionDenied(NOT_ALLOWED)
    start, end = period_bounds(first_day, last_day)
    aggregates.refresh()
    # Stockholm's offsets are whole hours, so each stored UTC hour is one local hour.
    hours = ContactHour.objects.filter(hour__gte=start, hour__lt=end).order_by()
    if channel:
        hours = hours.filter(channel=channel)
    zone = ZoneInfo(settings.TIME_ZONE)
    per_day = dict(
        hours.annotate(day=TruncDate("hour", tzinfo=zone))
        .values("day")
        .annotate(n=Sum("count"))
        .values_list("day", "n")
    )
    days = (last_day - first_day).days + 1
    grid = [[0] * 24 for _weekday in range(7)]
    for weekday, hour, count in (
        hours.annotate(
            weekday=ExtractIsoWeekDay("hour", tzinfo=zone),
            hour_of_day=ExtractHour("hour", tzinfo=zone),
        )
        .values("weekday", "hour_of_day")
        .annotate(n=Sum("count"))
        .values_list("weekday", "hour_of_day", "n")
    ):
        grid[weekday - 1][hour] += count
    return ContactPatterns(
        by_day=[
            (first_day + timedelta(days=offset), per_day.get(first_day + timedelta(days=offset), 0))
            for offset in range(days)
        ],
        by_weekday_and_hour=grid,
    )


def _hours(value: timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 3600, 2)


@dataclass(frozen=True)
class ServiceMeasures:
    """The measures of docs/measures.md for the contacts and cases received in a period."""

    outcome_shares: measures.OutcomeShares
    to_first_reply: measures.LeadTimes
    to_closing: measures.LeadTimes
    deadline_compliance: float | None
    written_handling: measures.HandlingTime
    emails_answered_within_one_working_day: float | None
    phone_direct_answer_share: float | None

    def as_json(self) -> dict[str, object]:
        return {
            "finished_contacts": self.outcome_shares.finished,
            "answered_directly_share": self.outcome_shares.answered_directly,
            "transferred_share": self.outcome_shares.transferred,
            "referred_share": self.outcome_shares.referred,
            "cases_replied": self.to_first_reply.count,
            "first_reply_median_working_hours": _hours(self.to_first_reply.median),
            "first_reply_p90_working_hours": _hours(self.to_first_reply.p90),
            "cases_closed": self.to_closing.count,
            "closing_median_working_hours": _hours(self.to_closing.median),
            "closing_p90_working_hours": _hours(self.to_closing.p90),
            "deadline_compliance": self.deadline_compliance,
            "written_contacts_handled": self.written_handling.contacts,
            "written_handling_mean_seconds": self.written_handling.mean_seconds,
            "written_handling_median_seconds": self.written_handling.median_seconds,
            "written_handling_p90_seconds": self.written_handling.p90_seconds,
            "kkik_emails_answered_within_one_working_day": (
                self.emails_answered_within_one_working_day
            ),
            "kkik_phone_direct_answer_share": self.phone_direct_answer_share,
        }


def service_measures(*, actor: Actor, first_day: date, last_day: date) -> ServiceMeasures:
    """Reads the period's rows (times and outcomes only, no personal data) and applies the
    measures' functions, so every figure has the one definition in statistics/measures.py."""
    if not policies.may_view_statistics(actor):
        raise PermissionDenied(NOT_ALLOWED)
    start, end = period_bounds(first_day, last_day)
    cases = list(
        Case.objects.filter(received_at__gte=start, received_at__lt=end)
        .order_by()
        .annotate(
            first_reply=Min("events__occurred_at", filter=Q(events__kind=CaseEventKind.REPLY_SENT))
        )
        .values_list("received_at", "first_reply", "closed_at", "deadline_at")
    )
    contacts = list(
        Contact.objects.filter(received_at__gte=start, received_at__lt=end)
        .order_by()
        .values_list("channel", "outcome", "received_at", "started_at", "ended_at")
    )
    finished = [
        (channel, outcome, received, started, ended if outcome != ContactOutcome.OPEN else None)
        for channel, outcome, received, started, ended in contacts
    ]
    return ServiceMeasures(
        outcome_shares=measures.outcome_shares(outcome for _c, outcome, *_rest in contacts),
        to_first_reply=measures.lead_times((received, reply) for received, reply, *_r in cases),
        to_closing=measures.lead_times((received, closed) for received, _r, closed, _d in cases),
        deadline_compliance=measures.deadline_compliance(
            (deadline, closed) for _received, _r, closed, deadline in cases
        ),
        written_handling=measures.written_handling_time(
            (channel, started, ended) for channel, _o, _r, started, ended in finished
        ),
        emails_answered_within_one_working_day=measures.emails_answered_within_one_working_day(
            (received, ended)
            for channel, _o, received, _s, ended in finished
            if channel == Channel.EMAIL
        ),
        phone_direct_answer_share=measures.phone_direct_answer_share(
            (channel, outcome) for channel, outcome, *_rest in contacts
        ),
    )


def hourly_contacts(
    *, actor: Actor, first_day: date, last_day: date, channel: str = "", site_id: int | None = None
) -> dict[datetime, int]:
    """Contacts per hour on Stockholm's clock (naive local hour starts), for the forecast;
    hours without contacts are present with 0."""
    if not policies.may_view_statistics(actor):
        raise PermissionDenied(NOT_ALLOWED)
    start, end = period_bounds(first_day, last_day)
    contacts = Contact.objects.filter(received_at__gte=start, received_at__lt=end).order_by()
    if channel:
        contacts = contacts.filter(channel=channel)
    if site_id is not None:
        contacts = contacts.filter(site_id=site_id)
    zone = ZoneInfo(settings.TIME_ZONE)
    counts: Counter[datetime] = Counter()
    for hour, count in (
        contacts.annotate(hour=TruncHour("received_at", tzinfo=zone))
        .values("hour")
        .annotate(n=Count("id"))
        .values_list("hour", "n")
    ):
        counts[hour.astimezone(zone).replace(tzinfo=None)] += count
    first = datetime.combine(first_day, time.min)
    hours = ((last_day - first_day).days + 1) * 24
    return {first + timedelta(hours=n): counts[first + timedelta(hours=n)] for n in range(hours)}


DRILL_DOWN_LIMIT = 200


def cases_behind(
    *, actor: Actor, first_day: date, last_day: date, category_id: int, channel: str = ""
) -> list[Case]:
    """The cases behind a category's count, as far as the actor may read them (drill-down),
    newest first, at most DRILL_DOWN_LIMIT."""
    if not policies.may_view_statistics(actor) or not policies.may_drill_down(actor):
        raise PermissionDenied(NOT_ALLOWED)
    start, end = period_bounds(first_day, last_day)
    cases = visible_cases(actor).filter(
        received_at__gte=start, received_at__lt=end, category_id=category_id
    )
    if channel:
        cases = cases.filter(channel=channel)
    return list(cases.order_by("-received_at")[:DRILL_DOWN_LIMIT])
