"""The committees' quality report (S13): the complaints and feedback an organisation and its
units received in a period, by kind, category, channel, status and delivery, and a row per case
saying where it was delivered.

Feedback is a case whose category has a feedback kind. Figures are grouped in the database and
rows are read in slices of a fixed size, so a year of a large administration's feedback costs
the same few queries per slice. Nothing here holds a resident's personal data: no names,
addresses, subjects or descriptions, only references, categories, times and statuses.
Confidential cases are counted but not listed (S10).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.cases.models import Case, CaseStatus, Channel
from kontaktcenter.core.errors import PermissionDenied, error_code
from kontaktcenter.directory.models import Organisation, OrganisationKind
from kontaktcenter.directory.selectors import organisation_get, organisation_with_descendants
from kontaktcenter.forwarding.models import (
    Delivery,
    DeliveryStatus,
    ExternalReference,
    WebhookEvent,
)
from kontaktcenter.routing.models import Category, FeedbackKind
from kontaktcenter.statistics import policies
from kontaktcenter.statistics.selectors import NOT_ALLOWED, Row, count_rows, period_bounds

ORGANISATION_NOT_ALLOWED = error_code(
    "statistics.organisation_not_allowed",
    _("You can see the quality report of your own organisation and its units only."),
)

# The deliveries that carry a case to a receiver; later ones only report its changes.
_CARRYING_EVENTS = (WebhookEvent.CASE_CREATED, WebhookEvent.CASE_FORWARDED)
SLICE = 500


class DeliveryState(models.TextChoices):
    """How far a case got towards the receiving systems, the best of its deliveries."""

    DELIVERED = "delivered", _("Delivered")
    WAITING = "waiting", _("Waiting to be sent")
    FAILED = "failed", _("Delivery failed")
    NOT_SENT = "not_sent", _("Not sent to any system")


@dataclass(frozen=True)
class QualityReport:
    organisation_id: int
    organisation: str
    organisation_code: str
    first_day: date
    last_day: date
    # The organisation and its units, as the report counted them; its rows are read for these.
    organisation_ids: frozenset[int]
    total: int
    closed: int
    # Counted in every figure but left out of the rows: a confidential case's reference and
    # category may not travel in a report (S10).
    confidential: int
    by_kind: list[Row]
    by_category: list[Row]
    by_channel: list[Row]
    by_status: list[Row]
    by_organisation: list[Row]
    by_delivery: list[Row]


@dataclass(frozen=True)
class DeliveredTo:
    """One receiving system a case was sent to."""

    endpoint: str
    status: str
    status_label: str
    reference: str


@dataclass(frozen=True)
class QualityCase:
    """One case of the report, with labels in the active language."""

    reference: str
    received_at: datetime
    closed_at: datetime | None
    kind: str
    category: str
    channel: str
    status: str
    organisation: str
    delivered_to: tuple[DeliveredTo, ...]


def quality_organisations(actor: Actor) -> QuerySet[Organisation]:
    """The organisations the actor may see the report of (committees receive no cases)."""
    if not policies.may_view_quality_report(actor):
        return Organisation.objects.none()
    organisations = Organisation.objects.exclude(kind=OrganisationKind.COMMITTEE).order_by("name")
    scope = policies.quality_report_scope(actor)
    return organisations if scope is None else organisations.filter(pk__in=scope)


def _organisation(actor: Actor, organisation_id: int) -> Organisation:
    if not policies.may_view_quality_report(actor):
        raise PermissionDenied(NOT_ALLOWED)
    if not policies.may_view_quality_report_of(actor, organisation_id):
        raise PermissionDenied(ORGANISATION_NOT_ALLOWED, field="organisation")
    return organisation_get(organisation_id)


def _feedback(organisation_ids: frozenset[int], first_day: date, last_day: date) -> QuerySet[Case]:
    start, end = period_bounds(first_day, last_day)
    return Case.objects.filter(
        responsible_organisation_id__in=organisation_ids,
        received_at__gte=start,
        received_at__lt=end,
    ).exclude(category__feedback_kind="")


def _carrying(status: str) -> Exists:
    return Exists(
        Delivery.objects.filter(
            case_id=OuterRef("pk"), webhook_event__in=_CARRYING_EVENTS, status=status
        )
    )


_DELIVERY_STATE = models.Case(
    When(_carrying(DeliveryStatus.DELIVERED), then=Value(DeliveryState.DELIVERED.value)),
    When(_carrying(DeliveryStatus.PENDING), then=Value(DeliveryState.WAITING.value)),
    When(_carrying(DeliveryStatus.DEAD), then=Value(DeliveryState.FAILED.value)),
    default=Value(DeliveryState.NOT_SENT.value),
    output_field=models.CharField(),
)


def _labels(choices: list[tuple[Any, Any]]) -> dict[Any, str]:
    return {value: str(label) for value, label in choices}


def quality_report(
    *, actor: Actor, organisation_id: int, first_day: date, last_day: date
) -> QualityReport:
    """The report's figures, from one grouped scan of the period's feedback."""
    organisation = _organisation(actor, organisation_id)
    organisation_ids = organisation_with_descendants(organisation.pk)
    by_kind: Counter[Any] = Counter()
    by_category: Counter[Any] = Counter()
    by_channel: Counter[Any] = Counter()
    by_status: Counter[Any] = Counter()
    by_organisation: Counter[Any] = Counter()
    by_delivery: Counter[Any] = Counter()
    confidential = 0
    groups = (
        _feedback(organisation_ids, first_day, last_day)
        .order_by()
        .annotate(delivery_state=_DELIVERY_STATE)
        .values(
            "category_id",
            "category__feedback_kind",
            "channel",
            "status",
            "responsible_organisation_id",
            "is_confidential",
            "delivery_state",
        )
        .annotate(n=Count("id"))
    )
    for group in groups:
        count = group["n"]
        by_kind[group["category__feedback_kind"]] += count
        by_category[group["category_id"]] += count
        by_channel[group["channel"]] += count
        by_status[group["status"]] += count
        by_organisation[group["responsible_organisation_id"]] += count
        by_delivery[group["delivery_state"]] += count
        if group["is_confidential"]:
            confidential += count
    return QualityReport(
        organisation_id=organisation.pk,
        organisation=organisation.name,
        organisation_code=organisation.code,
        first_day=first_day,
        last_day=last_day,
        organisation_ids=organisation_ids,
        total=sum(by_status.values()),
        closed=by_status[CaseStatus.CLOSED],
        confidential=confidential,
        by_kind=count_rows(by_kind, _labels(FeedbackKind.choices)),
        by_category=count_rows(
            by_category,
            dict(Category.objects.filter(pk__in=by_category).values_list("id", "name")),
        ),
        by_channel=count_rows(by_channel, _labels(Channel.choices)),
        by_status=count_rows(by_status, _labels(CaseStatus.choices)),
        by_organisation=count_rows(
            by_organisation,
            dict(Organisation.objects.filter(pk__in=by_organisation).values_list("id", "name")),
        ),
        by_delivery=count_rows(by_delivery, _labels(DeliveryState.choices)),
    )


def quality_cases(
    *, actor: Actor, report: QualityReport, limit: int | None = None
) -> Iterator[QualityCase]:
    """The report's non-confidential cases, oldest first, each with where it went.

    The check happens at the call, not at the first row. Rows are read SLICE at a time, each
    slice by position (received_at, id), so an export of any length costs three queries a slice.
    """
    if not policies.may_view_quality_report_of(actor, report.organisation_id):
        raise PermissionDenied(ORGANISATION_NOT_ALLOWED, field="organisation")
    cases = _feedback(report.organisation_ids, report.first_day, report.last_day).filter(
        is_confidential=False
    )
    # Labels in the language active now: a streamed download reads the rows after the view
    # has returned.
    labels = _RowLabels(
        kinds=_labels(FeedbackKind.choices),
        channels=_labels(Channel.choices),
        statuses=_labels(CaseStatus.choices),
        deliveries=_labels(DeliveryStatus.choices),
    )
    return _slices(cases, limit, labels)


@dataclass(frozen=True)
class _RowLabels:
    kinds: dict[Any, str]
    channels: dict[Any, str]
    statuses: dict[Any, str]
    deliveries: dict[Any, str]


_CASE_FIELDS = (
    "id",
    "reference",
    "received_at",
    "closed_at",
    "category__feedback_kind",
    "category__name",
    "channel",
    "status",
    "responsible_organisation__name",
)


def _slices(cases: QuerySet[Case], limit: int | None, labels: _RowLabels) -> Iterator[QualityCase]:
    given = 0
    after: tuple[datetime, int] | None = None
    while limit is None or given < limit:
        size = SLICE if limit is None else min(SLICE, limit - given)
        page = cases
        if after is not None:
            page = page.filter(
                Q(received_at__gt=after[0]) | Q(received_at=after[0], id__gt=after[1])
            )
        rows = list(page.order_by("received_at", "id").values(*_CASE_FIELDS)[:size])
        if not rows:
            return
        destinations = _destinations([row["id"] for row in rows], labels.deliveries)
        for row in rows:
            yield QualityCase(
                reference=row["reference"],
                received_at=row["received_at"],
                closed_at=row["closed_at"],
                kind=labels.kinds.get(row["category__feedback_kind"], ""),
                category=row["category__name"],
                channel=labels.channels.get(row["channel"], row["channel"]),
                status=labels.statuses.get(row["status"], row["status"]),
                organisation=row["responsible_organisation__name"],
                delivered_to=destinations.get(row["id"], ()),
            )
        given += len(rows)
        last = rows[-1]
        after = (last["received_at"], last["id"])
        if len(rows) < size:
            return


_STATUS_RANK: dict[str, int] = {
    DeliveryStatus.DELIVERED: 0,
    DeliveryStatus.PENDING: 1,
    DeliveryStatus.DEAD: 2,
}


def _destinations(
    case_ids: list[int], status_labels: dict[Any, str]
) -> dict[int, tuple[DeliveredTo, ...]]:
    """For each case, every endpoint that was sent the case, in the order it was sent there,
    with the best status of those deliveries and the receiver's reference."""
    references = {
        (case_id, endpoint_id): reference
        for case_id, endpoint_id, reference in ExternalReference.objects.filter(
            case_id__in=case_ids
        ).values_list("case_id", "endpoint_id", "reference")
    }
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for delivery in (
        Delivery.objects.filter(case_id__in=case_ids, webhook_event__in=_CARRYING_EVENTS)
        .order_by("created_at", "id")
        .values("case_id", "endpoint_id", "endpoint__name", "status", "external_reference")
    ):
        key = (delivery["case_id"], delivery["endpoint_id"])
        seen = found.setdefault(key, {**delivery, "reference": ""})
        if _STATUS_RANK.get(delivery["status"], 3) < _STATUS_RANK.get(seen["status"], 3):
            seen["status"] = delivery["status"]
        seen["reference"] = delivery["external_reference"] or seen["reference"]
    by_case: dict[int, list[DeliveredTo]] = defaultdict(list)
    for (case_id, endpoint_id), seen in found.items():
        by_case[case_id].append(
            DeliveredTo(
                endpoint=seen["endpoint__name"],
                status=seen["status"],
                status_label=status_labels.get(seen["status"], seen["status"]),
                reference=references.get((case_id, endpoint_id)) or seen["reference"],
            )
        )
    return {case_id: tuple(destinations) for case_id, destinations in by_case.items()}
