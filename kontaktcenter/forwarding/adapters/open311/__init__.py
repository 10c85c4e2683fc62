"""Delivery as an Open311 GeoReport v2 service request (docs/forwarding-open311.md).

A new case (or one sent on to this organisation) becomes `POST {url}/requests.json`, form
encoded, with the service code mapped from the case's category. The receiver answers with its
`service_request_id`, which becomes the case's external reference, or with a `token` that
`polling` exchanges for one later; `polling` also brings the request's status back to the case.

GeoReport v2 has no way to receive a status change or a closing, so such deliveries to an
Open311 endpoint send nothing and are recorded as delivered with a note saying so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.db.models import Q

from kontaktcenter.forwarding.adapters import http
from kontaktcenter.forwarding.adapters.base import SendResult, TransportError, excerpt
from kontaktcenter.forwarding.adapters.open311 import georeport
from kontaktcenter.forwarding.choices import WebhookEvent
from kontaktcenter.forwarding.models import Open311ServiceCode

if TYPE_CHECKING:
    from kontaktcenter.forwarding.models import Delivery, Endpoint

# The events that are a new service request for the receiver.
NEW_REQUEST_EVENTS = frozenset({WebhookEvent.CASE_CREATED.value, WebhookEvent.CASE_FORWARDED.value})
# GeoReport v2 allows descriptions of up to 4,000 characters.
DESCRIPTION_LIMIT = 4000
# GeoReport requires a location. Cases have no coordinates yet, so the resident's district is
# sent as address_string, or the city when the case names none.
DEFAULT_ADDRESS = "Stockholm"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


def nothing_to_send(webhook_event: str) -> str:
    return (
        f"Open311 GeoReport v2 cannot receive {webhook_event}: nothing was sent. "
        "The receiver's own status comes back by polling."
    )


def _category_code(delivery: Delivery) -> tuple[str, str]:
    """The case's category as it was when the event happened (code, name)."""
    category = (delivery.payload.get("case") or {}).get("category") or {}
    code = georeport.text_of(category.get("code")) or delivery.case.category.code
    name = georeport.text_of(category.get("name")) or delivery.case.category.name
    return code, name


def service_code_for(delivery: Delivery, endpoint: Endpoint) -> str:
    """The receiver's service for the case's category, or else for its parent category."""
    code, name = _category_code(delivery)
    mapped = dict(
        Open311ServiceCode.objects.filter(endpoint=endpoint)
        .filter(Q(category__code=code) | Q(category__children__code=code))
        .values_list("category__code", "service_code")
    )
    service_code = mapped.get(code) or next(iter(mapped.values()), "")
    if not service_code:
        raise TransportError(
            f"No Open311 service code for the category {name} ({code}) or its parent category: "
            f"map the category to one of the receiver's services on the endpoint {endpoint.name}.",
            permanent=True,
        )
    return service_code


def description_of(payload: dict[str, Any]) -> str:
    """Subject and description, cut to GeoReport's limit, ending with our case reference so
    people at the receiver can find the case here."""
    case = payload.get("case") or {}
    subject = georeport.text_of(case.get("subject"))
    if payload.get("scrubbed"):
        # After an erasure the subject may still name the resident; say only what it is about.
        subject = georeport.text_of((case.get("category") or {}).get("name"))
    text = "\n\n".join(
        part for part in (subject, georeport.text_of(case.get("description"))) if part
    )
    reference = georeport.text_of(case.get("reference"))
    trailer = f"\n\nKontaktcenter: {reference}" if reference else ""
    room = DESCRIPTION_LIMIT - len(trailer)
    if len(text) > room:
        text = text[: room - 1].rstrip() + "…"
    return text + trailer


def address_of(payload: dict[str, Any]) -> str:
    district = (payload.get("case") or {}).get("district") or {}
    return georeport.text_of(district.get("name")) or DEFAULT_ADDRESS


def split_name(name: str) -> tuple[str, str]:
    """ "Anna Maria Svensson" → ("Anna Maria", "Svensson"); a single name is a first name."""
    first, _sep, last = " ".join(name.split()).rpartition(" ")
    return (first, last) if first else (last, "")


def service_request_fields(delivery: Delivery, endpoint: Endpoint) -> dict[str, str]:
    """The form of `POST requests.json` for the delivery."""
    payload = delivery.payload
    if (payload.get("case") or {}).get("confidential"):
        # GeoReport service requests are public (anyone may GET requests.json): a case under
        # secrecy (S10) must not become one.
        raise TransportError(
            "A confidential case is not sent to Open311: GeoReport v2 service requests are public.",
            permanent=True,
        )
    fields = georeport.credentials(endpoint)
    fields["service_code"] = service_code_for(delivery, endpoint)
    fields["description"] = description_of(payload)
    fields["address_string"] = address_of(payload)
    # Only what the resident allowed us to pass on; the payload holds nothing otherwise.
    resident = payload.get("resident")
    if isinstance(resident, dict):
        first_name, last_name = split_name(georeport.text_of(resident.get("name")))
        for field, value in (
            ("first_name", first_name),
            ("last_name", last_name),
            ("email", georeport.text_of(resident.get("email"))),
            ("phone", georeport.text_of(resident.get("phone"))),
        ):
            if value:
                fields[field] = value
    return fields


def _refusal(error: TransportError) -> TransportError | None:
    """The error again with the GeoReport error descriptions in its message and excerpt, or
    None when the answer held none."""
    described = georeport.errors_in(error.response_excerpt) if error.status else ""
    if not described:
        return None
    return TransportError(
        f"{error} from the Open311 system: {described}",
        permanent=error.permanent,
        status=error.status,
        response_excerpt=described,
        retry_after=error.retry_after,
    )


def result_of(status: int, text: str) -> SendResult:
    """The receiver's id or token from its answer to `POST requests.json`."""
    try:
        found = georeport.items(text)
    except georeport.AnswerError as error:
        raise TransportError(
            f"The Open311 system answered HTTP {status} with {error}, not a GeoReport list",
            permanent=False,
            status=status,
            response_excerpt=text,
        ) from None
    for item in found:
        reference = georeport.text_of(item.get("service_request_id"))
        if reference:
            return SendResult(
                status=status, response_excerpt=excerpt(text), external_reference=reference
            )
    for item in found:
        token = georeport.text_of(item.get("token"))
        if token:
            return SendResult(status=status, response_excerpt=excerpt(text), open311_token=token)
    described = georeport.errors_in(text)
    raise TransportError(
        f"The Open311 system answered HTTP {status} with neither a service_request_id nor a "
        f"token{': ' + described if described else ''}",
        permanent=False,
        status=status,
        response_excerpt=text,
    )


class Open311Transport:
    def send(self, delivery: Delivery, endpoint: Endpoint) -> SendResult:
        if delivery.webhook_event not in NEW_REQUEST_EVENTS:
            return SendResult(response_excerpt=nothing_to_send(delivery.webhook_event))
        fields = service_request_fields(delivery, endpoint)
        try:
            response = http.post(
                georeport.requests_url(endpoint),
                content=urlencode(fields).encode(),
                headers={"Content-Type": FORM_CONTENT_TYPE, "Accept": "application/json"},
            )
        except TransportError as error:
            clearer = _refusal(error)
            if clearer is None:
                raise
            raise clearer from error.__cause__
        return result_of(response.status_code, response.text)


__all__ = ["Open311Transport"]
