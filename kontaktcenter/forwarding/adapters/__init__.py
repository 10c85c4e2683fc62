"""One package per way of delivering, on the common transport base in `base.py`."""

from __future__ import annotations

from kontaktcenter.forwarding.adapters.base import Transport, TransportError
from kontaktcenter.forwarding.choices import EndpointKind


def transport_for(kind: str) -> Transport:
    # Imported here so each adapter's dependencies load only when that kind is used.
    if kind == EndpointKind.WEBHOOK:
        from kontaktcenter.forwarding.adapters.webhook import WebhookTransport  # noqa: PLC0415

        return WebhookTransport()
    if kind == EndpointKind.EMAIL:
        from kontaktcenter.forwarding.adapters.email import EmailTransport  # noqa: PLC0415

        return EmailTransport()
    if kind == EndpointKind.OPEN311:
        from kontaktcenter.forwarding.adapters.open311 import Open311Transport  # noqa: PLC0415

        return Open311Transport()
    raise TransportError(f"unknown endpoint kind {kind!r}", permanent=True)


__all__ = ["Transport", "TransportError", "transport_for"]
