"""Queue-page latency as the case history grows (issue 7): page 1, a filtered page sorted by
deadline, and a deep keyset page, at each size given, on PostgreSQL, side by side in one run.

    .venv/bin/python -m benchmarks.queues --sizes 100000,1000000 \
        --postgres-url postgres://postgres@127.0.0.1:5432/kc_casework

The first size is generated with the application's model (benchmarks.generator: cases with
contacts and events over two years, ~30 % open). Each further size adds older, closed history
with one INSERT … SELECT of the cases already there (new references and tracking codes,
received 2, 4, 6 … years earlier), so 1 M cases are twenty years of a city's history whose
open work list is as large as at the first size: the growth measured is the history's, which
is what a city accumulates. **The database named is dropped and created again.**
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parent.parent

# Working hours by priority as calendar time for the generated data: a benchmark needs
# deadlines spread like real ones, not the exact working-time arithmetic at intake.
_DEADLINE_SQL = """
UPDATE cases_case SET
    priority = 1 + (id % 4),
    deadline_at = CASE WHEN status IN ('new', 'assigned', 'in_progress')
        THEN received_at + ((1 + (id % 4)) * 2) * interval '1 day' ELSE NULL END
"""

_COPY_SQL = """
INSERT INTO cases_case (
    reference, tracking_token, channel, category_id, status, responsible_organisation_id,
    district_id, assignee_id, is_confidential, subject, description, party_id,
    share_contact_details, search_text, routing_reason, created_by_id, received_at,
    created_at, updated_at, closed_at, priority, deadline_at, deadline_remaining, version,
    form_values, checklist_done, queue_id, case_type_version_id
)
SELECT
    reference || '-' || %(copy)s, md5(tracking_token || %(copy)s) || md5(random()::text),
    channel, category_id, 'closed', responsible_organisation_id, district_id, assignee_id,
    is_confidential, subject, description, party_id, share_contact_details, search_text,
    routing_reason, created_by_id, received_at - %(shift)s * interval '1 day',
    created_at - %(shift)s * interval '1 day', updated_at - %(shift)s * interval '1 day',
    COALESCE(closed_at, updated_at) - %(shift)s * interval '1 day', priority, NULL, NULL, 1,
    form_values, checklist_done, NULL, NULL
