"""Rate limits and body sizes for every public endpoint (REST and Open311).

Counts live in the shared cache (`KONTAKTCENTER_CACHE`: the database by default, or Redis), so
every web process sees the same count. The window is a fixed minute: simple, and at worst a
client gets twice its rate across a minute's edge, which protects the service just as well.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kontaktcenter.core import clock
from kontaktcenter.core.errors import ServiceError, error_code

RATE_LIMITED = error_code(
    "api.rate_limited", _("Too many requests. Wait %(seconds)d seconds and try again.")
)
TOO_LARGE = error_code("api.too_large", _("The request is larger than %(limit)d bytes."))


class RateLimited(ServiceError):  # noqa: N818 - reads as the status it is
    """HTTP 429, with Retry-After."""


class TooLarge(ServiceError):  # noqa: N818
    """HTTP 413."""


@dataclass(frozen=True)
class Allowance:
    limit: int
    remaining: int
    retry_after: int


def client_identity(request: HttpRequest, presented_key: str) -> str:
    """Who is counted: the presented key (hashed: the cache never holds a secret), or the
    client's address when there is none."""
    if presented_key:
        return "key:" + hashlib.sha256(presented_key.encode()).hexdigest()[:32]
    return "ip:" + str(request.META.get("REMOTE_ADDR", ""))


# Requests counted here but not yet added to the shared count, per counter. Each process adds
# its count to the cache every BATCH requests (or when the minute turns), so the shared cache is
# written once per BATCH requests instead of twice per request. The limit may be overshot by
# at most BATCH requests per web process, which is the price of not queueing every request
# behind a cache write.
BATCH = 10
_pending: dict[str, int] = {}
_shared: dict[str, int] = {}
_lock = threading.Lock()


def _add_to_shared(counter: str, amount: int) -> int:
    # add() is atomic in every cache backend; incr() is atomic in Redis and close to it in the
    # database cache, which is enough for a limit meant to stop floods, not to bill.
    if cache.add(counter, amount, timeout=120):
        return amount
    try:
        return cache.incr(counter, amount)
    except ValueError:  # expired between add and incr
        cache.add(counter, amount, timeout=120)
        return amount


def check_rate(identity: str) -> Allowance:
    """Count one request; raises RateLimited past the limit."""
    limit = settings.API_RATE_LIMIT_PER_MINUTE
    moment = clock.now().timestamp()
    window = int(moment // 60)
    retry_after = max(1, 60 - int(moment % 60))
    counter = f"api-rate:{identity}:{window}"
    with _lock:
        pending = _pending.get(counter, 0) + 1
        flush = pending >= BATCH or counter not in _shared or pending + _shared[counter] > limit
        if not flush:
            _pending[counter] = pending
            used = _shared[counter] + pending
    if flush:
        total = _add_to_shared(counter, pending)
        with _lock:
            _forget_old_windows(window)
            _pending[counter] = 0
            _shared[counter] = total
        used = total
    if used > limit:
        raise RateLimited(RATE_LIMITED, seconds=retry_after)
    return Allowance(limit=limit, remaining=max(0, limit - used), retry_after=retry_after)


def _forget_old_windows(window: int) -> None:
    suffix = f":{window}"
    for known in [name for name in _shared if not name.endswith(suffix)]:
        _shared.pop(known, None)
        _pending.pop(known, None)


def check_size(request: HttpRequest) -> None:
    """Refuse a body over the limit before it is read."""
    limit = settings.API_MAX_BODY_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise TooLarge(TOO_LARGE, limit=limit)
