"""Rate limits and body sizes for every public endpoint (REST and Open311).

Counts live in the shared cache (`KONTAKTCENTER_CACHE`: the database by default, or Redis), so
every web process sees the same count. The window is a fixed minute: simple, and at worst a
client gets twice its rate across a minute's edge, which protects the service just as well.
"""

from __future__ import annotations

import hashlib
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


def check_rate(identity: str) -> Allowance:
    """Count one request; raises RateLimited past the limit."""
    limit = settings.API_RATE_LIMIT_PER_MINUTE
    moment = clock.now().timestamp()
    window = int(moment // 60)
    retry_after = max(1, 60 - int(moment % 60))
    counter = f"api-rate:{identity}:{window}"
    # add() is atomic in every cache backend; incr() is atomic in Redis and close to it in the
    # database cache, which is enough for a limit meant to stop floods, not to bill.
    if cache.add(counter, 1, timeout=120):
        used = 1
    else:
        try:
            used = cache.incr(counter)
        except ValueError:  # expired between add and incr
            cache.add(counter, 1, timeout=120)
            used = 1
    if used > limit:
        raise RateLimited(RATE_LIMITED, seconds=retry_after)
    return Allowance(limit=limit, remaining=limit - used, retry_after=retry_after)


def check_size(request: HttpRequest) -> None:
    """Refuse a body over the limit before it is read."""
    limit = settings.API_MAX_BODY_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise TooLarge(TOO_LARGE, limit=limit)