FROM cases_case WHERE id <= %(last_id)s LIMIT %(rows)s
"""


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kontaktcenter.settings")
    os.environ.setdefault("KONTAKTCENTER_SECRET_KEY", "benchmark-only-" + "x" * 40)
    import django  # noqa: PLC0415 - configured by the environment above

    django.setup()


def _timed(samples: int, action: Any) -> dict[str, float]:
    from benchmarks.timing import Summary  # noqa: PLC0415

    seconds = []
    for _sample in range(samples):
        started = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - started)
    summary = Summary.of(seconds)
    return {"median_ms": summary.median_ms, "p95_ms": summary.p95_ms}


def _measure(world: Any, samples: int) -> dict[str, Any]:
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from kontaktcenter.cases import selectors  # noqa: PLC0415
    from kontaktcenter.cases.queue_pages import (  # noqa: PLC0415
        QueueFilters,
        QueueSort,
        QueueView,
    )

    organisation = world.large_organisation
    officer = world.officer_of(organisation)
    plain = QueueFilters()
    filtered = QueueFilters(status="in_progress", priority=2, sort=QueueSort.DEADLINE)
    unassigned = QueueFilters(view=QueueView.UNASSIGNED, sort=QueueSort.PRIORITY)

    def page(filters: QueueFilters, cursor: str | None = None) -> Any:
        return selectors.queue_page(
            actor=officer, organisation_id=organisation.pk, filters=filters, cursor=cursor
        )

    # The deep page: walk the keyset to the last quarter of the open queue once, untimed.
    cursor = None
    pages_walked = 0
    open_count = selectors.organisation_queue(
        actor=officer, organisation_id=organisation.pk
    ).count()
    while pages_walked < max(1, (open_count // selectors.QUEUE_PAGE_SIZE) * 3 // 4):
        result = page(plain, cursor)
        if result.next_cursor is None:
            break
        cursor = result.next_cursor
        pages_walked += 1
    with CaptureQueriesContext(connection) as queries:
        page(plain)
    return {
        "open_cases": open_count,
        "deep_page": pages_walked + 1,
        "queries_per_page": len(queries.captured_queries),
        "page_1": _timed(samples, lambda: page(plain)),
        "filtered": _timed(samples, lambda: page(filtered)),
        "unassigned_by_priority": _timed(samples, lambda: page(unassigned)),
        "deep": _timed(samples, lambda: page(plain, cursor)),
    }


def _grow_to(target: int, copies_made: int) -> int:
    """Add closed history copied from the first size's cases, two years older per round;
    returns how many rounds have been made so far."""
    from django.db import connection, transaction  # noqa: PLC0415

    from kontaktcenter.cases.models import Case  # noqa: PLC0415

    count = Case.objects.count()
    base = Case.objects.exclude(reference__contains="-H").count()
    base_last_id = (
        Case.objects.exclude(reference__contains="-H")
        .order_by("id")
        .values_list("id", flat=True)
        .last()
        or 0
    )
    copy = copies_made
    while count < target:
        copy += 1
        rows = min(base, target - count)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                _COPY_SQL, {"copy": f"H{copy}", "shift": 730 * copy, "last_id": base_last_id,
                            "rows": rows}
            )  # fmt: skip
        count += rows
        print(f"  history copy {copy}: {count:,} cases", file=sys.stderr, flush=True)
    return copy


def _analyse() -> None:
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE cases_case")


def run(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/kc_casework")
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))

    from benchmarks.run import recreate_postgres_database  # noqa: PLC0415

    recreate_postgres_database(args.postgres_url)
    _setup_django(args.postgres_url)
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    from benchmarks import world as world_module  # noqa: PLC0415
    from benchmarks.generator import generate  # noqa: PLC0415

    call_command("migrate", interactive=False, verbosity=0)
    world = world_module.build_world()
    started = time.perf_counter()
    generate(world, cases=sizes[0])
    with connection.cursor() as cursor:
        cursor.execute(_DEADLINE_SQL)
    print(f"generated {sizes[0]:,} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    results: dict[int, dict[str, Any]] = {}
    copies = 0
    for size in sizes:
        copies = _grow_to(size, copies)
        _analyse()
        results[size] = _measure(world, args.samples)
        # Printed after every size, so a long run shows its figures as they come.
        print(format_table(results), flush=True)
        print(flush=True)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))


def format_table(results: dict[int, dict[str, Any]]) -> str:
    sizes = sorted(results)
    first = sizes[0]
    header = ["measure", *(f"{size:,} cases" for size in sizes), f"{sizes[-1]:,} / {first:,}"]
    rows = [header]
    for key, label in (
        ("page_1", "queue page 1"),
        ("filtered", "filtered (in progress, high, by deadline)"),
        ("unassigned_by_priority", "unassigned, by priority"),
        ("deep", "deep keyset page"),
    ):
        for stat in ("median_ms", "p95_ms"):
            values = [results[size][key][stat] for size in sizes]
            name = f"{label}, {'median' if stat == 'median_ms' else 'p95'} (ms)"
            rows.append([name, *(f"{value:.2f}" for value in values),
                         f"{values[-1] / values[0]:.2f}×"])  # fmt: skip
    rows.append(["open cases in the queue", *(f"{results[s]['open_cases']:,}" for s in sizes), ""])
    rows.append(["deep page number", *(str(results[s]["deep_page"]) for s in sizes), ""])
    rows.append(["SQL per page", *(str(results[s]["queries_per_page"]) for s in sizes), ""])
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
             for row in rows]  # fmt: skip
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(REPOSITORY))
    run()
