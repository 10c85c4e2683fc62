"""Written inquiries and residents' satisfaction (S1, S8): figures without personal data.

- Time until first answer per channel: from when the resident got in touch (the contact's
  `received_at`) to the case's first reply, so e-mail and e-service are measured like phone
  contacts that became cases. Averaged in the database.
- Satisfaction after closing (1–5) per organisation and category: counts and means only; no
  case, reference or comment is shown, so an analyst cannot tell who answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, Min, OuterRef, Subquery, Sum

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.cases.models import (
    CaseEvent,
    CaseEventKind,
    Channel,
    Contact,
    SatisfactionAnswer,
)
from kontaktcenter.core.errors import PermissionDenied
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.models import Category
from kontaktcenter.statistics import policies
from kontaktcenter.statistics.expressions import DaysBetween
from kontaktcenter.statistics.selectors import NOT_ALLOWED, period_bounds


@dataclass(frozen=True)
class FirstAnswerRow:
    channel: str
    contacts: int
    answered: int
    mean_hours: float | None


@dataclass(frozen=True)
class SatisfactionRow:
    label: str
    answers: int
    mean: float


@dataclass(frozen=True)
class Satisfaction:
    answers: int
    mean: float | None
    by_score: dict[int, int]
    by_organisation: list[SatisfactionRow]
    by_category: list[SatisfactionRow]


def first_answer_times(*, actor: Actor, first_day: date, last_day: date) -> list[FirstAnswerRow]:
    """Contacts that became cases in the period, by channel, with the mean time to the first
    reply among those answered."""
    if not policies.may_view_statistics(actor):
        raise PermissionDenied(NOT_ALLOWED)
    start, end = period_bounds(first_day, last_day)
    first_reply = (
        CaseEvent.objects.filter(case_id=OuterRef("case_id"), kind=CaseEventKind.REPLY_SENT)
        .order_by()
        .values("case_id")
        .annotate(first=Min("occurred_at"))
        .values("first")
    )
    groups = (
        Contact.objects.filter(received_at__gte=start, received_at__lt=end, case__isnull=False)
        .annotate(first_answer=Subquery(first_reply))
        .order_by()
        .values("channel")
        .annotate(
            contacts=Count("id"),
            answered=Count("first_answer"),
            days=Sum(DaysBetween("received_at", "first_answer")),
        )
    )
    labels = dict(Channel.choices)
    rows = [
        FirstAnswerRow(
            channel=str(labels.get(group["channel"], group["channel"])),
            contacts=group["contacts"],
            answered=group["answered"],
            mean_hours=(group["days"] * 24 / group["answered"]) if group["answered"] else None,
        )
        for group in groups
    ]
    return sorted(rows, key=lambda row: (-row.contacts, row.channel))


def satisfaction(*, actor: Actor, first_day: date, last_day: date) -> Satisfaction:
    if not policies.may_view_statistics(actor):
        raise PermissionDenied(NOT_ALLOWED)
    start, end = period_bounds(first_day, last_day)
    answers = SatisfactionAnswer.objects.filter(answered_at__gte=start, answered_at__lt=end)
    by_score = dict.fromkeys(range(1, 6), 0)
    for group in answers.order_by().values("score").annotate(n=Count("id")):
        by_score[group["score"]] = group["n"]
    total = sum(by_score.values())

    def rows(field: str, names: dict[int, str]) -> list[SatisfactionRow]:
        grouped = answers.order_by().values(field).annotate(n=Count("id"), mean=Avg("score"))
        found = [
            SatisfactionRow(names.get(group[field], "–"), group["n"], float(group["mean"]))
            for group in grouped
        ]
        return sorted(found, key=lambda row: (-row.answers, row.label))

    organisation_ids = set(answers.values_list("organisation_id", flat=True).distinct())
    category_ids = set(answers.values_list("category_id", flat=True).distinct())
    return Satisfaction(
        answers=total,
        mean=(sum(score * n for score, n in by_score.items()) / total) if total else None,
        by_score=by_score,
        by_organisation=rows(
            "organisation_id",
            dict(Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", "name")),
        ),
        by_category=rows(
            "category_id",
            dict(Category.objects.filter(pk__in=category_ids).values_list("pk", "name")),
        ),
    )
