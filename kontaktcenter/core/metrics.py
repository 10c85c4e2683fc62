"""Request metrics for Prometheus, and one structured log line per request (issue 16).

Requests are labelled by the route's name ("desk:case"), never by the path: a path holds case
references and search words, and every distinct label value is a new time series.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from prometheus_client import CollectorRegistry, Counter, Histogram

from kontaktcenter.core.middleware import request_id_of

# The application's own registry, so a test or a second import never registers twice into the
# library's global one, and /metrics shows only what this application measures.
REGISTRY = CollectorRegistry(auto_describe=True)

REQUESTS = Counter(
    "kontaktcenter_http_requests",
    "HTTP requests answered, by route, method and status class.",
    ["route", "method", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "kontaktcenter_http_request_duration_seconds",
    "Time from the request reaching Django to the response leaving it, by route.",
    ["route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)

request_log = logging.getLogger("kontaktcenter.requests")


def route_of(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None and match.view_name else "unmatched"


class RequestMetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - started
        route = route_of(request)
        method = request.method or "GET"
        REQUESTS.labels(route, method, f"{response.status_code // 100}xx").inc()
        LATENCY.labels(route).observe(elapsed)
        request_log.info(
            "%s %s %s",
            method,
            route,
            response.status_code,
            extra={
                "request_id": request_id_of(request),
                "route": route,
                "method": method,
                "status": response.status_code,
                "duration_ms": round(elapsed * 1000, 1),
                # The account's number only: the name is personal data.
                "user_id": getattr(getattr(request, "user", None), "pk", None),
            },
        )
        return response
