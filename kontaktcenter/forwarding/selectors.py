"""Reads of endpoints and deliveries, scoped to what the actor may manage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, Subquery

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import NotFound
from kontaktcenter.directory.models import Organisation, OrganisationKind
from kontaktcenter.forwarding import errors, policies
from kontaktcenter.forwarding.choices import AttemptOutcome, DeliveryStatus
from kontaktcenter.forwarding.models import (
    Delivery,
    DeliveryAttempt,
    Endpoint,
    EndpointSecret,
    ExternalReference,
)


class Circuit(StrEnum):
    """The circuit breaker as people read it."""

    CLOSED = "closed"  # delivering normally
    OPEN = "open"  # paused after failures in a row, until the cool-down has passed
    HALF_OPEN = "half_open"  # cool-down over: the next delivery is a probe


def circuit_of(endpoint: Endpoint, at: datetime) -> Circuit:
    if endpoint.failures_in_row < settings.FORWARDING_CIRCUIT_FAILURES:
        return Circuit.CLOSED
    if endpoint.paused_until is not None and endpoint.paused_until > at:
        return Circuit.OPEN
    return Circuit.HALF_OPEN


@dataclass(frozen=True)
class EndpointStatus:
    endpoint: Endpoint
    pending: int
    delivered: int
    dead: int
    oldest_pending_seconds: float | None
    delivered_last_24h: int
    failures_last_24h: int
    circuit: Circuit

    @property
    def failing_too_long(self) -> bool:
        since = self.endpoint.failing_since
        return since is not None and now() - since > timedelta(
            minutes=settings.FORWARDING_WARN_AFTER_MINUTES
        )

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.endpoint.name,
            "organisation": self.endpoint.organisation.name,
            "pending": self.pending,
            "delivered": self.delivered,
            "dead": self.dead,
            "oldest_pending_seconds": self.oldest_pending_seconds,
            "circuit": self.circuit.value,
        }


def endpoints(actor: Actor) -> QuerySet[Endpoint]:
    return (
        Endpoint.objects.filter(policies.endpoints_for(actor))
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


def endpoint_get(*, actor: Actor, endpoint_id: int) -> Endpoint:
    endpoint = endpoints(actor).filter(pk=endpoint_id).first()
    if endpoint is None:
        raise NotFound(errors.ENDPOINT_NOT_FOUND)
    return endpoint


def endpoint_statuses(
    actor: Actor, *, only: QuerySet[Endpoint] | None = None
) -> list[EndpointStatus]:
    """Backlog, age of the oldest undelivered, last day's deliveries and failures, circuit."""
    at = now()
    day_ago = at - timedelta(hours=24)
    # `only` narrows the list (and may prefetch); it never widens what the actor may see.
    chosen = list(
        only.filter(policies.endpoints_for(actor)) if only is not None else endpoints(actor)
    )
    ids = [endpoint.pk for endpoint in chosen]
    counts = {
        row["endpoint_id"]: row
        for row in Delivery.objects.filter(endpoint_id__in=ids)
        .order_by()
        .values("endpoint_id")
        .annotate(
            pending=Count("id", filter=Q(status=DeliveryStatus.PENDING)),
            delivered=Count("id", filter=Q(status=DeliveryStatus.DELIVERED)),
            dead=Count("id", filter=Q(status=DeliveryStatus.DEAD)),
            oldest_pending=Min("created_at", filter=Q(status=DeliveryStatus.PENDING)),
        )
    }
    recent = {
        row["delivery__endpoint_id"]: row
        for row in DeliveryAttempt.objects.filter(
            delivery__endpoint_id__in=ids, started_at__gte=day_ago
        )
        .order_by()
        .values("delivery__endpoint_id")
        .annotate(
            delivered=Count("id", filter=Q(outcome=AttemptOutcome.DELIVERED)),
            failed=Count("id", filter=~Q(outcome=AttemptOutcome.DELIVERED)),
        )
    }
    statuses = []
    for endpoint in chosen:
        row = counts.get(endpoint.pk, {})
        oldest = row.get("oldest_pending")
        day = recent.get(endpoint.pk, {})
        statuses.append(
            EndpointStatus(
                endpoint=endpoint,
                pending=row.get("pending", 0),
                delivered=row.get("delivered", 0),
                dead=row.get("dead", 0),
                oldest_pending_seconds=(at - oldest).total_seconds() if oldest else None,
                delivered_last_24h=day.get("delivered", 0),
                failures_last_24h=day.get("failed", 0),
                circuit=circuit_of(endpoint, at),
            )
        )
    return statuses


