"""Directory benchmark: the switchboard's search-as-you-type at Stockholm's scale.

    python -m benchmarks.directory                         # 50 000 people, 5 000 functions
    python -m benchmarks.directory --people 5000 --functions 500 --repeat 2   # a smoke run
    python -m benchmarks.directory --databases sqlite

For SQLite and PostgreSQL, each in a fresh database and a process of its own, it generates the
directory (`--people`, `--functions`, about 400 organisations), builds the search index, then
types a set of queries one keystroke at a time ("K", "Ka", "Kar", …) and times every
keystroke two ways, side by side in the same process:

- `directory_search(query=…, limit=20)`: the application's search, hits fully loaded
  (presence, substitute, switchboard membership);
- the baseline: a plain Django query of people with `icontains` on first name, last name,
  title and organisation name for each word (AND between words), ordered by name, first 20.

It prints median and p95 milliseconds per keystroke (wall time) and the ratio baseline /
search, and the CPU time of the benchmark's own process per keystroke, which on SQLite is the
whole work (the database runs in the process) and does not grow when other processes share
the cores; on PostgreSQL it is only the client's part. The PostgreSQL database in
--postgres-url is dropped and created again.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.run import recreate_postgres_database

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kc_switchboard"
LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}

# What operators type, keystroke by keystroke: a very common name, a sound-alike spelling,
# a misspelling, a name with a first name, title and unit words, a function's keywords, a
# phone number as it is said, and a rare name.
QUERIES = (
    "Karlsson",
    "Carlson",
    "Schöberg",
    "Petersen",
    "anna lindqv",
    "handläggare bygglov",
    "bygglov jour",
    "08-508 27 1",
    "Öhrvall",
)


def keystrokes(query: str) -> list[str]:
    """ "Kar" → ["K", "Ka", "Kar"]; spaces are typed but never end a keystroke's query."""
    return [query[:end] for end in range(1, len(query) + 1) if not query[end - 1].isspace()]


def _measure(args: argparse.Namespace) -> dict[str, Any]:
    import django  # noqa: PLC0415 - the database is chosen by the environment first

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from benchmarks.directory_world import baseline_search, build_directory  # noqa: PLC0415
    from benchmarks.timing import Summary  # noqa: PLC0415
    from kontaktcenter.directory.indexing import reindex_all  # noqa: PLC0415
    from kontaktcenter.directory.selectors import directory_search  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    counts = build_directory(people=args.people, functions=args.functions)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    entries = reindex_all()
    indexed = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    typed = [prefix for query in QUERIES for prefix in keystrokes(query)]
    for prefix in typed:  # warm-up: caches, statement plans
        directory_search(query=prefix)
        baseline_search(prefix)
    search_seconds: list[float] = []
    baseline_seconds: list[float] = []
    search_cpu: list[float] = []
    baseline_cpu: list[float] = []
    load_before = os.getloadavg()[0]
    for _round in range(args.repeat):
        for prefix in typed:
            cpu, started = time.process_time(), time.perf_counter()
            directory_search(query=prefix)
            search_seconds.append(time.perf_counter() - started)
            search_cpu.append(time.process_time() - cpu)
            cpu, started = time.process_time(), time.perf_counter()
            baseline_search(prefix)
            baseline_seconds.append(time.perf_counter() - started)
            baseline_cpu.append(time.process_time() - cpu)
    with CaptureQueriesContext(connection) as queries:
        hits = directory_search(query="Karlsson")
    per_query = {
        query: [len(directory_search(query=prefix)) for prefix in keystrokes(query)][-1]
        for query in QUERIES
    }
    search = Summary.of(search_seconds)
    baseline = Summary.of(baseline_seconds)
    search_on_cpu = Summary.of(search_cpu)
    baseline_on_cpu = Summary.of(baseline_cpu)
    return {
        "load_average": (load_before + os.getloadavg()[0]) / 2,
        "search_cpu_median_ms": search_on_cpu.median_ms,
        "search_cpu_p95_ms": search_on_cpu.p95_ms,
        "baseline_cpu_median_ms": baseline_on_cpu.median_ms,
        "baseline_cpu_p95_ms": baseline_on_cpu.p95_ms,
        "counts": counts,
        "entries": entries,
        "generation_seconds": generated,
        "index_seconds": indexed,
        "keystrokes": len(search_seconds),
        "search_median_ms": search.median_ms,
        "search_p95_ms": search.p95_ms,
        "baseline_median_ms": baseline.median_ms,
        "baseline_p95_ms": baseline.p95_ms,
        "sql_per_keystroke": len(queries.captured_queries),
        "hits_for_karlsson": len(hits),
        "hits_per_query": per_query,
    }


