"""kontaktcenter worker [--once]: send the outbox's deliveries (and the worker's other duties).

Without --once it runs until SIGTERM or Ctrl-C, finishing the delivery in hand; with --once it
sends what is due now and exits. Run as many as you like on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kontaktcenter.forwarding.worker import Worker


class Command(BaseCommand):
    help = "Send due deliveries to the organisations' systems; --once to stop when done."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="send what is due, then exit")
        parser.add_argument("--batch", type=int, default=50, help="deliveries claimed at a time")

    def handle(self, *args: Any, **options: Any) -> None:
        worker = Worker(batch=options["batch"], say=self.stdout.write)
        if options["once"]:
            handled = worker.run_once()
            self.stdout.write(f"{handled} deliveries sent or tried")
            return
        worker.run_forever()
