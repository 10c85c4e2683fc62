"""Rate limits per client for the e-service's submissions, in the shared cache.

The client is the connecting address (REMOTE_ADDR); behind a proxy, the proxy must set it to
the resident's address. A fixed window: simple, and the same in every web process.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def allow(request: HttpRequest, bucket: str) -> bool:
    """Count one submission; False once the client has used up the window's allowance."""
    key = f"eservice-rate:{bucket}:{client(request)}"
    window = settings.ESERVICE_RATE_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # the window ran out between add and incr
        cache.set(key, 1, timeout=window)
        return True
    return int(count) <= settings.ESERVICE_RATE_LIMIT
