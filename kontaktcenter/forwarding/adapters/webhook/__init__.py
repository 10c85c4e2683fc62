"""Delivery as a signed JSON POST (schema and signature in docs/forwarding.md).

The body is the delivery's stored payload, serialised the same way every time; the headers
carry the signature, the signing key's id and the idempotency key. A receiver may answer with
JSON {"reference": "..."} to tell us its own reference for the case.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from kontaktcenter.forwarding import signing
from kontaktcenter.forwarding.adapters import http
from kontaktcenter.forwarding.adapters.base import SendResult, TransportError, excerpt

if TYPE_CHECKING:
    from kontaktcenter.forwarding.models import Delivery, Endpoint, EndpointSecret


def body_of(delivery: Delivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True).encode()


def _reference(text: str) -> str:
    try:
        answer = json.loads(text) if text.strip() else None
    except ValueError:
        return ""
    if isinstance(answer, dict):
        reference = answer.get("reference") or answer.get("external_reference") or ""
        return str(reference)[:200]
    return ""


class WebhookTransport:
    def send(self, delivery: Delivery, endpoint: Endpoint) -> SendResult:
        # The worker prefetches them for a whole batch; fetched here when sent on its own.
        active: list[EndpointSecret] = getattr(endpoint, "active_secrets", None) or list(
            endpoint.secrets.filter(retired_at__isnull=True).order_by("-created_at", "-id")
        )
        if not active:
            raise TransportError("the endpoint has no active signing secret", permanent=True)
        body = body_of(delivery)
        response = http.post(
            endpoint.url,
            content=body,
            headers={
                "Content-Type": "application/json; charset=utf-8",
                signing.SIGNATURE_HEADER: signing.signature_header(
                    body, [secret.secret for secret in active]
                ),
                signing.KEY_ID_HEADER: active[0].key_id,
                signing.IDEMPOTENCY_HEADER: delivery.idempotency_key,
            },
        )
        text = excerpt(response.text)
        return SendResult(
            status=response.status_code,
            response_excerpt=text,
            external_reference=_reference(response.text[:10_000]),
        )
