"""The measurements of one database's benchmark; `benchmarks.database_run` calls `run`.

Django must be set up before this module is imported (it imports models at the top).
Figures are collected under stable keys and written as JSON; `benchmarks.run` lays them out.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarks import world as world_module
from benchmarks.generator import RARE_LAST_NAME, generate
from benchmarks.http_client import Browser, HttpBenchmarkError, free_port, wait_until_serving
from benchmarks.timing import Summary
from benchmarks.world import World
from kontaktcenter.cases import selectors, services
from kontaktcenter.cases.models import Case, CaseStatus, Channel, Contact
from kontaktcenter.core.errors import ValidationError
from kontaktcenter.core.phone import normalise_phone
from kontaktcenter.core.text import query_terms
from kontaktcenter.desk.views.queues import PAGE_SIZE
from kontaktcenter.routing.models import Category, Handling
from kontaktcenter.statistics.selectors import period_bounds

# The words the search measures look for, as a tier-1 agent types them: one in about one case
# in six ("Felanmälan gata och trottoar", "Gatubelysning", "gatumark"), one in one case in
# 5 000 (a resident's name, with an Ö), one in none.
SEARCH_WORDS = {"common": "gata", "rare": RARE_LAST_NAME.lower(), "none": "brandlarm"}
# What the desk's search page reads (desk.views.cases.case_search).
SEARCH_PAGE_SIZE = 50


def _say(message: str) -> None:
    print(f"  [{os.environ.get('KC_BENCH_LABEL', '?')}] {message}", flush=True)


def _timed(action: Callable[[], object], repeat: int, warm_up: int) -> list[float]:
    for _ in range(warm_up):
        action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


class Measurements:
    """Collects figures under stable keys; `benchmarks.run` lays them out in the table."""

    def __init__(self) -> None:
        self.values: dict[str, float] = {}
        self.queries: dict[str, int] = {}
        self.info: dict[str, Any] = {}
        self.plans: dict[str, str] = {}

    def rate(self, key: str, count: int, seconds: list[float]) -> None:
        self.values[f"{key}.per_second"] = count / sum(seconds)
        summary = Summary.of(seconds)
        self.values[f"{key}.median_ms"] = summary.median_ms
        self.values[f"{key}.p95_ms"] = summary.p95_ms

    def latency(self, key: str, seconds: list[float]) -> None:
        summary = Summary.of(seconds)
        self.values[f"{key}.median_ms"] = summary.median_ms
        self.values[f"{key}.p95_ms"] = summary.p95_ms
        self.info[f"{key}.samples"] = summary.count

    def as_json(self) -> dict[str, Any]:
        return {
            "values": self.values,
            "queries": self.queries,
            "info": self.info,
            "plans": self.plans,
        }


def run(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, required=True)
    parser.add_argument("--service-cases", type=int, default=500)
    parser.add_argument("--http-cases", type=int, default=300)
    parser.add_argument("--queue-requests", type=int, default=50)
    parser.add_argument("--stats-requests", type=int, default=20)
    parser.add_argument("--search-requests", type=int, default=20)
    parser.add_argument("--sqlite-analyze", action="store_true")
    parser.add_argument("--json-out", type=Path, required=True)
    args = parser.parse_args(argv)

    measured = Measurements()
    measured.info["vendor"] = connection.vendor
    with connection.cursor() as cursor:
        cursor.execute(
            "select sqlite_version()" if connection.vendor == "sqlite" else "show server_version"
        )
        measured.info["server_version"] = cursor.fetchone()[0]

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    measured.info["migrate_seconds"] = time.perf_counter() - started

    world = world_module.build_world()
    agent = world.tier1_agents[0]
    large = world.large_organisation
    officer = world.officer_of(large)
    assert world.analyst is not None
    world_module.allow_login(agent, officer, world.analyst)
    measured.info["categories"] = len(world.leaves)
    measured.info["districts"] = len(world.districts)

    def progress(done: int, total: int) -> None:
        if done % 20_000 == 0 or done == total:
            _say(f"generated {done:,} of {total:,} cases")

    _say(f"generating {args.cases:,} cases (bulk_create; not measured as application speed)")
    result = generate(world, cases=args.cases, progress=progress)
    measured.info["generation"] = {
        "cases": result.cases,
        "contacts": result.contacts,
        "events": result.events,
        "closed_share": result.closed_share,
        "seconds": result.seconds,
    }
    _say(
        f"generation took {result.seconds:.1f} s: {result.cases:,} cases, "
        f"{result.contacts:,} contacts, {result.events:,} events, "
        f"{result.closed_share:.0%} closed"
    )

    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # What autovacuum would have done by the time anyone reads these rows.
            cursor.execute("VACUUM ANALYZE")
        elif args.sqlite_analyze:
            cursor.execute("ANALYZE")
    measured.info["analyze_seconds"] = time.perf_counter() - started
    measured.info["analyzed"] = connection.vendor == "postgresql" or args.sqlite_analyze

    _measure_service_intake(world, measured, args.service_cases)
    _measure_search(world, measured, args.search_requests)
    _measure_queries_in_process(world, measured)
    _explain(world, measured)
    connection.close()
    _measure_over_http(world, measured, args)

    args.json_out.write_text(json.dumps(measured.as_json(), indent=2))


# --- a. intake through the service -----------------------------------------------------------


def _intake_arguments(world: World, rng: random.Random, number: int) -> dict[str, Any]:

    leaf = rng.choice([leaf for leaf in world.leaves if leaf.handling != Handling.REFERRAL])
    district = None
    if leaf.handling == Handling.RESIDENT_DISTRICT or rng.random() < 0.5:
        district = rng.choice(world.districts)
    return {
        "category_id": leaf.id,
        "district": district,
        "subject": f"Mätning {number}: {leaf.name}",
        "description": f"Invånaren hör av sig om {leaf.name.lower()} (mätning {number}).",
        "resident_name": "Anna Svensson",
        "resident_email": f"anna.svensson{number}@example.se",
        "resident_phone": "+46701234567",
    }


def _measure_service_intake(world: World, measured: Measurements, count: int) -> None:

    categories = Category.objects.select_related("responsible_organisation").in_bulk()
    agent = world.tier1_agents[0]
    rng = random.Random(7)
    counter = iter(range(1, 10**9))

    def create_case() -> None:
        arguments = _intake_arguments(world, rng, next(counter))
        category = categories[arguments.pop("category_id")]
        services.case_create(actor=agent, channel=Channel.EMAIL, category=category, **arguments)

    def contact_then_case() -> None:
        arguments = _intake_arguments(world, rng, next(counter))
        category = categories[arguments.pop("category_id")]
        contact = services.contact_start(actor=agent, channel=Channel.PHONE, question="Fråga")
        services.case_create(
            actor=agent, channel=Channel.PHONE, category=category, contact=contact, **arguments
        )

    _say(f"a. intake through the service: {count} cases, twice")
    warm_up = min(20, count)
    measured.rate("service_case", count, _timed(create_case, count, warm_up))
    measured.rate("service_contact_case", count, _timed(contact_then_case, count, warm_up))
    for key, action in (("service_case", create_case), ("service_contact_case", contact_then_case)):
        with CaptureQueriesContext(connection) as captured:
            action()
        measured.queries[key] = len(captured.captured_queries)


# --- e. case search, in process --------------------------------------------------------------


def _search_before_full_text(actor: Any, query: str) -> QuerySet[Case]:
    """case_search as it was before the full-text index, to compare with in the same run.

    The same scope, OR'ed branches and order; the words by `LIKE '%…%'` over search_text. That
    column now holds the analysed terms, so the query's analysed form is looked for in it, which
    matches about the cases the old search found (the counts are printed beside the times).
    """
    cleaned = query.strip()
    matches = (
        Q(reference__iexact=cleaned)
        | Q(search_text__contains=" ".join(query_terms(cleaned)))
        | Q(party__email__iexact=cleaned)
    )
    with contextlib.suppress(ValidationError):
        matches |= Q(party__phone=normalise_phone(cleaned))
    return selectors.visible_cases(actor).filter(matches).order_by("-id")


def _measure_search(world: World, measured: Measurements, repeat: int) -> None:
    """The first page of case search for each word, with the index and without, interleaved."""

    agent = world.tier1_agents[0]
    _say(f"e. case search: {repeat} searches per word, with the index and with LIKE")
    for kind, word in SEARCH_WORDS.items():
        # Built inside the timing: case_search asks the database how common the words are
        # while it builds the query.
        def search_indexed(query: str = word) -> None:
            list(selectors.case_search(actor=agent, query=query)[:SEARCH_PAGE_SIZE])

        def search_before(query: str = word) -> None:
            list(_search_before_full_text(agent, query)[:SEARCH_PAGE_SIZE])

        # One of each in turn, so both meet the same moments of a noisy, shared machine.
        samples: dict[str, list[float]] = {"indexed": [], "before": []}
        for _ in range(3):
            search_indexed()
            search_before()
        for _ in range(repeat):
            samples["indexed"] += _timed(search_indexed, 1, 0)
            samples["before"] += _timed(search_before, 1, 0)
        measured.latency(f"search_{kind}", samples["indexed"])
        measured.latency(f"search_{kind}_like", samples["before"])
        with CaptureQueriesContext(connection) as captured:
            search_indexed()
        measured.queries[f"search_{kind}"] = len(captured.captured_queries)
        indexed = selectors.case_search(actor=agent, query=word)
        before = _search_before_full_text(agent, word)
        measured.info[f"search_{kind}.matches"] = indexed.count()
        measured.info[f"search_{kind}_like.matches"] = before.count()
        measured.plans[f"search_{kind}"] = indexed[:SEARCH_PAGE_SIZE].explain()
        measured.plans[f"search_{kind}_like"] = before[:SEARCH_PAGE_SIZE].explain()


# --- query counts and plans, in process ------------------------------------------------------


def _statistics_path(days: int) -> str:

    last_day = timezone.localdate()
    first_day = last_day - timedelta(days=days - 1)
    return f"/statistik/?first_day={first_day.isoformat()}&last_day={last_day.isoformat()}"


def _queue_pages(world: World) -> tuple[int, int]:
    """How many open cases the large organisation has, and the deepest page to measure."""

    officer = world.officer_of(world.large_organisation)
    open_cases = selectors.organisation_queue(
        actor=officer, organisation_id=world.large_organisation.pk
    ).count()
    pages = max(1, -(-open_cases // PAGE_SIZE))
    return open_cases, min(50, pages)


def _queue_path(world: World, page: int) -> str:
    """The desk URL of the queue's page `page`: the queue pages by keyset (issue 7), so the
    cursor of the page before is found by walking the pages once, untimed."""
    from urllib.parse import urlencode  # noqa: PLC0415

    from kontaktcenter.cases.queue_pages import QueueFilters  # noqa: PLC0415

    large = world.large_organisation
    officer = world.officer_of(large)
    cursor: str | None = None
    for _page in range(page - 1):
        result = selectors.queue_page(
            actor=officer, organisation_id=large.pk, filters=QueueFilters(), cursor=cursor
        )
        if result.next_cursor is None:
            break
        cursor = result.next_cursor
    return f"/ko/{large.pk}/" + (f"?{urlencode({'after': cursor})}" if cursor else "")


def _measure_queries_in_process(world: World, measured: Measurements) -> None:
    """SQL statements per page, through Django's test client in this process (not timed)."""

    large = world.large_organisation
    open_cases, deep_page = _queue_pages(world)
    measured.info["queue_open_cases"] = open_cases
    measured.info["queue_deep_page"] = deep_page
    measured.info["large_organisation_cases"] = Case.objects.filter(
        responsible_organisation__in=[large.pk, *large.children.values_list("pk", flat=True)]
    ).count()
    measured.info["cases_total"] = Case.objects.count()
    measured.info["cases_open_total"] = Case.objects.exclude(status=CaseStatus.CLOSED).count()

    officer_client = Client(HTTP_HOST="127.0.0.1")
    officer_client.force_login(world.officer_of(large))
    analyst_client = Client(HTTP_HOST="127.0.0.1")
    assert world.analyst is not None
    analyst_client.force_login(world.analyst)
    agent_client = Client(HTTP_HOST="127.0.0.1")
    agent_client.force_login(world.tier1_agents[0])
    leaf = next(leaf for leaf in world.leaves if leaf.owner_id == large.pk)
    pages: list[tuple[str, Client, str, dict[str, str] | None]] = [
        ("queue_page_1", officer_client, f"/ko/{large.pk}/", None),
        ("queue_page_deep", officer_client, _queue_path(world, deep_page), None),
        ("statistics_30", analyst_client, _statistics_path(30), None),
        ("statistics_365", analyst_client, _statistics_path(365), None),
        ("http_case_form", agent_client, "/arenden/nytt/", None),
        (
            "http_case",
            agent_client,
            "/arenden/nytt/",
            {
                "channel": Channel.EMAIL,
                "category": str(leaf.id),
                "subject": "Räkna frågor",
                "description": "",
                "resident_name": "",
                "resident_email": "",
                "resident_phone": "",
                "district": "",
            },
        ),
    ]
    for key, client, path, data in pages:
        with CaptureQueriesContext(connection) as captured:
            response = client.post(path, data) if data is not None else client.get(path)
        expected = 302 if data is not None else 200
        if response.status_code != expected:
            raise SystemExit(f"{path}: {response.status_code}, expected {expected}")
        measured.queries[key] = len(captured.captured_queries)


