"""Status reports a receiving system sends back about a case we delivered to it (S13).

    POST /api/forwarding/endpoints/<endpoint id>/status/
    X-Kontaktcenter-Signature: t=<unix time>,v1=<hex>
    {"update_id": "...", "case_reference": "KC-2026-000123",
     "reference": "SYN-2026-0042", "status": "registered", "message": "..."}

The receiver signs the body exactly as we sign deliveries to it, with the endpoint's active
secrets (`signing`), so only the system that holds the secret can report. It may report only on
cases we have sent it: any other reference is not found, like a case that does not exist, so the
endpoint reveals no case. `update_id` is the receiver's own id of the report; a repeat of an id
is recognised (`InboundUpdate` is unique per endpoint and id) and changes nothing, so the
receiver may retry freely. What is reported is kept as the case's `ExternalReference` and
written into the case's history (`sending.store_external_reference`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import ApiClientActor
from kontaktcenter.cases.errors import CASE_NOT_FOUND
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import REQUIRED, TOO_LONG, NotFound, ServiceError, ValidationError
from kontaktcenter.forwarding import errors, signing
from kontaktcenter.forwarding.models import Delivery, Endpoint, InboundUpdate
from kontaktcenter.forwarding.sending import store_external_reference

# A status report is a few hundred bytes; anything near this is not one.
MAX_BODY_BYTES = 64 * 1024

_LIMITS = {
    "update_id": 200,
    "case_reference": 40,
    "reference": 200,
    "status": 100,
    "message": 4000,
}


class NotAuthenticated(ServiceError):  # noqa: N818 - the family's naming
    """The request does not prove that it comes from the endpoint's receiver (HTTP 401)."""


class TooLarge(ValidationError):  # noqa: N818
    """The body is larger than a status report can be (HTTP 413)."""


@dataclass(frozen=True)
class StatusReport:
    update_id: str
    case_reference: str
    reference: str
    status: str
    message: str


@dataclass(frozen=True)
class Recorded:
    duplicate: bool
    case_reference: str

    @property
    def answer(self) -> str:
        return "duplicate" if self.duplicate else "recorded"


def _labels() -> dict[str, str | Promise]:
    return {
        "update_id": _("Update id"),
        "case_reference": _("Case reference"),
        "reference": _("Receiver's reference"),
        "status": _("Status"),
        "message": _("Message"),
    }


def _text(body: dict[str, Any], field: str, *, required: bool) -> str:
    value = body.get(field)
    label = _labels()[field]
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(errors.INBOUND_NOT_TEXT, field=field, label=label)
    cleaned = value.strip()
    if required and not cleaned:
        raise ValidationError(REQUIRED, field=field, label=label)
    if len(cleaned) > _LIMITS[field]:
        raise ValidationError(TOO_LONG, field=field, label=label, max=_LIMITS[field])
    return cleaned


def parse_report(body: bytes) -> StatusReport:
    """The report in `body`, checked; unknown fields are ignored, so receivers may add some."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ValidationError(errors.INBOUND_NOT_JSON) from None
    if not isinstance(data, dict):
        raise ValidationError(errors.INBOUND_NOT_JSON)
    report = StatusReport(
        update_id=_text(data, "update_id", required=True),
        case_reference=_text(data, "case_reference", required=True),
        reference=_text(data, "reference", required=False),
        status=_text(data, "status", required=False),
        message=_text(data, "message", required=False),
    )
    if not (report.reference or report.status or report.message):
        raise ValidationError(errors.INBOUND_NOTHING_REPORTED)
    return report


def _authenticate(endpoint_id: int, body: bytes, signature: str) -> Endpoint:
    endpoint = Endpoint.objects.filter(pk=endpoint_id).first()
    if endpoint is None:
        raise NotFound(errors.ENDPOINT_NOT_FOUND)
    active = list(endpoint.secrets.filter(retired_at__isnull=True).values_list("secret", flat=True))
    # An endpoint without a secret (e-mail, Open311) can never be authenticated.
    if not active or not signing.verify(body, signature, active):
        raise NotAuthenticated(errors.INBOUND_BAD_SIGNATURE)
    return endpoint


def record_status_report(*, endpoint_id: int, body: bytes, signature: str) -> Recorded:
    """Check and record one status report; a repeated `update_id` is a duplicate.

    Raises TooLarge, NotFound (no such endpoint; no such case sent to it), NotAuthenticated
    (a missing, wrong or stale signature) or ValidationError (the body).
    """
    if len(body) > MAX_BODY_BYTES:
        raise TooLarge(errors.INBOUND_TOO_LARGE, max=MAX_BODY_BYTES)
    endpoint = _authenticate(endpoint_id, body, signature)
    report = parse_report(body)
    with transaction.atomic():
        # Any delivery of the case to this endpoint counts, not only recorded ones: a quick
        # receiver may report before the worker has written down that the send succeeded.
        delivery = (
            Delivery.objects.select_related("case", "endpoint")
            .filter(endpoint=endpoint, case__reference=report.case_reference)
            .order_by("-created_at", "-id")
            .first()
        )
        if delivery is None:
            raise NotFound(CASE_NOT_FOUND, field="case_reference", reference=report.case_reference)
        try:
            with transaction.atomic():
                InboundUpdate.objects.create(
                    endpoint=endpoint,
                    update_id=report.update_id,
                    case=delivery.case,
                    received_at=now(),
                )
        except IntegrityError:
            return Recorded(duplicate=True, case_reference=report.case_reference)
        _store(delivery, report)
    return Recorded(duplicate=False, case_reference=report.case_reference)


def _store(delivery: Delivery, report: StatusReport) -> None:
    def store() -> None:
        store_external_reference(
            delivery,
            reference=report.reference,
            status=report.status,
            message=report.message,
            # The receiving system speaks here, not our worker.
            actor=ApiClientActor(
                key_id=None,
                name=delivery.endpoint.name,
                organisation_id=delivery.endpoint.organisation_id,
            ),
        )

    try:
        with transaction.atomic():
            store()
    except IntegrityError:
        # The worker recorded the reference the receiver answered with at this very moment
        # (one reference row per case and endpoint); now that it is there, update it.
        store()
