"""Telephony benchmark: routing decisions per second and queue_log import events per second.

    python -m benchmarks.telephony                  # 5 simulated days, SQLite and PostgreSQL
    python -m benchmarks.telephony --days 2 --databases sqlite

Prints, measured side by side in one run:
- routing (`telephony.assignment.assign`, pure): decisions per second with 400 ready agents
  on two sites and 10 skills and 300 waiting contacts, next to the same decisions made by
  scanning every agent for every contact (`assign_by_scanning`), as a ratio;
- queue_log import (`telephony.queue_log_import.import_queue_log`): events per second into a
  fresh database, next to parsing the same lines without storing them, as a ratio; a second
  read of the same file (nothing new), to show it costs nothing.

The PostgreSQL database in --postgres-url is dropped and created again.
"""

# Django is set up in the child process before the application is imported.
# ruff: noqa: PLC0415
from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kc_bench_telephony"


def routing_figures(*, agents: int, contacts: int, rounds: int) -> dict[str, float]:
    from kontaktcenter.telephony.assignment import (
        ReadyAgent,
        WaitingContact,
        assign,
        assign_by_scanning,
    )

    rng = random.Random(12)
    at = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    skills = [f"skill-{n}" for n in range(10)]
    sites = ["Tekniska nämndhuset", "Kontaktcenter Sköndal"]
    ready = [
        ReadyAgent(
            id=f"agent-{n}",
            site=rng.choice(sites),
            skills=frozenset(rng.sample(skills, 3)),
            idle_since=at - timedelta(seconds=rng.randrange(1, 3600)),
        )
        for n in range(agents)
    ]
    waiting = [
        WaitingContact(
            id=f"contact-{n}",
            skill=rng.choice(skills),
            site=rng.choice(sites),
            waiting_since=at - timedelta(seconds=rng.randrange(1, 600)),
            channel=rng.choice(["phone", "email", "web"]),
        )
        for n in range(contacts)
    ]
    # The two are timed round by round, alternately, so a busy moment of the shared machine
    # falls on both alike and the ratio stays meaningful.
    seconds = {"heap": 0.0, "scan": 0.0}
    decisions = {"heap": 0, "scan": 0}
    for _ in range(rounds):
        for name, function in (("heap", assign), ("scan", assign_by_scanning)):
            started = time.perf_counter()
            decisions[name] += len(function(waiting, ready, at=at))
            seconds[name] += time.perf_counter() - started
    figures = {name: decisions[name] / seconds[name] for name in seconds}
    assert assign(waiting, ready, at=at) == assign_by_scanning(waiting, ready, at=at)
    return figures


def child(days: int) -> dict[str, float]:
    """In a process whose environment chose the database: migrate, simulate, import."""
    import django

    django.setup()
    from django.core.management import call_command

    from kontaktcenter.telephony.adapters.queue_log import parse_line
    from kontaktcenter.telephony.queue_log_import import import_queue_log
    from kontaktcenter.telephony.simulator import simulate_day

    call_command("migrate", verbosity=0)
    path = Path(os.environ["KONTAKTCENTER_DATA_DIR"]) / "queue_log"
    with path.open("w") as handle:
        for offset in range(days):
            day = simulate_day(day=date(2026, 3, 2) + timedelta(days=offset), seed=offset)
            handle.writelines(line for _at, line in day.queue_log)
    lines = path.read_text().splitlines()
    started = time.perf_counter()
    parsed = [parse_line(line) for line in lines]
    parse_seconds = time.perf_counter() - started
    report = import_queue_log(path)
    again = import_queue_log(path)
    return {
        "events": float(report.events),
        "parse_per_second": len(parsed) / parse_seconds,
        "import_per_second": report.events / report.seconds,
        "import_seconds": report.seconds,
        "again_seconds": again.seconds,
    }


def run_database(database: str, args: argparse.Namespace, workdir: Path) -> dict[str, float]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kontaktcenter.settings",
        "KONTAKTCENTER_SECRET_KEY": os.environ.get("KONTAKTCENTER_SECRET_KEY")
        or secrets.token_urlsafe(50),
        "KONTAKTCENTER_DEBUG": "0",
        "KONTAKTCENTER_DATA_DIR": str(workdir / database),
        "PYTHONPATH": str(REPOSITORY),
    }
    (workdir / database).mkdir()
    environment.pop("DATABASE_URL", None)
    if database == "postgres":
        from benchmarks.run import recreate_postgres_database

        recreate_postgres_database(args.postgres_url)
        environment["DATABASE_URL"] = args.postgres_url
    output = subprocess.run(  # noqa: S603 - this module, this interpreter
        [sys.executable, "-m", "benchmarks.telephony", "--child", "--days", str(args.days)],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
    )
    result: dict[str, float] = json.loads(output.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=5, help="Simulated days of queue_log.")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres-url", default=DEFAULT_URL)
    parser.add_argument("--agents", type=int, default=400)
    parser.add_argument("--contacts", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.days)))
        return

    routing = routing_figures(agents=args.agents, contacts=args.contacts, rounds=args.rounds)
    print(f"Routing, {args.agents} ready agents, {args.contacts} waiting contacts:")
    print(f"  assign (heaps per site and skill)  {routing['heap']:>12,.0f} decisions/s")
    print(f"  scanning every agent (baseline)    {routing['scan']:>12,.0f} decisions/s")
    print(f"  ratio                              {routing['heap'] / routing['scan']:>12.1f} x")
    with tempfile.TemporaryDirectory() as folder:
        for database in args.databases.split(","):
            figures = run_database(database, args, Path(folder))
            print(f"queue_log import on {database}, {figures['events']:,.0f} events:")
            imported, parsed = figures["import_per_second"], figures["parse_per_second"]
            print(f"  import (parse, store, rebuild calls) {imported:>10,.0f} events/s")
            print(f"  parse only (baseline)                {parsed:>10,.0f} events/s")
            ratio = figures["parse_per_second"] / figures["import_per_second"]
            print(f"  storing costs                        {ratio:>10.1f} x parsing")
            again_ms = figures["again_seconds"] * 1000
            print(f"  second read of the same file         {again_ms:>10.1f} ms")


if __name__ == "__main__":
    main()
