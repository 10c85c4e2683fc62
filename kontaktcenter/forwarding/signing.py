"""HMAC-SHA256 signatures over "<unix time>.<body>", for webhooks out and status reports in.

Header: `X-Kontaktcenter-Signature: t=<unix time>,v1=<hex>[,v1=<hex>]`, one v1 per active
secret, so a receiver rotating keys accepts the message with either its old or its new secret.
The time is signed too, and a receiver refuses old signatures, so a captured request cannot be
replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Iterable

SIGNATURE_HEADER = "X-Kontaktcenter-Signature"
KEY_ID_HEADER = "X-Kontaktcenter-Key-Id"
IDEMPOTENCY_HEADER = "Idempotency-Key"
# How old a signature may be when it arrives.
TOLERANCE_SECONDS = 300


def sign(body: bytes, secret: str, timestamp: int) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(body: bytes, secrets: Iterable[str], *, timestamp: int | None = None) -> str:
    moment = int(time.time()) if timestamp is None else timestamp
    signatures = ",".join(f"v1={sign(body, secret, moment)}" for secret in secrets)
    return f"t={moment},{signatures}"


def parse_header(header: str) -> tuple[int | None, list[str]]:
    timestamp: int | None = None
    signatures: list[str] = []
    for part in header.split(","):
        name, _sep, value = part.strip().partition("=")
        if name == "t" and value.isdigit():
            timestamp = int(value)
        elif name == "v1" and value:
            signatures.append(value)
    return timestamp, signatures


def verify(
    body: bytes,
    header: str,
    secrets: Iterable[str],
    *,
    now: float | None = None,
    tolerance: int = TOLERANCE_SECONDS,
) -> bool:
    """True when one of the header's signatures is valid for one of `secrets` and fresh."""
    timestamp, signatures = parse_header(header)
    if timestamp is None or not signatures:
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    expected = [sign(body, secret, timestamp) for secret in secrets]
    return any(
        hmac.compare_digest(signature, candidate)
        for signature in signatures
        for candidate in expected
    )
