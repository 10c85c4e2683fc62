"""What Open311 receivers tell us back, fetched by the worker every minute (`poll_all`).

GeoReport v2 has no callbacks, so we ask:

1. a request answered with a token: `GET {url}/tokens/{token}.json` until the receiver gives
   its `service_request_id`, which becomes the delivery's and the case's external reference;
2. every service request not yet known to be closed there:
   `GET {url}/requests.json?service_request_id=id1,id2,…` in batches, and a changed status or
   status note becomes the case's external status and one case event.

Only active Open311 endpoints whose circuit is not open are asked. A failure is logged and the
question asked again next time; it never stops the worker. An endpoint that cannot be reached
or answers 5xx is left alone for the rest of the run, so one receiver that is down does not
hold up the worker for a timeout per question.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q

from kontaktcenter.core.clock import now
from kontaktcenter.forwarding import sending
from kontaktcenter.forwarding.adapters import http
from kontaktcenter.forwarding.adapters.base import TransportError
from kontaktcenter.forwarding.adapters.open311 import georeport
from kontaktcenter.forwarding.choices import DeliveryStatus, EndpointKind
from kontaktcenter.forwarding.models import Delivery, Endpoint, ExternalReference

logger = logging.getLogger(__name__)

# Service request ids per status question (GeoReport servers commonly cap a list's length).
STATUS_BATCH = 50
# Tokens asked about per endpoint and run; the rest wait for the next run.
TOKENS_PER_RUN = 100
# A token the receiver has not turned into a service request within this time is given up.
TOKEN_DAYS = 30
STATUS_LIMIT = 100
NOTES_LIMIT = 4000


@dataclass
class PollReport:
    tokens_resolved: int = 0
    updates: int = 0
    failures: int = 0


class _UnreachableError(Exception):
    """The receiver is down or failing: ask it nothing more in this run."""


def _endpoints() -> list[Endpoint]:
    at = now()
    return list(
        Endpoint.objects.filter(kind=EndpointKind.OPEN311, is_active=True)
        .filter(Q(paused_until__isnull=True) | Q(paused_until__lte=at))
        .order_by("id")
    )


def poll_all() -> PollReport:
    """Resolve tokens and fetch statuses for every active Open311 endpoint; never raises."""
    report = PollReport()
    try:
        endpoints = _endpoints()
    except Exception:
        logger.exception("Open311 polling: could not list the endpoints")
        report.failures += 1
        return report
    for endpoint in endpoints:
        try:
            resolve_tokens(endpoint, report)
            poll_statuses(endpoint, report)
        except _UnreachableError:
            pass
        except Exception:
            logger.exception("Open311 polling of endpoint %s failed", endpoint.pk)
            report.failures += 1
    return report


def _get(endpoint: Endpoint, url: str, params: dict[str, str], report: PollReport) -> str | None:
    """The answer's text, or None after a failure that concerns only this question."""
    try:
        response = http.request("GET", url, params=params, headers={"Accept": "application/json"})
    except TransportError as error:
        report.failures += 1
        # The URL is logged without its query, which holds the API key.
        logger.warning("Open311 polling: GET %s of endpoint %s: %s", url, endpoint.pk, error)
        if not error.permanent:
            raise _UnreachableError from error
        return None
    return response.text


# --- tokens ---------------------------------------------------------------------------------


