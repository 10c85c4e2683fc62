"""The knowledge-base benchmark: search quality on SweFAQ and latency at 20 000 articles, on
SQLite and PostgreSQL side by side.

    python -m benchmarks.knowledge                         # both databases, 20 000 articles
    python -m benchmarks.knowledge --databases sqlite --articles 2000
    python -m benchmarks.knowledge --postgres-url postgres://postgres@127.0.0.1:5432/kc_x

Quality: every distinct SweFAQ answer (read in place from ../shared/data/swefaq/) is imported
as an article and searched with the questions, as typed and with a typo in 35 % of the words
longer than five letters (fixed seed); MRR@10 and recall@5 beside plain word matching. The
ranking is computed in Python, so both databases must give the same figures; the table says
whether the rankings were identical. Latency: the same questions, plain and with typos, over
20 000 articles. See benchmarks/README.md. **The PostgreSQL database is dropped and created.**
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

from benchmarks.knowledge_data import SWEFAQ_FILE
from benchmarks.run import recreate_postgres_database

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kc_bench_knowledge"
LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
ROWS = (
    ("MRR@10, questions as asked", "quality.plain.ours.mrr10", 3),
    ("MRR@10, as asked, plain word matching", "quality.plain.baseline.mrr10", 3),
    ("recall@5, as asked", "quality.plain.ours.recall5", 3),
    ("recall@5, as asked, plain word matching", "quality.plain.baseline.recall5", 3),
    ("MRR@10, with typos", "quality.typos.ours.mrr10", 3),
    ("MRR@10, with typos, plain word matching", "quality.typos.baseline.mrr10", 3),
    ("recall@5, with typos", "quality.typos.ours.recall5", 3),
    ("recall@5, with typos, plain word matching", "quality.typos.baseline.recall5", 3),
    ("import, articles/s", "import.per_second", 0),
    ("index build (first search of a process), s", "index_build.seconds", 2),
    ("index build, CPU s", "index_build_cpu.seconds", 2),
    ("search, first pass (cold caches), p95 ms", "search_first_pass.p95_ms", 2),
    ("search, median ms", "search.median_ms", 2),
    ("search, p95 ms", "search.p95_ms", 2),
    ("search, CPU median ms", "search_cpu.median_ms", 2),
    ("search, CPU p95 ms", "search_cpu.p95_ms", 2),
    ("search after a change, median ms", "search_after_change.median_ms", 2),
)


def run_database(database: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
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
    json_out = workdir / f"{database}.json"
    command = [
        sys.executable, "-m", "benchmarks.knowledge_run", "--json-out", str(json_out),
        "--articles", str(args.articles), "--label", LABELS[database],
    ]  # fmt: skip
    started = time.perf_counter()
    finished = subprocess.run(command, env=environment, cwd=REPOSITORY, check=False)  # noqa: S603
    if finished.returncode != 0:
        raise SystemExit(f"{LABELS[database]} benchmark failed with {finished.returncode}")
    result: dict[str, Any] = json.loads(json_out.read_text())
    print(f"{LABELS[database]}: done in {time.perf_counter() - started:.0f} s", flush=True)
    return result


def format_table(results: dict[str, dict[str, Any]]) -> str:
    databases = list(results)
    header = ["measure", *(LABELS[database] for database in databases)]
    both = len(databases) == 2
    if both:
        header.append("PostgreSQL/SQLite")
    lines = [header]
    for title, key, digits in ROWS:
        cells = [title]
        values = [results[database].get(key) for database in databases]
        cells.extend(f"{value:.{digits}f}" if value is not None else "–" for value in values)
        if both:
            sqlite, postgres = values
            cells.append(f"{postgres / sqlite:.2f}" if sqlite and postgres is not None else "–")
        lines.append(cells)
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    text = [
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
            for i, cell in enumerate(line)
        )
        for line in lines
    ]
    if both:
        same = results["sqlite"]["quality.rankings"] == results["postgres"]["quality.rankings"]
        text.append("Rankings on SQLite and PostgreSQL: " + ("identical" if same else "DIFFERENT"))
    return "\n".join(text)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--articles", type=int, default=20_000)
    args = parser.parse_args(argv)
    if not SWEFAQ_FILE.exists():
        raise SystemExit(f"SweFAQ is not at {SWEFAQ_FILE}: see benchmarks/README.md.")
    databases = [name for name in args.databases.split(",") if name]
    if unknown := set(databases) - set(LABELS):
        parser.error(f"--databases takes sqlite and/or postgres, not {','.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(prefix="kc-knowledge-bench-") as workdir:
        results = {database: run_database(database, args, Path(workdir)) for database in databases}
    print()
    print(f"Knowledge base: SweFAQ dev ({SWEFAQ_FILE.parent}), {args.articles:,} articles")
    print(format_table(results))


if __name__ == "__main__":
    main()
