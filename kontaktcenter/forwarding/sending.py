"""What a worker does: claim due deliveries under a lease, send each once, record the attempt.

A delivery is marked delivered only *after* the receiver has it. A worker killed between the
send and the record leaves the row leased; when the lease runs out another worker sends it
again with the same idempotency key, and the receiver's deduplication makes the resend harmless.
So a crash means a resend, never a loss.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef, Prefetch, Q

from kontaktcenter.accounts.actors import WORKER, Actor
from kontaktcenter.cases import events
from kontaktcenter.core.clock import now
from kontaktcenter.forwarding.adapters import transport_for
from kontaktcenter.forwarding.adapters.base import SendResult, TransportError, excerpt
from kontaktcenter.forwarding.choices import AttemptOutcome, DeliveryStatus
from kontaktcenter.forwarding.models import (
    Delivery,
    DeliveryAttempt,
    Endpoint,
    EndpointSecret,
    ExternalReference,
)

logger = logging.getLogger(__name__)

_rng = random.SystemRandom()


def backoff_seconds(attempt: int, *, retry_after: float | None = None) -> float:
    """Exponential backoff with jitter: about base·2^(n-1), capped, never sooner than the
    receiver's Retry-After. The jitter (half to full delay) keeps workers from retrying in step."""
    base = settings.FORWARDING_BACKOFF_BASE_SECONDS
    cap = settings.FORWARDING_BACKOFF_MAX_SECONDS
    delay = min(cap, base * 2 ** max(0, attempt - 1))
    delay = _rng.uniform(delay / 2, delay)
    if retry_after is not None:
        delay = max(delay, min(retry_after, cap))
    return delay


def claim(worker: str, *, limit: int = 10) -> list[int]:
    """Take up to `limit` due deliveries for `worker` and return their ids.

    Deliveries about one case to one endpoint are taken one at a time, oldest first, so a
    receiver sees a case created before it sees it closed, whatever had to be retried.

    On PostgreSQL FOR UPDATE SKIP LOCKED lets many workers claim at once without waiting on or
    taking each other's rows; on SQLite the claim's write transaction is serialised as a whole.
    An endpoint whose circuit is open is skipped; when its cool-down has passed, one worker
    wins the right to send one probe and pauses the endpoint for everyone else meanwhile.
    """
    at = now()
    lease = timedelta(seconds=settings.FORWARDING_LEASE_SECONDS)
    with transaction.atomic():
        due = list(
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=at)
            # A switched-off endpoint keeps its backlog until it is switched on again.
            .filter(endpoint__is_active=True)
            .filter(Q(leased_until__isnull=True) | Q(leased_until__lt=at))
            .filter(Q(endpoint__paused_until__isnull=True) | Q(endpoint__paused_until__lte=at))
            # One case's deliveries to one endpoint go in the order they happened: a status
            # change waits while the case's creation is still being retried.
            .exclude(
                Exists(
                    Delivery.objects.filter(
                        case_id=OuterRef("case_id"),
                        endpoint_id=OuterRef("endpoint_id"),
                        status=DeliveryStatus.PENDING,
                        id__lt=OuterRef("id"),
                    )
                )
            )
            .order_by("next_attempt_at", "id")
            .values_list("id", "endpoint_id", "endpoint__failures_in_row")[:limit]
        )
        chosen: list[int] = []
        probing: set[int] = set()
        for delivery_id, endpoint_id, failures in due:
            if failures >= settings.FORWARDING_CIRCUIT_FAILURES:
                if endpoint_id in probing:
                    continue
                won = (
                    Endpoint.objects.filter(pk=endpoint_id)
                    .filter(Q(paused_until__isnull=True) | Q(paused_until__lte=at))
                    .update(paused_until=at + lease)
                )
                if not won:
                    continue
                probing.add(endpoint_id)
            chosen.append(delivery_id)
        if chosen:
            Delivery.objects.filter(pk__in=chosen).update(leased_until=at + lease, leased_by=worker)
    return chosen


def release(delivery_ids: list[int], worker: str) -> None:
    """Give back claims a stopping worker will not send, so others take them at once."""
    Delivery.objects.filter(pk__in=delivery_ids, leased_by=worker).update(
        leased_until=None, leased_by=""
    )


@dataclass(frozen=True)
class Outcome:
    delivery_id: int
    outcome: AttemptOutcome
    status: int | None = None


