"""kontaktcenter forwarding receiver: tools for the organisations' integrators.

    kontaktcenter forwarding receiver --secret SECRET [--secret NEW_SECRET] [--host 127.0.0.1]
        [--port 8025] [--store FILE] [--fail-first N] [--status 200] [--retry-after SECONDS]
        [--location URL]

`receiver` runs the example receiver (`kontaktcenter.forwarding.receiver`): it verifies the
signature, deduplicates on the Idempotency-Key (kept in --store, by default
$KONTAKTCENTER_DATA_DIR/example-receiver.sqlite3, so a restart still deduplicates), answers
{"reference": "RCV-<n>"} and logs one line per request. `GET /stats` shows the raw and distinct
counts; they are printed when it stops (Ctrl-C or SIGTERM). See docs/forwarding.md.
"""

from __future__ import annotations

import argparse
import signal
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kontaktcenter.forwarding.receiver import STORE_FILE_NAME, Behaviour, Receiver


def _status(value: str) -> int:
    try:
        status = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError("an HTTP status, 100-599") from None
    if not 100 <= status <= 599:
        raise argparse.ArgumentTypeError("an HTTP status, 100-599")
    return status


def _not_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError("a whole number, 0 or more") from None
    if number < 0:
        raise argparse.ArgumentTypeError("a whole number, 0 or more")
    return number


class Command(BaseCommand):
    help = "Tools for integrators: `receiver` runs an example webhook receiver to test against."

    def add_arguments(self, parser: CommandParser) -> None:
        tools = parser.add_subparsers(dest="tool", required=True)
        receiver = tools.add_parser(
            "receiver",
            help="run the example receiver: verifies, deduplicates, answers a reference",
        )
        receiver.add_argument("--host", default="127.0.0.1", help="address to listen on")
        receiver.add_argument("--port", type=int, default=8025, help="port (0: any free port)")
        receiver.add_argument(
            "--secret",
            dest="secrets",
            action="append",
            default=[],
            metavar="SECRET",
            help="the endpoint's signing secret; repeat it while two are active (rotation)",
        )
        receiver.add_argument(
            "--store",
            type=Path,
            default=None,
            metavar="FILE",
            help=f"SQLite file of the keys seen (default: the data folder's {STORE_FILE_NAME})",
        )
        receiver.add_argument(
            "--fail-first",
            type=_not_negative,
            default=0,
            metavar="N",
            help="answer 503 to the first N signed requests, to watch the retries",
        )
        receiver.add_argument(
            "--status",
            type=_status,
            default=200,
            help="status of every other signed request; not 2xx refuses it (e.g. 400, 429)",
        )
        receiver.add_argument(
            "--retry-after",
            type=_not_negative,
            default=None,
            metavar="SECONDS",
            help="Retry-After header on 429 and 503 answers",
        )
        receiver.add_argument(
            "--location", default="", metavar="URL", help="Location of a 3xx --status"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["tool"] == "receiver":
            self._receiver(options)

    def _say(self, line: str) -> None:
        self.stdout.write(f"{time.strftime('%H:%M:%S')} {line}")
        self.stdout.flush()

    def _receiver(self, options: dict[str, Any]) -> None:
        secrets = [secret for secret in options["secrets"] if secret]
        if not secrets:
            raise CommandError("Give the endpoint's signing secret with --secret.")
        store = options["store"] or Path(settings.DATA_DIR) / STORE_FILE_NAME
        try:
            receiver = Receiver(
                secrets=secrets,
                store=store,
                host=options["host"],
                port=options["port"],
                behaviour=Behaviour(
                    fail_first=options["fail_first"],
                    status=options["status"],
                    retry_after=options["retry_after"],
                    location=options["location"],
                ),
                log=self._say,
            )
        except OSError as error:
            raise CommandError(
                f"Cannot listen on {options['host']}:{options['port']}: {error}"
            ) from None
        stopping = threading.Event()

        def stop(signum: int, _frame: FrameType | None) -> None:
            self._say(f"{signal.Signals(signum).name}: stopping")
            stopping.set()

        previous = {
            number: signal.signal(number, stop) for number in (signal.SIGTERM, signal.SIGINT)
        }
        receiver.start()
        self._say(
            f"Example receiver on {receiver.url} with {len(secrets)} secret(s); "
            f"keys kept in {store}. GET {receiver.url}stats for the counts; Ctrl-C stops."
        )
        try:
            while not stopping.wait(0.5):
                pass
        finally:
            stats = receiver.stop()
            for number, handler in previous.items():
                signal.signal(number, handler)
        self._say(f"raw {stats.raw}, distinct {stats.distinct}")
