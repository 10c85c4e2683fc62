"""Reads of endpoints and deliveries, scoped to what the actor may manage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db.models import Count, Min, Q, QuerySet

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import NotFound
from kontaktcenter.forwarding import errors, policies
from kontaktcenter.forwarding.choices import AttemptOutcome, DeliveryStatus
from kontaktcenter.forwarding.models import Delivery, DeliveryAttempt, Endpoint


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
    chosen = list(only if only is not None else endpoints(actor))
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
    """The actor's endpoints that have failed for longer than the warning time."""
    if not policies.may_manage_endpoints(actor):
        return []
    limit = now() - timedelta(minutes=settings.FORWARDING_WARN_AFTER_MINUTES)
    return list(endpoints(actor).filter(failing_since__lt=limit, is_active=True))
