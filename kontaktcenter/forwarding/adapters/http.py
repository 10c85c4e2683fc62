"""One HTTP request to a receiver, with the failure sorted into permanent or retry.

No redirects are followed (a redirect could lead past the outbound checks), the destination is
checked before every request, and answers are read only as far as the excerpt we keep.
"""

from __future__ import annotations

import email.utils
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from django.conf import settings

from kontaktcenter.core import clock
from kontaktcenter.forwarding import safety
from kontaktcenter.forwarding.adapters.base import (
    TransportError,
    excerpt,
    status_is_permanent,
)

USER_AGENT = "Kontaktcenter-forwarding/1"
# What is read of an answer: enough for a reference, a GeoReport list or an error text. A
# receiver cannot make a worker hold megabytes by answering with them.
MAX_ANSWER_BYTES = 256 * 1024


@dataclass(frozen=True)
class Answer:
    status_code: int
    headers: httpx.Headers
    text: str


_client: httpx.Client | None = None


def _shared_client() -> httpx.Client:
    """One client per process: it keeps connections to receivers open between deliveries,
    and building one (with its TLS context) costs more than a whole POST on a local network."""
    global _client  # noqa: PLW0603 - a lazily made, process-wide connection pool
    if _client is None:
        # trust_env=False: no proxy variables or .netrc credentials sneak into deliveries.
        _client = httpx.Client(
            follow_redirects=False, trust_env=False, headers={"User-Agent": USER_AGENT}
        )
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
    return max(0.0, (moment - (now or clock.now())).total_seconds())


def post(
    url: str,
    *,
    content: bytes,
    headers: Mapping[str, str],
    timeout: float | None = None,
) -> Answer:
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
) -> Answer:
    refused = safety.refusal(url)
    if refused is not None:
        code, params_of_refusal = refused
        raise TransportError(f"{code.code}: {url} {params_of_refusal}".strip(), permanent=True)
    client = _shared_client()
    try:
        response = client.send(
            client.build_request(
                method,
                url,
                content=content,
                params=params,
                headers=dict(headers or {}),
                timeout=timeout or settings.FORWARDING_TIMEOUT_SECONDS,
            ),
            stream=True,
        )
        try:
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) >= MAX_ANSWER_BYTES:
                    break
        finally:
            response.close()
    except httpx.TimeoutException as error:
        raise TransportError(f"timed out: {error}", permanent=False) from error
    except httpx.HTTPError as error:
        # Refused connections, resets, DNS failures: the receiver may be back soon.
        raise TransportError(f"{type(error).__name__}: {error}", permanent=False) from error
    answer = Answer(
        status_code=response.status_code,
        headers=response.headers,
        text=bytes(body[:MAX_ANSWER_BYTES]).decode(response.encoding or "utf-8", errors="replace"),
    )
    if 200 <= answer.status_code < 300:
        return answer
    body_excerpt = excerpt(answer.text)
    if 300 <= answer.status_code < 400:
        raise TransportError(
            f"redirect to {answer.headers.get('location', '?')} not followed",
            permanent=True,
            status=answer.status_code,
            response_excerpt=body_excerpt,
        )
    raise TransportError(
        f"HTTP {answer.status_code}",
        permanent=status_is_permanent(answer.status_code),
        status=answer.status_code,
        response_excerpt=body_excerpt,
        retry_after=retry_after_seconds(answer.headers.get("retry-after")),
    )