def _run_database(database: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kontaktcenter.settings",
        "KONTAKTCENTER_SECRET_KEY": os.environ.get("KONTAKTCENTER_SECRET_KEY")
        or secrets.token_urlsafe(50),
        "KONTAKTCENTER_DEBUG": "0",
        "KONTAKTCENTER_DATA_DIR": str(workdir / database),
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(REPOSITORY), os.environ.get("PYTHONPATH")])
        ),
    }
    (workdir / database).mkdir()
    if database == "postgres":
        recreate_postgres_database(args.postgres_url)
        environment["DATABASE_URL"] = args.postgres_url
    else:
        environment.pop("DATABASE_URL", None)
    out = workdir / f"{database}.json"
    command = [
        sys.executable,
        "-m",
        "benchmarks.directory",
        "--in-process",
        str(out),
        "--people",
        str(args.people),
        "--functions",
        str(args.functions),
        "--repeat",
        str(args.repeat),
    ]
    print(f"{LABELS[database]}: {args.people:,} people, {args.functions:,} functions", flush=True)
    finished = subprocess.run(command, env=environment, cwd=REPOSITORY, check=False)  # noqa: S603
    if finished.returncode != 0:
        raise SystemExit(f"{LABELS[database]} benchmark failed with {finished.returncode}")
    result: dict[str, Any] = json.loads(out.read_text())
    return result


ROWS = (
    ("keystrokes timed", "keystrokes", "", 0),
    ("directory_search, median", "search_median_ms", "ms", 2),
    ("directory_search, p95", "search_p95_ms", "ms", 2),
    ("icontains baseline, median", "baseline_median_ms", "ms", 2),
    ("icontains baseline, p95", "baseline_p95_ms", "ms", 2),
    ("baseline / search, median", "ratio_median", "×", 1),
    ("baseline / search, p95", "ratio_p95", "×", 1),
    ("directory_search, CPU of this process, median", "search_cpu_median_ms", "ms", 2),
    ("directory_search, CPU of this process, p95", "search_cpu_p95_ms", "ms", 2),
    ("icontains baseline, CPU of this process, median", "baseline_cpu_median_ms", "ms", 2),
    ("icontains baseline, CPU of this process, p95", "baseline_cpu_p95_ms", "ms", 2),
    ("SQL statements per keystroke", "sql_per_keystroke", "", 0),
    ("machine load average during the measure", "load_average", "", 1),
    ("index entries", "entries", "", 0),
    ("index build (reindex_all)", "index_seconds", "s", 1),
    ("generation (bulk_create, not a measure)", "generation_seconds", "s", 1),
)


def format_table(results: dict[str, dict[str, Any]]) -> str:
    headers = ["measure", "unit", *(LABELS[database] for database in results)]
    lines = [headers]
    for title, key, unit, digits in ROWS:
        lines.append(
            [
                title,
                unit,
                *(f"{result[key]:,.{digits}f}".replace(",", " ") for result in results.values()),
            ]
        )
    widths = [max(len(line[column]) for line in lines) for column in range(len(headers))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in lines
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--functions", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=5, help="rounds of all keystrokes")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--json", help="also write the figures as JSON to this path")
    parser.add_argument("--in-process", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.in_process:
        Path(args.in_process).write_text(json.dumps(_measure(args)))
        return
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="kc-directory-bench-") as workdir:
        for database in args.databases.split(","):
            result = _run_database(database, args, Path(workdir))
            result["ratio_median"] = result["baseline_median_ms"] / result["search_median_ms"]
            result["ratio_p95"] = result["baseline_p95_ms"] / result["search_p95_ms"]
            results[database] = result
    print()
    print(f"Directory search, {args.people:,} people and {args.functions:,} functions")
    print(f"queries typed one keystroke at a time: {', '.join(QUERIES)}")
    print(format_table(results))
    for database, result in results.items():
        print(f"{LABELS[database]} hits at the last keystroke: {result['hits_per_query']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
