"""Forwarding benchmark: how fast the outbox reaches a receiver, on PostgreSQL.

    python -m benchmarks.forwarding                 # 2 000 deliveries, 1 and 4 workers
    python -m benchmarks.forwarding --deliveries 500 --latency-cases 50

Prints, measured side by side in one run against a local receiver on 127.0.0.1:
- sustained deliveries per second with 1 and with 4 `kontaktcenter worker` processes;
- p50/p95 time from the commit of a case to its receipt, with an idle worker that LISTENs,
  and with one that polls (KONTAKTCENTER_FORWARDING_LISTEN=0), for comparison;
- the worker's own cost per delivery against the bare HTTP POST it makes (the same body, the
  same receiver, one new connection each, as the worker does), as a ratio.

The PostgreSQL database in --postgres-url is dropped and created again. The receiver runs in
this process on a thread and only timestamps what arrives; it is the measuring instrument, not
the example receiver of `kontaktcenter forwarding receiver`.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from benchmarks.run import recreate_postgres_database

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kc_bench_forwarding"
BARE_POST_KEY = "bare-post"


@dataclass
class Receipts:
    """What the receiver got: the first arrival time of each idempotency key, and raw count."""

    first_seen: dict[str, float] = field(default_factory=dict)
    raw: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, key: str) -> None:
        if key == BARE_POST_KEY:
            return
        at = time.time()
        with self.lock:
            self.raw += 1
            self.first_seen.setdefault(key, at)

    def distinct(self) -> int:
        with self.lock:
            return len(self.first_seen)


def start_receiver(receipts: Receipts) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        # Headers and body go out in two writes; with Nagle's algorithm the second waits for
        # the client's delayed ACK (40 ms), which would swamp every figure.
        disable_nagle_algorithm = True
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            receipts.record(self.headers.get("Idempotency-Key", ""))
            body = b'{"reference": "BENCH"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@contextmanager
def workers(count: int, environment: dict[str, str]) -> Iterator[list[subprocess.Popen[str]]]:
    """`count` worker processes, started and idle before the block runs; SIGTERM after."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "kontaktcenter.cli", "worker"],
            cwd=REPOSITORY,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(count)
    ]
    try:
        for process in processes:
            assert process.stdout is not None
            line = process.stdout.readline()
            if "started" not in line:
                raise SystemExit(f"a worker did not start: {line}{process.stdout.read()}")
        time.sleep(0.5)  # each has reached LISTEN (or its first poll) by now
        yield processes
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def cpu_seconds(process: subprocess.Popen[str]) -> float:
    """The CPU time (user + system) a process has used so far, from /proc (Linux)."""
    fields = Path(f"/proc/{process.pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for(receipts: Receipts, count: int, *, timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while receipts.distinct() < count:
        if time.monotonic() > deadline:
            raise SystemExit(f"only {receipts.distinct()} of {count} arrived in {timeout} s")
        time.sleep(0.005)
    return time.time()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres-url", default=DEFAULT_URL)
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--latency-cases", type=int, default=100)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)

    recreate_postgres_database(args.postgres_url)
    environment = {
        **os.environ,
        "DATABASE_URL": args.postgres_url,
        "DJANGO_SETTINGS_MODULE": "kontaktcenter.settings",
        "KONTAKTCENTER_SECRET_KEY": os.environ.get("KONTAKTCENTER_SECRET_KEY")
        or secrets.token_urlsafe(40),
        "KONTAKTCENTER_FORWARDING_ALLOWED_HOSTS": "127.0.0.1",
        "KONTAKTCENTER_LOG_LEVEL": "WARNING",
    }
    os.environ.update(environment)
    import django  # noqa: PLC0415 - the database is chosen by the environment, before setup

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    from benchmarks import forwarding_world  # noqa: PLC0415

    call_command("migrate", interactive=False, verbosity=0)

    receipts = Receipts()
    receiver = start_receiver(receipts)
    url = f"http://127.0.0.1:{receiver.server_address[1]}/kontaktcenter"
    world = forwarding_world.build(url)
    figures: dict[str, float] = {}

    for count in (1, 4):
        forwarding_world.pause_deliveries(world)
        with workers(count, environment) as processes:
            before = receipts.distinct()
            cpu_before = sum(cpu_seconds(process) for process in processes)
            start = forwarding_world.cases_in_one_commit(world, args.deliveries)
            done = wait_for(receipts, before + args.deliveries, timeout=600)
            cpu = sum(cpu_seconds(process) for process in processes) - cpu_before
        figures[f"per_second_{count}"] = args.deliveries / (done - start)
        figures[f"worker_cpu_ms_{count}"] = cpu * 1000 / args.deliveries
        print(f"{count} worker(s): {figures[f'per_second_{count}']:.0f} deliveries/s", flush=True)

    for label, listen in (("listen", "1"), ("poll", "0")):
        latencies = []
        with workers(1, {**environment, "KONTAKTCENTER_FORWARDING_LISTEN": listen}):
            for _ in range(args.latency_cases):
                key, committed = forwarding_world.one_case(world)
                deadline = time.monotonic() + 30
                while key not in receipts.first_seen and time.monotonic() < deadline:
                    time.sleep(0.001)
                latencies.append((receipts.first_seen[key] - committed) * 1000)
                time.sleep(0.05)
        figures[f"latency_{label}_p50_ms"] = statistics.median(latencies)
        figures[f"latency_{label}_p95_ms"] = percentile(latencies, 0.95)
        print(
            f"commit → receipt ({label}): p50 {figures[f'latency_{label}_p50_ms']:.0f} ms, "
            f"p95 {figures[f'latency_{label}_p95_ms']:.0f} ms",
            flush=True,
        )

    bare_ms = forwarding_world.bare_post_ms(world, url, repeats=min(args.deliveries, 500))
    figures["bare_post_ms"] = bare_ms
    figures["worker_ms_per_delivery"] = 1000 / figures["per_second_1"]
    figures["worker_over_bare"] = figures["worker_ms_per_delivery"] / bare_ms
    # The worker's own work, without its waits for PostgreSQL and the receiver.
    figures["worker_cpu_over_bare"] = figures["worker_cpu_ms_1"] / bare_ms
    receiver.shutdown()

    print()
    print(f"| measure ({args.deliveries} deliveries, PostgreSQL) | value |")
    print("|---|---|")
    print(f"| deliveries/s, 1 worker | {figures['per_second_1']:.0f} |")
    print(f"| deliveries/s, 4 workers | {figures['per_second_4']:.0f} |")
    print(f"| 4 workers / 1 worker | {figures['per_second_4'] / figures['per_second_1']:.2f} |")
    for label in ("listen", "poll"):
        print(
            f"| commit → receipt, idle worker ({label}), p50 / p95 ms | "
            f"{figures[f'latency_{label}_p50_ms']:.0f} / {figures[f'latency_{label}_p95_ms']:.0f} |"
        )
    print(f"| bare HTTP POST, ms | {bare_ms:.2f} |")
    print(f"| worker, ms per delivery (1 worker) | {figures['worker_ms_per_delivery']:.2f} |")
    print(f"| worker cost / bare POST | {figures['worker_over_bare']:.2f} |")
    print(f"| worker CPU, ms per delivery (1 worker) | {figures['worker_cpu_ms_1']:.2f} |")
    print(f"| worker CPU / bare POST | {figures['worker_cpu_over_bare']:.2f} |")
    print(f"| raw receipts / distinct | {receipts.raw} / {receipts.distinct()} |")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