def case_deliveries(case_id: int) -> QuerySet[Delivery]:
    """Where a case went: each delivery with its endpoint, newest first."""
    return (
        Delivery.objects.filter(case_id=case_id)
        .select_related("endpoint", "endpoint__organisation")
        .order_by("-created_at", "-id")
    )


def failing_endpoints(actor: Actor) -> list[Endpoint]:
    """The actor's endpoints that have failed for longer than the warning time.

    Shown on every desk page to administrators, so it costs one query: the failing endpoints
    anywhere (usually none), then the policy in memory. Only when something is failing does an
    organisation administrator's scope get looked up (once per request; the user caches it).
    """
    if not policies.may_manage_endpoints(actor):
        return []
    limit = now() - timedelta(minutes=settings.FORWARDING_WARN_AFTER_MINUTES)
    failing = (
        Endpoint.objects.filter(failing_since__lt=limit, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )
    return [
        endpoint
        for endpoint in failing
        if policies.may_manage_endpoints_of(actor, endpoint.organisation_id)
    ]


def manageable_organisations(actor: Actor) -> QuerySet[Organisation]:
    """The organisations the actor may add endpoints for (committees receive no cases)."""
    if not policies.may_manage_endpoints(actor):
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(policies.organisations_for(actor), is_active=True)
        .exclude(kind=OrganisationKind.COMMITTEE)
        .order_by("name")
    )


@dataclass(frozen=True)
class Subscription:
    """What an endpoint asked for, by name: its chosen categories and Open311 service codes."""

    categories: list[str]
    service_codes: list[tuple[str, str]]


def endpoint_subscription(endpoint: Endpoint) -> Subscription:
    return Subscription(
        categories=list(endpoint.categories.order_by("name").values_list("name", flat=True)),
        service_codes=list(
            endpoint.services.order_by("category__name").values_list(
                "category__name", "service_code"
            )
        ),
    )


# --- signing secrets: their key ids and dates, never their values ---------------------------


@dataclass(frozen=True)
class SecretInfo:
    id: int
    key_id: str
    created_at: datetime
    retired_at: datetime | None

    @property
    def active(self) -> bool:
        return self.retired_at is None


def endpoint_secrets(endpoint: Endpoint) -> list[SecretInfo]:
    """The endpoint's signing secrets, newest first, without the secrets themselves."""
    rows = (
        EndpointSecret.objects.filter(endpoint=endpoint)
        .order_by("-created_at", "-id")
        .values_list("id", "key_id", "created_at", "retired_at")
    )
    return [SecretInfo(*row) for row in rows]


def endpoint_secret_get(*, actor: Actor, endpoint_id: int, secret_id: int) -> EndpointSecret:
    endpoint = endpoint_get(actor=actor, endpoint_id=endpoint_id)
    secret = EndpointSecret.objects.filter(pk=secret_id, endpoint=endpoint).first()
    if secret is None:
        raise NotFound(errors.SECRET_NOT_FOUND)
    secret.endpoint = endpoint
    return secret


# --- an endpoint's deliveries -----------------------------------------------------------------

RECENT_DELIVERIES = 50


@dataclass(frozen=True)
class DeliveryPage:
    """Up to a page of an endpoint's deliveries, newest first, each with its attempts
    (`delivery.attempt_log.all()`, in order) and `case_reference`. `older_than` is the id to ask for
    the next page with, None on the last page."""

    deliveries: Sequence[Delivery]
    older_than: int | None


