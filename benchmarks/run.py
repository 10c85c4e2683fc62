"""Run the benchmark on SQLite and PostgreSQL side by side and print one table.

    python -m benchmarks.run                      # 100 000 cases, both databases
    python -m benchmarks.run --quick              # 5 000 cases, a smoke run
    python -m benchmarks.run --databases sqlite --cases 20000

Each database gets a fresh, empty database (SQLite in a temporary directory, PostgreSQL dropped
and created again) and a process of its own (`benchmarks.database_run`), because the database is
chosen by environment variables before Django loads. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kc_bench"
LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


@dataclass(frozen=True)
class Row:
    title: str
    key: str
    unit: str
    section: str = "values"  # or "queries", "info"
    digits: int = 1


ROWS = (
    Row("a. case_create (service)", "service_case.per_second", "cases/s"),
    Row("a. case_create (service), median", "service_case.median_ms", "ms", digits=2),
    Row("a. contact_start + case_create", "service_contact_case.per_second", "cases/s"),
    Row("b. POST /arenden/nytt/ (HTTP)", "http_case.per_second", "cases/s"),
    Row("b. POST /arenden/nytt/, median", "http_case.median_ms", "ms", digits=2),
    Row("b. HTTP / service (time per case)", "http_over_service", "×", digits=2),
    Row("c. queue page 1, median", "queue_page_1.median_ms", "ms"),
    Row("c. queue page 1, p95", "queue_page_1.p95_ms", "ms"),
    Row("c. queue page 2, median", "queue_page_2.median_ms", "ms"),
    Row("c. queue page 2, p95", "queue_page_2.p95_ms", "ms"),
    Row("c. queue deep page, median", "queue_page_deep.median_ms", "ms"),
    Row("c. queue deep page, p95", "queue_page_deep.p95_ms", "ms"),
    Row("c2. queue page 1, open only ≤ 90 days, median", "queue_recent_page_1.median_ms", "ms"),
    Row("c2. queue page 1, open only ≤ 90 days, p95", "queue_recent_page_1.p95_ms", "ms"),
    Row("d. statistics 30 days, median", "statistics_30.median_ms", "ms"),
    Row("d. statistics 30 days, p95", "statistics_30.p95_ms", "ms"),
    Row("d. statistics 365 days, median", "statistics_365.median_ms", "ms"),
    Row("d. statistics 365 days, p95", "statistics_365.p95_ms", "ms"),
    Row("e. search, common word, median", "search_common.median_ms", "ms"),
    Row("e. search, common word, p95", "search_common.p95_ms", "ms"),
    Row("e. search, common word, LIKE (before), median", "search_common_like.median_ms", "ms"),
    Row("e. search, common word, LIKE / index", "search_common.like_over_index", "×", digits=2),
    Row("e. search, rare word, median", "search_rare.median_ms", "ms"),
    Row("e. search, rare word, p95", "search_rare.p95_ms", "ms"),
    Row("e. search, rare word, LIKE (before), median", "search_rare_like.median_ms", "ms"),
    Row("e. search, rare word, LIKE / index", "search_rare.like_over_index", "×", digits=2),
    Row("e. search, no match, median", "search_none.median_ms", "ms"),
    Row("e. search, no match, p95", "search_none.p95_ms", "ms"),
    Row("e. search, no match, LIKE (before), median", "search_none_like.median_ms", "ms"),
    Row("e. search, no match, LIKE (before), p95", "search_none_like.p95_ms", "ms"),
    Row("e. search, no match, LIKE / index", "search_none.like_over_index", "×", digits=2),
    Row("SQL per case_create", "service_case", "queries", "queries", 0),
    Row("SQL per contact_start + case_create", "service_contact_case", "queries", "queries", 0),
    Row("SQL per POST /arenden/nytt/", "http_case", "queries", "queries", 0),
    Row("SQL per GET /arenden/nytt/", "http_case_form", "queries", "queries", 0),
    Row("SQL per queue page", "queue_page_1", "queries", "queries", 0),
    Row("SQL per statistics page", "statistics_365", "queries", "queries", 0),
    Row("SQL per search, common word", "search_common", "queries", "queries", 0),
    Row("SQL per search, rare word", "search_rare", "queries", "queries", 0),
    Row("SQL per search, no match", "search_none", "queries", "queries", 0),
    Row("generation (bulk_create, not a measure)", "generation_seconds", "s", "info"),
)


def _postgres_admin_url(url: str) -> tuple[str, str]:
    """The URL of the `postgres` maintenance database, and the benchmark database's name."""
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit(f"--postgres-url needs a database name: {url}")
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), name


