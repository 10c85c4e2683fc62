"""`kontaktcenter stats calls --from YYYY-MM-DD --to YYYY-MM-DD [--queue NAME] --json`.

Others script against this command: its options and the JSON's keys stay as they are (issue
12). Days are Stockholm's local days; the formulas are in docs/measures.md.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kontaktcenter.telephony import selectors
from kontaktcenter.telephony.measures import DEFAULT_SHORT_ABANDON_SECONDS, DEFAULT_TARGET_SECONDS


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text}") from None


class Command(BaseCommand):
    help = "Figures for follow-up. `stats calls`: the phone queues' measures for a period."

    def add_arguments(self, parser: CommandParser) -> None:
        subjects = parser.add_subparsers(dest="subject", required=True)
        calls = subjects.add_parser("calls", help="Offered, answered, abandoned, service level …")
        calls.add_argument("--from", dest="first", required=True, help="First day, YYYY-MM-DD.")
        calls.add_argument("--to", dest="last", required=True, help="Last day, YYYY-MM-DD.")
        calls.add_argument("--queue", help="Only this PBX queue (its name in the PBX).")
        calls.add_argument("--json", action="store_true", help="Print one JSON object.")
        calls.add_argument("--target-seconds", type=int, default=DEFAULT_TARGET_SECONDS)
        calls.add_argument(
            "--short-abandon-seconds", type=int, default=DEFAULT_SHORT_ABANDON_SECONDS
        )

    def handle(self, *args: Any, **options: Any) -> None:
        first, last = _day(options["first"]), _day(options["last"])
        if last < first:
            raise CommandError("--to is before --from.")
        if options["target_seconds"] < 0 or options["short_abandon_seconds"] < 0:
            raise CommandError("Seconds cannot be negative.")
        figures = selectors.call_figures_between(
            first=first,
            last=last,
            queue=options["queue"],
            target_seconds=options["target_seconds"],
            short_abandon_seconds=options["short_abandon_seconds"],
        )
        result = figures.as_json()
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        width = max(len(name) for name in result)
        for name, value in result.items():
            self.stdout.write(f"{name:<{width}}  {'–' if value is None else value}")
