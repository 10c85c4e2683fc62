"""One HTTP request to a receiver, with the failure sorted into permanent or retry.

No redirects are followed (a redirect could lead past the outbound checks), the destination is
checked before every request, and answers are read only as far as the excerpt we keep.
"""

from __future__ import annotations

import email.utils
from collections.abc import Mapping
from datetime import UTC, datetime

import httpx
from django.conf import settings

from kontaktcenter.forwarding import safety
from kontaktcenter.forwarding.adapters.base import (
    TransportError,
    excerpt,
    status_is_permanent,
)

USER_AGENT = "Kontaktcenter-forwarding/1"

_client: httpx.Client | None = None


def _shared_client() -> httpx.Client:
    """One client per process: it keeps connections to receivers open between deliveries,
    and building one (with its TLS context) costs more than a whole POST on a local network."""
    global _client  # noqa: PLW0603 - a lazily made, process-wide connection pool
    if _client is None:
        _client = httpx.Client(follow_redirects=False, headers={"User-Agent": USER_AGENT})
    return _client


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())


def post(
    url: str,
    *,
    content: bytes,
    headers: Mapping[str, str],
    timeout: float | None = None,
) -> httpx.Response:
    """POST and return the answer if it is 2xx; otherwise raise a TransportError."""
    return request("POST", url, content=content, headers=headers, timeout=timeout)


def request(
    method: str,
    url: str,
    *,
    content: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
    timeout: float | None = None,
) -> httpx.Response:
    refused = safety.refusal(url)
    if refused is not None:
        code, params_of_refusal = refused
        raise TransportError(f"{code.code}: {url} {params_of_refusal}".strip(), permanent=True)
    try:
        response = _shared_client().request(
            method,
            url,
            content=content,
            params=params,
            headers=dict(headers or {}),
            timeout=timeout or settings.FORWARDING_TIMEOUT_SECONDS,
        )
    except httpx.TimeoutException as error:
        raise TransportError(f"timed out: {error}", permanent=False) from error
    except httpx.HTTPError as error:
        # Refused connections, resets, DNS failures: the receiver may be back soon.
        raise TransportError(f"{type(error).__name__}: {error}", permanent=False) from error
    if 200 <= response.status_code < 300:
        return response
    body = excerpt(response.text)
    if 300 <= response.status_code < 400:
        raise TransportError(
            f"redirect to {response.headers.get('location', '?')} not followed",
            permanent=True,
            status=response.status_code,
            response_excerpt=body,
        )
    raise TransportError(
        f"HTTP {response.status_code}",
        permanent=status_is_permanent(response.status_code),
        status=response.status_code,
        response_excerpt=body,
        retry_after=retry_after_seconds(response.headers.get("retry-after")),
    )