def recreate_postgres_database(url: str) -> None:
    admin_url, name = _postgres_admin_url(url)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)
        ))  # fmt: skip
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def run_database(database: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kontaktcenter.settings",
        "KONTAKTCENTER_SECRET_KEY": os.environ.get("KONTAKTCENTER_SECRET_KEY")
        or secrets.token_urlsafe(50),
        "KONTAKTCENTER_DEBUG": "0",
        "KC_BENCH_LABEL": LABELS[database],
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(REPOSITORY), os.environ.get("PYTHONPATH")])
        ),
    }
    data_dir = workdir / database
    data_dir.mkdir()
    environment["KONTAKTCENTER_DATA_DIR"] = str(data_dir)
    if database == "postgres":
        recreate_postgres_database(args.postgres_url)
        environment["DATABASE_URL"] = args.postgres_url
    else:
        environment.pop("DATABASE_URL", None)
    json_out = workdir / f"{database}.json"
    command = [
        sys.executable,
        "-m",
        "benchmarks.database_run",
        "--cases",
        str(args.cases),
        "--service-cases",
        str(args.service_cases),
        "--http-cases",
        str(args.http_cases),
        "--queue-requests",
        str(args.queue_requests),
        "--stats-requests",
        str(args.stats_requests),
        "--search-requests",
        str(args.search_requests),
        "--json-out",
        str(json_out),
    ]
    if args.sqlite_analyze:
        command.append("--sqlite-analyze")
    print(f"{LABELS[database]}: fresh database, {args.cases:,} cases", flush=True)
    started = time.perf_counter()
    finished = subprocess.run(command, env=environment, cwd=REPOSITORY, check=False)  # noqa: S603
    if finished.returncode != 0:
        server_log = json_out.with_suffix(".server.log")
        if server_log.exists():
            print(server_log.read_text()[-5000:], file=sys.stderr)
        raise SystemExit(f"{LABELS[database]} benchmark failed with {finished.returncode}")
    result: dict[str, Any] = json.loads(json_out.read_text())
    result["seconds"] = time.perf_counter() - started
    values = result["values"]
    values["http_over_service"] = values["http_case.median_ms"] / values["service_case.median_ms"]
    for kind in ("common", "rare", "none"):
        values[f"search_{kind}.like_over_index"] = (
            values[f"search_{kind}_like.median_ms"] / values[f"search_{kind}.median_ms"]
        )
    result["info"]["generation_seconds"] = result["info"]["generation"]["seconds"]
    print(f"{LABELS[database]}: done in {result['seconds']:.0f} s", flush=True)
    return result


def _figure(value: float | None, digits: int) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}".replace(",", " ")