def claimed(delivery_ids: list[int]) -> list[Delivery]:
    """The claimed deliveries with what sending them needs, in one read for the whole batch."""
    deliveries = (
        Delivery.objects.filter(pk__in=delivery_ids)
        .select_related("endpoint", "case")
        .prefetch_related(
            Prefetch(
                "endpoint__secrets",
                queryset=EndpointSecret.objects.filter(retired_at__isnull=True).order_by(
                    "-created_at", "-id"
                ),
                to_attr="active_secrets",
            )
        )
    )
    by_id = {delivery.pk: delivery for delivery in deliveries}
    return [by_id[delivery_id] for delivery_id in delivery_ids if delivery_id in by_id]


def deliver(delivery: Delivery | int, worker: str) -> Outcome | None:
    """Send one claimed delivery and record what happened; None if the claim was lost."""
    if isinstance(delivery, int):
        found = claimed([delivery])
        if not found:
            return None
        delivery = found[0]
    outcomes = deliver_batch([delivery], worker)
    return outcomes[0] if outcomes else None


# How long successes may wait to be recorded together. A worker killed meanwhile resends at
# most this much work (harmless: same idempotency key); waiting longer would save little.
RECORD_EVERY_SECONDS = 1.0


def deliver_batch(
    deliveries: list[Delivery],
    worker: str,
    *,
    stopping: Callable[[], bool] = lambda: False,
) -> list[Outcome]:
    """Send claimed deliveries one after the other and record them.

    Failures are recorded at once (they decide the backoff and the circuit); successes are
    recorded together, in one transaction per batch or per second, because a worker's own cost
    per delivery is mostly its database round trips, not the POST. If `stopping()` turns true
    between two sends, or half the lease has gone, the rest of the batch is handed back."""
    outcomes: list[Outcome] = []
    sent: list[_Sent] = []
    started = last_record = time.monotonic()
    # Past half the lease, the rest of a slow batch goes back rather than be sent so late that
    # another worker could take it as abandoned and send it as well.
    lease_left = settings.FORWARDING_LEASE_SECONDS / 2
    for position, delivery in enumerate(deliveries):
        if stopping() or time.monotonic() - started > lease_left:
            release([rest.pk for rest in deliveries[position:]], worker)
            break
        if delivery.status != DeliveryStatus.PENDING or delivery.leased_by != worker:
            continue
        result, failure, attempt = _send(delivery, worker)
        if failure is not None:
            outcomes.append(_record_failure(delivery.pk, failure, attempt))
        else:
            assert result is not None
            sent.append(_Sent(delivery, result, attempt))
        if sent and time.monotonic() - last_record >= RECORD_EVERY_SECONDS:
            outcomes.extend(_record_successes(sent))
            sent, last_record = [], time.monotonic()
    if sent:
        outcomes.extend(_record_successes(sent))
    return outcomes


@dataclass(frozen=True)
class _Sent:
    delivery: Delivery
    result: SendResult
    attempt: dict[str, Any]


def _send(
    delivery: Delivery, worker: str
) -> tuple[SendResult | None, TransportError | None, dict[str, Any]]:
    endpoint = delivery.endpoint
    started_at = now()
    clock_start = time.monotonic()
    result: SendResult | None = None
    failure: TransportError | None = None
    try:
        result = transport_for(endpoint.kind).send(delivery, endpoint)
    except TransportError as error:
        failure = error
    except Exception as error:
        logger.exception("delivery %s: unexpected error", delivery.idempotency_key)
        failure = TransportError(f"{type(error).__name__}: {error}", permanent=False)
        failure.__cause__ = error
    duration_ms = round((time.monotonic() - clock_start) * 1000)
    return result, failure, {"started_at": started_at, "duration_ms": duration_ms, "worker": worker}


