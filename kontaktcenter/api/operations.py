"""Endpoints for the city's operations staff and their monitoring (issue 16).

- /healthz: the process answers (a liveness probe: restart it if this fails).
- /readyz: the database answers and every migration is applied (a readiness probe: send no
  traffic until it passes).
- /metrics: Prometheus text format; requests and latency (counted by the middleware), the
  forwarding outbox's backlog and failures, and the open cases per queue, read at scrape time.

None of them shows personal data; /metrics asks for KONTAKTCENTER_METRICS_TOKEN as a bearer
token when one is set. `OperationsMiddleware` answers them before host validation, sessions and
the HTTPS redirect: a probe or a scraper calls a process by its address inside the deployment's
network, with no session, and is not a user.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from kontaktcenter.cases import selectors as case_selectors
from kontaktcenter.core.metrics import REGISTRY
from kontaktcenter.forwarding import selectors as forwarding_selectors


@never_cache
@require_GET
def healthz(_request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _unapplied_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


@never_cache
@require_GET
def readyz(_request: HttpRequest) -> JsonResponse:
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
        unapplied = _unapplied_migrations()
        checks["migrations"] = "ok" if unapplied == 0 else f"{unapplied} not applied"
    except DatabaseError as error:
        # The class only: the driver's text can name hosts and accounts.
        checks["database"] = f"unavailable ({type(error).__name__})"
    ready = all(value == "ok" for value in checks.values()) and "migrations" in checks
    return JsonResponse(
        {"status": "ready" if ready else "not ready", "checks": checks},
        status=200 if ready else 503,
    )


class _DatabaseFigures(Collector):
    """Figures read from the database when Prometheus scrapes, so every web process reports
    the same truth however many there are."""

    def collect(self) -> Iterator[Metric]:
        outbox = forwarding_selectors.outbox_figures()
        backlog = GaugeMetricFamily(
            "kontaktcenter_outbox_pending", "Deliveries waiting to be sent to a receiving system."
        )
        backlog.add_metric([], outbox.pending)
        yield backlog
        dead = GaugeMetricFamily(
            "kontaktcenter_outbox_dead", "Deliveries that failed for good and wait for a person."
        )
        dead.add_metric([], outbox.dead)
        yield dead
        age = GaugeMetricFamily(
            "kontaktcenter_outbox_oldest_pending_seconds",
            "Age of the oldest delivery still waiting; 0 when none waits.",
        )
        age.add_metric([], outbox.oldest_pending_seconds)
        yield age
        failures = CounterMetricFamily(
            "kontaktcenter_outbox_failed_attempts",
            "Delivery attempts that did not deliver (retried or given up).",
        )
        failures.add_metric([], outbox.failed_attempts)
        yield failures
        queues = GaugeMetricFamily(
            "kontaktcenter_queue_open_cases",
            "Cases still to be worked, per case queue.",
            labels=["queue_id", "queue"],
        )
        for queue_id, name, count in case_selectors.open_cases_per_queue():
            queues.add_metric(["" if queue_id is None else str(queue_id), name], count)
        yield queues


def _authorised(request: HttpRequest) -> bool:
    token: str = settings.METRICS_TOKEN
    if not token:
        return True
    given = request.headers.get("Authorization", "")
    return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not _authorised(request):
        return HttpResponse(status=401, headers={"WWW-Authenticate": "Bearer"})
    scraped = CollectorRegistry(auto_describe=True)
    scraped.register(_DatabaseFigures())
    body = generate_latest(REGISTRY) + generate_latest(scraped)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)


_ENDPOINTS: dict[str, Callable[[HttpRequest], HttpResponse]] = {
    "/healthz": healthz,
    "/readyz": readyz,
    "/metrics": metrics,
}


class OperationsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        endpoint = _ENDPOINTS.get(request.path_info)
        return endpoint(request) if endpoint is not None else self.get_response(request)