def resolve_tokens(endpoint: Endpoint, report: PollReport) -> None:
    """Ask for the service_request_id of each delivery answered with a token."""
    waiting = list(
        Delivery.objects.filter(
            endpoint=endpoint,
            status=DeliveryStatus.DELIVERED,
            open311_token__gt="",
            external_reference="",
            delivered_at__gte=now() - timedelta(days=TOKEN_DAYS),
        )
        .order_by("delivered_at", "id")
        .values_list("id", "open311_token")[:TOKENS_PER_RUN]
    )
    for delivery_id, token in waiting:
        text = _get(
            endpoint, georeport.token_url(endpoint, token), georeport.credentials(endpoint), report
        )
        if text is None:
            continue
        try:
            found = georeport.items(text)
        except georeport.AnswerError as error:
            report.failures += 1
            logger.warning("Open311 token %s of endpoint %s: %s", token, endpoint.pk, error)
            continue
        reference = next(
            (
                georeport.text_of(item.get("service_request_id"))
                for item in found
                if georeport.text_of(item.get("service_request_id"))
                and georeport.text_of(item.get("token")) in {"", token}
            ),
            "",
        )
        if reference and _store_reference(delivery_id, reference):
            report.tokens_resolved += 1


@transaction.atomic
def _store_reference(delivery_id: int, reference: str) -> bool:
    delivery = (
        Delivery.objects.select_for_update(of=("self",))
        .select_related("case", "endpoint")
        .get(pk=delivery_id)
    )
    if delivery.external_reference:
        return False  # another worker was first
    delivery.external_reference = reference[:200]
    delivery.save(update_fields=["external_reference"])
    sending.store_external_reference(
        delivery, reference=delivery.external_reference, status="", message=""
    )
    return True


# --- statuses -------------------------------------------------------------------------------


def poll_statuses(endpoint: Endpoint, report: PollReport) -> None:
    """Fetch the status of the endpoint's service requests that are not closed there."""
    open_requests: dict[str, list[int]] = {}
    for pk, reference in (
        ExternalReference.objects.filter(endpoint=endpoint)
        .exclude(reference="")
        .exclude(status__iexact=georeport.CLOSED)
        .order_by("id")
        .values_list("id", "reference")
    ):
        # A comma would split the id in the list GeoReport asks for.
        if "," not in reference:
            open_requests.setdefault(reference, []).append(pk)
    references = list(open_requests)
    for start in range(0, len(references), STATUS_BATCH):
        batch = references[start : start + STATUS_BATCH]
        params = {**georeport.credentials(endpoint), "service_request_id": ",".join(batch)}
        text = _get(endpoint, georeport.requests_url(endpoint), params, report)
        if text is None:
            continue
        try:
            found = georeport.items(text)
        except georeport.AnswerError as error:
            report.failures += 1
            logger.warning("Open311 statuses of endpoint %s: %s", endpoint.pk, error)
            continue
        for item in found:
            reference = georeport.text_of(item.get("service_request_id"))
            if reference not in batch:
                continue
            status = georeport.text_of(item.get("status"))[:STATUS_LIMIT]
            notes = georeport.text_of(item.get("status_notes"))[:NOTES_LIMIT]
            for pk in open_requests[reference]:
                try:
                    if _store_status(pk, status=status, notes=notes):
                        report.updates += 1
                except Exception:
                    report.failures += 1
                    logger.exception("Open311 status of %s at endpoint %s", pk, endpoint.pk)


@transaction.atomic
def _store_status(external_reference_id: int, *, status: str, notes: str) -> bool:
    """Keep what the receiver says now, as one case event; False when nothing changed."""
    current = (
        ExternalReference.objects.select_for_update(of=("self",))
        .select_related("case__party")
        .get(pk=external_reference_id)
    )
    party = current.case.party
    if party is not None and party.scrubbed_at is not None:
        # The resident's data was erased; the receiver's notes may name them again.
        notes = ""
    # The same rule as sending.store_external_reference: an empty value changes nothing.
    if not ((status and status != current.status) or (notes and notes != current.message)):
        return False
    delivery = (
        Delivery.objects.filter(case_id=current.case_id, endpoint_id=current.endpoint_id)
        .select_related("case", "endpoint")
        .order_by("-id")
    )
    chosen = delivery.filter(external_reference=current.reference).first() or delivery.first()
    if chosen is None:
        return False
    sending.store_external_reference(
        chosen, reference=current.reference, status=status, message=notes
    )
    return True
