"""Fan-out: a case event writes the deliveries for every endpoint that subscribes to it.

Called by `cases.events` inside the transaction that writes the event, so the delivery rows
commit with the case or not at all; nothing is sent here. On PostgreSQL a NOTIFY wakes idle
workers when the transaction commits; on SQLite workers poll.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q

from kontaktcenter.cases.choices import CaseEventKind
from kontaktcenter.core.clock import now
from kontaktcenter.forwarding import payloads
from kontaktcenter.forwarding.choices import Sends, WebhookEvent
from kontaktcenter.forwarding.models import Delivery, Endpoint, ExternalReference

if TYPE_CHECKING:
    from kontaktcenter.cases.models import Case, CaseEvent

NOTIFY_CHANNEL = "kontaktcenter_outbox"

_FOLLOW_UP_EVENTS = {
    CaseEventKind.STATUS_CHANGED: WebhookEvent.CASE_STATUS_CHANGED,
    CaseEventKind.CLOSED: WebhookEvent.CASE_CLOSED,
    CaseEventKind.REOPENED: WebhookEvent.CASE_REOPENED,
}

# Every kind of case event that may cause deliveries.
FANNED_OUT_KINDS = frozenset({CaseEventKind.ROUTED, *_FOLLOW_UP_EVENTS})


def idempotency_key(event_id: int, endpoint_id: int) -> str:
    """Stable for the event and endpoint: every retry of a delivery carries the same key."""
    return f"kc-{event_id}-{endpoint_id}"


def _receives(endpoint: Endpoint, case: Case, chosen_categories: set[int]) -> bool:
    if endpoint.sends == Sends.ALL:
        return True
    if endpoint.sends == Sends.COMPLAINTS:
        return bool(case.category.feedback_kind)
    return bool({case.category_id, case.category.parent_id} & chosen_categories)


def _new_case_endpoints(case: Case) -> list[Endpoint]:
    """The active endpoints of the responsible organisation, and of the administration above a
    unit, that want this case."""
    organisation = case.responsible_organisation
    owners = [organisation.pk] + ([organisation.parent_id] if organisation.parent_id else [])
    endpoints = list(
        Endpoint.objects.filter(organisation_id__in=owners, is_active=True).prefetch_related(
            "categories"
        )
    )
    return [
        endpoint
        for endpoint in endpoints
        if _receives(endpoint, case, {category.pk for category in endpoint.categories.all()})
    ]


def _follow_up_endpoints(case: Case, kind: str) -> list[Endpoint]:
    """Endpoints that already hold the case and asked for this kind of change."""
    wanted = Q(sends_closing=True) if kind == CaseEventKind.CLOSED else Q(sends_status_changes=True)
    return list(
        Endpoint.objects.filter(
            wanted,
            is_active=True,
            pk__in=Delivery.objects.filter(case=case).values("endpoint_id"),
        )
    )


def fan_out(event: CaseEvent) -> list[Delivery]:
    """Write the deliveries `event` causes; none for kinds no receiver subscribes to."""
    # A case forwarded by hand reaches its new organisation's systems like a routed one.
    if event.kind in {CaseEventKind.ROUTED, CaseEventKind.FORWARDED}:
        case = event.case
        webhook_event = (
            WebhookEvent.CASE_FORWARDED if event.data.get("before") else WebhookEvent.CASE_CREATED
        )
        endpoints = _new_case_endpoints(case)
    elif event.kind in _FOLLOW_UP_EVENTS:
        case = event.case
        webhook_event = _FOLLOW_UP_EVENTS[CaseEventKind(event.kind)]
        endpoints = _follow_up_endpoints(case, event.kind)
    else:
        return []
    if not endpoints:
        return []
    at = now()
    deliveries = []
    for endpoint in endpoints:
        key = idempotency_key(event.pk, endpoint.pk)
        deliveries.append(
            Delivery(
                endpoint=endpoint,
                case=case,
                event=event,
                webhook_event=webhook_event,
                idempotency_key=key,
                payload=payloads.build(
                    event=event, case=case, webhook_event=webhook_event, idempotency_key=key
                ),
                next_attempt_at=at,
                created_at=at,
            )
        )
    Delivery.objects.bulk_create(deliveries)
    wake_workers()
    return deliveries


def forget_in_deliveries(case: Case) -> None:
    """Erasure reaches the outbox too: no payload, sent or waiting, keeps the resident's data."""
    for delivery in Delivery.objects.filter(case=case):
        delivery.payload = payloads.scrub(delivery.payload)
        delivery.save(update_fields=["payload"])
    ExternalReference.objects.filter(case=case).update(message="")


def move_external_references(*, from_case: Case, to_case: Case) -> list[str]:
    """A merged case's references in the receiving systems follow it to the case that carries
    on, so their status reports land there. Where the survivor already has a reference in the
    same system, the merged case keeps its own. Returns the names of the systems moved."""
    taken = set(
        ExternalReference.objects.filter(case=to_case).values_list("endpoint_id", flat=True)
    )
    moving = ExternalReference.objects.filter(case=from_case).exclude(endpoint_id__in=taken)
    names = sorted(moving.values_list("endpoint__name", flat=True))
    moving.update(case=to_case)
    return names


def wake_workers() -> None:
    """On PostgreSQL, tell idle workers there is work once this transaction commits."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, '')", [NOTIFY_CHANNEL])