def _without_waiting_for_the_disk() -> None:
    """On PostgreSQL, commit this record without waiting for its WAL flush.

    The receiver already has the delivery; if the server lost power in the next few hundred
    milliseconds, the worst case is that the delivery is sent again, which the idempotency key
    makes harmless. Not waiting for the disk on every delivery is most of a worker's cost.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


@transaction.atomic
def _record_successes(sent: list[_Sent]) -> list[Outcome]:
    """Mark the sent deliveries delivered, in a few statements for the whole group.

    A delivery whose lease ran out while it was being sent may have been sent and recorded by
    another worker too: the rows are locked and read first, and only the first record of a
    success marks it delivered; a later one only counts its try."""
    _without_waiting_for_the_disk()
    at = now()
    by_id = {item.delivery.pk: item for item in sent}
    current = dict(
        Delivery.objects.select_for_update()
        .filter(pk__in=by_id)
        .order_by("pk")
        .values_list("pk", "status")
    )
    DeliveryAttempt.objects.bulk_create(
        DeliveryAttempt(
            delivery_id=item.delivery.pk,
            number=item.delivery.tries + 1,
            outcome=AttemptOutcome.DELIVERED,
            response_status=item.result.status,
            response_excerpt=excerpt(item.result.response_excerpt),
            **item.attempt,
        )
        for item in sent
    )
    first: list[_Sent] = []
    again: list[int] = []
    for delivery_id, item in by_id.items():
        if current.get(delivery_id, DeliveryStatus.DELIVERED) == DeliveryStatus.DELIVERED:
            again.append(delivery_id)
        else:
            first.append(item)
    if again:
        Delivery.objects.filter(pk__in=again).update(tries=F("tries") + 1)
    if first:
        _mark_delivered(first, at)
        _store_external_references(
            [item for item in first if item.result.external_reference], at=at
        )
    recovered = {
        item.delivery.endpoint_id
        for item in sent
        if item.delivery.endpoint.failures_in_row
        or item.delivery.endpoint.paused_until
        or item.delivery.endpoint.failing_since
    }
    if recovered:
        Endpoint.objects.filter(pk__in=recovered).update(
            failures_in_row=0, paused_until=None, failing_since=None
        )
    return [
        Outcome(item.delivery.pk, AttemptOutcome.DELIVERED, item.result.status) for item in sent
    ]


def _mark_delivered(first: list[_Sent], at: datetime) -> None:
    """One UPDATE for the whole group, with each row's own reference and token.

    Written as SQL because Django's bulk_update builds its CASE expressions through the
    expression machinery, which cost more than the round trips this saves."""
    table = connection.ops.quote_name(Delivery._meta.db_table)
    column = {
        field.name: connection.ops.quote_name(field.column)
        for field in Delivery._meta.concrete_fields
    }
    reference_cases: list[str] = []
    token_cases: list[str] = []
    reference_params: list[Any] = []
    token_params: list[Any] = []
    for item in first:
        reference_cases.append("WHEN %s THEN %s")
        reference_params += [item.delivery.pk, item.result.external_reference[:200]]
        token_cases.append("WHEN %s THEN %s")
        token_params += [item.delivery.pk, item.result.open311_token[:200]]
    ids = [item.delivery.pk for item in first]
    # Only quoted names from the model and placeholders go into the text; values are parameters.
    sql = (
        f"UPDATE {table} SET {column['status']} = %s, {column['delivered_at']} = %s, "  # noqa: S608
        f"{column['external_reference']} = CASE {column['id']} {' '.join(reference_cases)} END, "
        f"{column['open311_token']} = CASE {column['id']} {' '.join(token_cases)} END, "
        f"{column['leased_until']} = NULL, {column['leased_by']} = '', "
        f"{column['last_error']} = '', {column['tries']} = {column['tries']} + 1 "
        f"WHERE {column['id']} IN ({', '.join(['%s'] * len(ids))})"
    )
    delivered_at = Delivery._meta.get_field("delivered_at").get_db_prep_value(
        at, connection, prepared=False
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [DeliveryStatus.DELIVERED.value, delivered_at, *reference_params, *token_params, *ids],
        )


def _store_external_references(first: list[_Sent], *, at: datetime) -> None:
    """The receivers' references for newly delivered cases: created together when the case has
    none from that endpoint yet (the usual case: a new case's first delivery), one by one
    otherwise."""
    if not first:
        return
    pairs = {(item.delivery.case_id, item.delivery.endpoint_id) for item in first}
    known = set(
        ExternalReference.objects.filter(
            case_id__in={case_id for case_id, _ in pairs},
            endpoint_id__in={endpoint_id for _, endpoint_id in pairs},
        ).values_list("case_id", "endpoint_id")
    )
    new = [
        item for item in first if (item.delivery.case_id, item.delivery.endpoint_id) not in known
    ]
    # One new reference per case and endpoint, even if a batch held two of its deliveries.
    unique_new = list({(i.delivery.case_id, i.delivery.endpoint_id): i for i in new}.values())
    try:
        with transaction.atomic():
            ExternalReference.objects.bulk_create(
                ExternalReference(
                    case_id=item.delivery.case_id,
                    endpoint_id=item.delivery.endpoint_id,
                    reference=item.result.external_reference,
                    status="",
                    message="",
                    updated_at=at,
                )
                for item in unique_new
            )
            events.external_updates(
                [
                    events.ExternalUpdate(
                        case_id=item.delivery.case_id,
                        endpoint=item.delivery.endpoint.name,
                        reference=item.result.external_reference,
                    )
                    for item in unique_new
                ],
                actor=WORKER,
                at=at,
            )
        created = {id(item) for item in unique_new}
        rest = [item for item in first if id(item) not in created]
    except IntegrityError:
        # A status-back call created one of them meanwhile: take the careful path for all.
        rest = first
    for item in rest:
        store_external_reference(
            item.delivery, reference=item.result.external_reference, status="", message=""
        )


@transaction.atomic
def _record_failure(delivery_id: int, failure: TransportError, attempt: dict[str, Any]) -> Outcome:
    delivery = Delivery.objects.select_for_update().select_related("endpoint").get(pk=delivery_id)
    number = delivery.tries + 1
    at = now()
    permanent = failure.permanent
    delivery.attempts += 1
    delivery.tries = number
    delivery.save(update_fields=["attempts", "tries"])
    gives_up = permanent or delivery.attempts >= settings.FORWARDING_MAX_ATTEMPTS
    outcome = AttemptOutcome.PERMANENT if gives_up else AttemptOutcome.RETRY
    DeliveryAttempt.objects.create(
        delivery=delivery,
        number=number,
        outcome=outcome,
        response_status=failure.status,
        response_excerpt=failure.response_excerpt,
        error_class=failure.error_class[:80],
        **attempt,
    )
    # Only the worker that holds the claim decides what happens next; one whose lease ran out
    # while it was sending records its try and leaves the row to the worker that holds it now.
    if delivery.status == DeliveryStatus.PENDING and delivery.leased_by == attempt["worker"]:
        delivery.status = DeliveryStatus.DEAD if gives_up else DeliveryStatus.PENDING
        delivery.next_attempt_at = at + timedelta(
            seconds=backoff_seconds(delivery.attempts, retry_after=failure.retry_after)
        )
        delivery.last_error = str(failure)[:500]
        delivery.leased_until = None
        delivery.leased_by = ""
        delivery.save(
            update_fields=["status", "next_attempt_at", "last_error", "leased_until", "leased_by"]
        )
    if not permanent:
        # A refused message (a 400, an unmapped category) says nothing about the receiver's
        # health; only failures worth retrying count towards pausing the endpoint.
        _endpoint_failed(delivery.endpoint, at)
    return Outcome(delivery.pk, outcome, failure.status)


def _endpoint_failed(endpoint: Endpoint, at: datetime) -> None:
    endpoint = Endpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.failures_in_row += 1
    endpoint.failing_since = endpoint.failing_since or at
    if endpoint.failures_in_row >= settings.FORWARDING_CIRCUIT_FAILURES:
        endpoint.paused_until = at + timedelta(seconds=settings.FORWARDING_CIRCUIT_COOLDOWN_SECONDS)
    endpoint.save(update_fields=["failures_in_row", "failing_since", "paused_until"])


def store_external_reference(
    delivery: Delivery,
    *,
    reference: str,
    status: str,
    message: str,
    actor: Actor = WORKER,
) -> ExternalReference:
    """Keep the receiver's reference and status on the case, and say so in its history.

    A case merged since it was sent has handed its references to the case that carries on
    (cases.services.relations.case_merge); the receiver's news goes there too."""
    at = now()
    case = delivery.case
    while case.merged_into_id is not None:
        case = case.merged_into  # type: ignore[assignment]
    # Part of the caller's transaction when there is one (no savepoint), its own otherwise.
    with transaction.atomic(savepoint=False):
        existing, created = ExternalReference.objects.select_for_update().get_or_create(
            case_id=case.pk,
            endpoint_id=delivery.endpoint_id,
            defaults={
                "updated_at": at,
                "reference": reference,
                "status": status,
                "message": message,
            },
        )
        if created:
            changed = bool(reference or status or message)
        else:
            changed = bool(
                (reference and existing.reference != reference)
                or (status and existing.status != status)
                or (message and existing.message != message)
            )
            if changed:
                existing.reference = reference or existing.reference
                existing.status = status or existing.status
                existing.message = message or existing.message
                existing.updated_at = at
                existing.save()
        if not changed:
            return existing
        events.external_update(
            case,
            actor=actor,
            at=at,
            endpoint=delivery.endpoint.name,
            reference=existing.reference,
            status=status,
            message=message,
        )
    return existing