def endpoint_deliveries(
    endpoint: Endpoint,
    *,
    status: str | None = None,
    older_than: int | None = None,
    limit: int = RECENT_DELIVERIES,
) -> DeliveryPage:
    """A page of the deliveries of an endpoint the caller got from `endpoint_get`.

    Paged by position (created_at, id) rather than by offset, so page 1000 costs what page 1
    costs on an endpoint with years of deliveries.
    """
    deliveries = Delivery.objects.filter(endpoint=endpoint)
    if status:
        deliveries = deliveries.filter(status=status)
    if older_than is not None:
        anchor = Subquery(
            Delivery.objects.filter(pk=older_than, endpoint=endpoint).values("created_at")[:1]
        )
        deliveries = deliveries.filter(
            Q(created_at__lt=anchor) | Q(created_at=anchor, id__lt=older_than)
        )
    rows = list(
        deliveries.annotate(case_reference=F("case__reference"))
        .defer("payload")
        .prefetch_related(
            Prefetch("attempt_log", queryset=DeliveryAttempt.objects.order_by("number", "id"))
        )
        .order_by("-created_at", "-id")[: limit + 1]
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return DeliveryPage(rows, rows[-1].pk if more else None)


def delivery_get(*, actor: Actor, endpoint_id: int, delivery_id: int) -> Delivery:
    """One delivery of an endpoint the actor manages; any other is not found."""
    endpoint = endpoint_get(actor=actor, endpoint_id=endpoint_id)
    delivery = Delivery.objects.filter(pk=delivery_id, endpoint=endpoint).defer("payload").first()
    if delivery is None:
        raise NotFound(errors.DELIVERY_NOT_FOUND)
    delivery.endpoint = endpoint
    return delivery


# --- where a case went ------------------------------------------------------------------------


def case_external_references(case_id: int) -> QuerySet[ExternalReference]:
    """What the receiving systems call a case and its latest status there."""
    return (
        ExternalReference.objects.filter(case_id=case_id)
        .select_related("endpoint", "endpoint__organisation")
        .order_by("id")
    )


@dataclass(frozen=True)
class CaseDestination:
    """One receiving system a case went to: its deliveries (newest first) and what the
    receiver reported back."""

    endpoint: Endpoint
    deliveries: list[Delivery]
    reference: str
    status: str
    message: str
    updated_at: datetime | None

    @property
    def first_sent_at(self) -> datetime | None:
        return self.deliveries[-1].created_at if self.deliveries else None


def case_destinations(case_id: int) -> list[CaseDestination]:
    """Where a case went, one entry per endpoint, in the order it first went there.

    Two queries however many deliveries the case has. For the case page, which has already
    checked that its reader may see the case.
    """
    by_endpoint: dict[int, list[Delivery]] = {}
    endpoints_by_id: dict[int, Endpoint] = {}
    for delivery in case_deliveries(case_id).defer("payload"):
        by_endpoint.setdefault(delivery.endpoint_id, []).append(delivery)
        endpoints_by_id[delivery.endpoint_id] = delivery.endpoint
    references = {found.endpoint_id: found for found in case_external_references(case_id)}
    for endpoint_id, found in references.items():
        endpoints_by_id.setdefault(endpoint_id, found.endpoint)
    destinations = []
    for endpoint_id, endpoint in endpoints_by_id.items():
        deliveries = by_endpoint.get(endpoint_id, [])
        ref = references.get(endpoint_id)
        latest_reference = next(
            (d.external_reference for d in deliveries if d.external_reference), ""
        )
        destinations.append(
            CaseDestination(
                endpoint=endpoint,
                deliveries=deliveries,
                reference=(ref.reference if ref else "") or latest_reference,
                status=ref.status if ref else "",
                message=ref.message if ref else "",
                updated_at=ref.updated_at if ref else None,
            )
        )
    destinations.sort(key=lambda d: (d.first_sent_at or d.updated_at or now(), d.endpoint.pk))
    return destinations


@dataclass(frozen=True)
class OutboxFigures:
    """The outbox as monitoring sees it, for every organisation at once: no personal data."""

    pending: int
    dead: int
    oldest_pending_seconds: float
    failed_attempts: int


def outbox_figures() -> OutboxFigures:
    """The backlog and the failures of the forwarding outbox, for the metrics endpoint."""
    counts = Delivery.objects.aggregate(
        pending=Count("pk", filter=Q(status=DeliveryStatus.PENDING)),
        dead=Count("pk", filter=Q(status=DeliveryStatus.DEAD)),
        oldest=Min("created_at", filter=Q(status=DeliveryStatus.PENDING)),
    )
    oldest: datetime | None = counts["oldest"]
    return OutboxFigures(
        pending=counts["pending"],
        dead=counts["dead"],
        oldest_pending_seconds=(now() - oldest).total_seconds() if oldest else 0.0,
        failed_attempts=DeliveryAttempt.objects.exclude(outcome=AttemptOutcome.DELIVERED).count(),
    )