def format_table(results: dict[str, dict[str, Any]]) -> str:
    databases = list(results)
    headers = ["measure", "unit", *(LABELS[d] for d in databases)]
    both = "sqlite" in results and "postgres" in results
    if both:
        headers.append("PostgreSQL/SQLite")
    lines = []
    for row in ROWS:
        cells = [row.title, row.unit]
        figures = []
        for database in databases:
            value = results[database][row.section].get(row.key)
            figures.append(value)
            cells.append(_figure(value, row.digits))
        if both:
            sqlite, postgres = figures
            cells.append(f"{postgres / sqlite:.2f}" if sqlite and postgres is not None else "–")
        lines.append(cells)
    widths = [
        max(len(str(cell)) for cell in column) for column in zip(headers, *lines, strict=True)
    ]
    separator = ["-" * width for width in widths]

    def render(cells: list[str]) -> str:
        first, unit, *numbers = cells
        parts = [first.ljust(widths[0]), unit.ljust(widths[1])]
        parts += [n.rjust(w) for n, w in zip(numbers, widths[2:], strict=True)]
        return "| " + " | ".join(parts) + " |"

    return "\n".join([render(headers), render(separator), *(render(line) for line in lines)])


def describe_run(results: dict[str, dict[str, Any]], args: argparse.Namespace) -> str:
    lines = [
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {platform.node()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    ]
    for database, result in results.items():
        info = result["info"]
        generation = info["generation"]
        lines.append(
            f"{LABELS[database]} {info['server_version']}: {generation['cases']:,} cases, "
            f"{generation['contacts']:,} contacts, {generation['events']:,} events "
            f"({generation['closed_share']:.0%} closed); queue of the large organisation: "
            f"{info['large_organisation_cases']:,} cases, {info['queue_open_cases']:,} open, "
            f"deep page = {info['queue_deep_page']}; "
            f"{'ANALYZE run' if info['analyzed'] else 'no ANALYZE'}; "
            f"whole run {result['seconds']:.0f} s"
        )
        matches = ", ".join(
            f"{kind} {info[f'search_{kind}.matches']:,} "
            f"(LIKE {info[f'search_{kind}_like.matches']:,})"
            for kind in ("common", "rare", "none")
        )
        lines.append(f"{LABELS[database]} search matches: {matches}")
    lines.append(
        f"samples: {args.service_cases} service cases (each way), {args.http_cases} HTTP cases, "
        f"{args.queue_requests} requests per queue page, {args.stats_requests} per statistics "
        f"period, {args.search_requests} per search word and way; warm-up before each"
    )
    return "\n".join(lines)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--cases", type=int, default=None, help="cases generated (100000)")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite,postgres")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--quick", action="store_true", help="5000 cases, fewer samples")
    parser.add_argument("--service-cases", type=int, default=None, help="(500)")
    parser.add_argument("--http-cases", type=int, default=None, help="(300)")
    parser.add_argument("--queue-requests", type=int, default=None, help="(50)")
    parser.add_argument("--stats-requests", type=int, default=None, help="(20)")
    parser.add_argument(
        "--search-requests", type=int, default=None, help="(20) searches per word and way"
    )
    parser.add_argument(
        "--sqlite-analyze", action="store_true", help="run ANALYZE on SQLite after generating"
    )
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite files")
    args = parser.parse_args(argv)
    defaults = (
        {"cases": 5000, "service_cases": 100, "http_cases": 50, "queue_requests": 20,
         "stats_requests": 10, "search_requests": 10}
        if args.quick
        else {"cases": 100_000, "service_cases": 500, "http_cases": 300, "queue_requests": 50,
              "stats_requests": 20, "search_requests": 20}
    )  # fmt: skip
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    args.databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    unknown = set(args.databases) - set(LABELS)
    if unknown or not args.databases:
        parser.error(f"--databases takes sqlite and/or postgres, not {','.join(unknown)}")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_arguments(argv)
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="kc-bench-"))
    results: dict[str, dict[str, Any]] = {}
    try:
        for database in ("sqlite", "postgres"):
            if database in args.databases:
                results[database] = run_database(database, args, workdir)
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(describe_run(results, args))
    print()
    print(format_table(results))
    if args.explain:
        for database, result in results.items():
            for key, plan in result["plans"].items():
                print(f"\n{LABELS[database]} plan, {key}:\n{plan}")
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