def _explain(world: World, measured: Measurements) -> None:
    """The plans of the heaviest queries behind the queue and statistics pages."""

    officer = world.officer_of(world.large_organisation)
    queue = selectors.organisation_queue(actor=officer, organisation_id=world.large_organisation.pk)
    _open, deep_page = _queue_pages(world)
    offset = (deep_page - 1) * PAGE_SIZE
    start, end = period_bounds(*_days(365))
    cases = Case.objects.filter(received_at__gte=start, received_at__lt=end)
    contacts = Contact.objects.filter(received_at__gte=start, received_at__lt=end)
    queries = {
        "queue_count": queue.order_by().values("pk"),
        "queue_page_deep": queue[offset : offset + PAGE_SIZE],
        "statistics_365_cases_by_category": cases.order_by()
        .values("category__name")
        .annotate(n=Count("id")),
        "statistics_365_contacts_by_outcome": contacts.order_by()
        .values("outcome")
        .annotate(n=Count("id")),
    }
    for key, queryset in queries.items():
        measured.plans[key] = queryset.explain()


def _days(days: int) -> tuple[date, date]:

    last_day = timezone.localdate()
    return last_day - timedelta(days=days - 1), last_day


# --- b–d. over HTTP, against the real server --------------------------------------------------


def _measure_over_http(world: World, measured: Measurements, args: argparse.Namespace) -> None:

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = args.json_out.with_suffix(".server.log")
    environment = {**os.environ, "KONTAKTCENTER_LOG_LEVEL": "WARNING"}
    with log_path.open("wb") as log:
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-m", "kontaktcenter.cli", "serve", "--port", str(port)],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(base_url, server)
        _say(f"b. intake over HTTP: {args.http_cases} cases (server on port {port})")
        agent = Browser(base_url)
        agent.log_in(world.tier1_agents[0].username, world_module.PASSWORD)
        token = agent.csrf_token("/arenden/nytt/")
        rng = random.Random(11)
        counter = iter(range(10**6, 10**9))

        def post_case() -> None:
            arguments = _intake_arguments(world, rng, next(counter))
            district = arguments["district"]
            answer = agent.post(
                "/arenden/nytt/",
                {
                    "csrfmiddlewaretoken": token,
                    "channel": Channel.EMAIL,
                    "category": str(arguments["category_id"]),
                    "subject": arguments["subject"],
                    "description": arguments["description"],
                    "resident_name": arguments["resident_name"],
                    "resident_email": arguments["resident_email"],
                    "resident_phone": arguments["resident_phone"],
                    "district": str(district.pk) if district else "",
                },
            )
            if answer.status != 302 or "/arenden/KC-" not in answer.location:
                raise HttpBenchmarkError(f"case POST: {answer.status} {answer.body[:500]}")

        warm_up = min(10, args.http_cases)
        measured.rate("http_case", args.http_cases, _timed(post_case, args.http_cases, warm_up))

        large = world.large_organisation
        deep_page = measured.info["queue_deep_page"]
        _say(f"c. queue of {large.name}: {args.queue_requests} requests per page")
        officer = Browser(base_url)
        officer.log_in(world.officer_of(large).username, world_module.PASSWORD)
        for key, path in (
            ("queue_page_1", f"/ko/{large.pk}/"),
            ("queue_page_2", _queue_path(world, 2)),
            ("queue_page_deep", _queue_path(world, deep_page)),
        ):
            measured.latency(key, _timed(_getter(officer, path), args.queue_requests, 3))

        _say(f"d. statistics: {args.stats_requests} requests per period")
        analyst = Browser(base_url)
        assert world.analyst is not None
        analyst.log_in(world.analyst.username, world_module.PASSWORD)
        for key, days in (("statistics_30", 30), ("statistics_365", 365)):
            path = _statistics_path(days)
            measured.latency(key, _timed(_getter(analyst, path), args.stats_requests, 3))

        # Last, because it changes the data: the same queue when every case older than 90 days
        # has been closed, so the open cases are all at the recent end of the history.
        closed = _close_old_cases(days=90)
        measured.info["queue_recent_closed_now"] = closed
        measured.info["queue_recent_open_cases"] = _queue_pages(world)[0]
        recent_queue = selectors.organisation_queue(
            actor=world.officer_of(large), organisation_id=large.pk
        )
        measured.plans["queue_recent_page_1"] = recent_queue[:PAGE_SIZE].explain()
        _say(f"c2. queue again after closing {closed:,} cases older than 90 days")
        path = f"/ko/{large.pk}/"
        measured.latency(
            "queue_recent_page_1", _timed(_getter(officer, path), args.queue_requests, 3)
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _close_old_cases(*, days: int) -> int:
    cut = timezone.now() - timedelta(days=days)
    closed = (
        Case.objects.filter(received_at__lt=cut)
        .exclude(status=CaseStatus.CLOSED)
        .update(status=CaseStatus.CLOSED, closed_at=timezone.now())
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # As autovacuum would after so many updates. ANALYZE alone left the dead row versions
            # and the visibility map unset, so the queue read the heap for every index entry and
            # the figure grew with the closed rows, not with the query (at 1 M cases).
            cursor.execute("VACUUM ANALYZE cases_case")
    connection.close()
    return closed


def _getter(browser: Browser, path: str) -> Callable[[], None]:

    def get() -> None:
        answer = browser.get(path)
        if answer.status != 200:
            raise HttpBenchmarkError(f"GET {path}: {answer.status} {answer.body[:500]}")

    return get
