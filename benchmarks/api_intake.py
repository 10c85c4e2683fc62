"""API intake benchmark: cases per second through POST /api/v1/cases, beside the framework floor.

    .venv/bin/python -m benchmarks.api_intake                       # SQLite and PostgreSQL
    .venv/bin/python -m benchmarks.api_intake --databases sqlite --requests 200

For each database, on a fresh database: migrate, make Trafikkontoret, one category and an
integration key, then for 1 and for 4 server processes (`kontaktcenter serve`, waitress, 4
threads each, one port per process; the client spreads requests over the ports in turn):
  - the floor: POST /bench/floor, a bare Django view inserting one row;
  - the API: POST /api/v1/cases with the documented body and a fresh Idempotency-Key, which
    authenticates the key, counts the rate limit in the shared cache, records the idempotency
    answer, routes the case and writes the case, its party, two events and the intake row.
Each is sent --requests times by --clients concurrent clients after a warm-up. Printed: cases
(rows) per second, p50 and p95 latency, and the API's throughput as a share of the floor's.

The PostgreSQL database (--postgres-url, default kc_api) is dropped and created again.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SETUP = "from benchmarks.api_floor import make_world; print(make_world())"


@dataclass(frozen=True)
class Result:
    label: str
    processes: int
    requests: int
    seconds: float
    latencies: list[float]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _kontaktcenter(environment: dict[str, str], *arguments: str) -> str:
    finished = subprocess.run(  # noqa: S603
        [PYTHON, "-m", "kontaktcenter.cli", *arguments],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return finished.stdout


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/open311/discovery.json", timeout=2)
        except httpx.HTTPError:
            time.sleep(0.2)
        else:
            return
    raise RuntimeError(f"the server on port {port} did not start")


def _load(
    ports: list[int], requests: int, clients: int, send: Callable[[httpx.Client, int], int]
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(requests))
    failures: list[int] = []

    def worker(index: int) -> None:
        base = f"http://127.0.0.1:{ports[index % len(ports)]}"
        with httpx.Client(base_url=base, timeout=120) as client:
            for number in counter:
                started = time.perf_counter()
                try:
                    status = send(client, number)
                except httpx.HTTPError:
                    status = 0
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if status != 201:
                        failures.append(status)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if failures:
        raise RuntimeError(
            f"{len(failures)} requests failed, e.g. HTTP {failures[0]} (0: no answer)"
        )
    return seconds, latencies


def _measure_database(
    name: str, environment: dict[str, str], arguments: argparse.Namespace
) -> list[Result]:
    _kontaktcenter(environment, "migrate", "-v0")
    secret = _kontaktcenter(environment, "shell", "-c", SETUP).strip().splitlines()[-1]
    body = {
        "category": "gatubelysning",
        "subject": "Gatlampa släckt",
        "description": "Lampan vid busshållplatsen är släckt sedan i går.",
        "resident": {"name": "Anna Svensson", "email": "anna@example.se", "phone": "0701234567"},
        "address": "Rinkebysvängen 12",
    }
    run_id = secrets.token_hex(4)

    def floor(client: httpx.Client, _number: int) -> int:
        return client.post("/bench/floor").status_code

    def api(client: httpx.Client, number: int) -> int:
        return client.post(
            "/api/v1/cases",
            json=body,
            headers={
                "Authorization": f"Bearer {secret}",
                "Idempotency-Key": f"{run_id}-{number}-{threading.get_ident()}",
            },
        ).status_code

    results = []
    for processes in (1, 4):
        ports = [_free_port() for _ in range(processes)]
        servers = [
            subprocess.Popen(  # noqa: S603
                [PYTHON, "-m", "kontaktcenter.cli", "serve", "--port", str(port), "--threads=4"],
                env=environment,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for port in ports
        ]
        try:
            for port in ports:
                _wait_for(port)
            for label, send in (("floor", floor), ("API", api)):
                _load(ports, arguments.warmup, arguments.clients, send)
                seconds, latencies = _load(ports, arguments.requests, arguments.clients, send)
                results.append(Result(label, processes, arguments.requests, seconds, latencies))
                rate = arguments.requests / seconds
                print(f"  {name} {label:5} {processes} process(es): {rate:7.1f}/s")
        finally:
            for server in servers:
                server.terminate()
            for server in servers:
                server.wait(timeout=30)
    return results


def _postgres_reset(url: str) -> None:
    import psycopg  # noqa: PLC0415

    name = url.rsplit("/", 1)[1]
    maintenance = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/kc_api")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--warmup", type=int, default=40)
    parser.add_argument("--clients", type=int, default=8)
    arguments = parser.parse_args(argv)

    table: dict[str, list[Result]] = {}
    with tempfile.TemporaryDirectory(prefix="kc-api-bench-") as folder:
        for database in arguments.databases.split(","):
            environment = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "benchmarks.api_settings",
                "KONTAKTCENTER_DATA_DIR": str(Path(folder) / database),
                "KONTAKTCENTER_SECRET_KEY": os.environ.get("KONTAKTCENTER_SECRET_KEY")
                or secrets.token_urlsafe(40),
                "KONTAKTCENTER_API_RATE_LIMIT": "1000000",
                "KONTAKTCENTER_LOG_LEVEL": "WARNING",
                "PYTHONPATH": str(ROOT),
            }
            environment.pop("DATABASE_URL", None)
            if database == "postgres":
                _postgres_reset(arguments.postgres_url)
                environment["DATABASE_URL"] = arguments.postgres_url
            print(f"{database}: migrating and measuring …")
            table[database] = _measure_database(database, environment, arguments)

    print()
    print(
        f"API intake, {arguments.requests} requests by {arguments.clients} clients "
        "(waitress, 4 threads per process)"
    )
    print(
        f"{'database':10} {'what':6} {'procs':>5} {'per s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'API/floor':>10}"
    )
    for database, results in table.items():
        floors = {r.processes: r for r in results if r.label == "floor"}
        for result in results:
            share = (
                f"{result.per_second / floors[result.processes].per_second:9.2f}x"
                if result.label == "API"
                else ""
            )
            print(
                f"{database:10} {result.label:6} {result.processes:5} {result.per_second:8.1f} "
                f"{result.percentile(0.5):8.1f} {result.percentile(0.95):8.1f} {share:>10}"
            )


if __name__ == "__main__":
    main()
