"""`kontaktcenter staffing --calls-per-hour N --aht-seconds S --target-level 0.8
--target-seconds T [--patience-seconds P] --json`: the fewest agents that reach the target.

Erlang C, or Erlang A when a patience is given (callers hang up). Others script against this
command: the JSON's keys stay as they are (issue 13). Formulas in docs/measures.md.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kontaktcenter.statistics.staffing import fewest_agents


class Command(BaseCommand):
    help = "The fewest agents that answer the target share of calls within the target time."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--calls-per-hour", type=float, required=True)
        parser.add_argument("--aht-seconds", type=float, required=True, help="Handling time.")
        parser.add_argument("--target-level", type=float, required=True, help="E.g. 0.8.")
        parser.add_argument("--target-seconds", type=float, required=True, help="E.g. 20.")
        parser.add_argument(
            "--patience-seconds",
            type=float,
            help="Callers' mean patience: use Erlang A (callers hang up) instead of Erlang C.",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["calls_per_hour"] < 0:
            raise CommandError("--calls-per-hour cannot be negative.")
        if options["aht_seconds"] <= 0:
            raise CommandError("--aht-seconds must be more than 0.")
        if not 0 < options["target_level"] < 1:
            raise CommandError("--target-level is a fraction between 0 and 1, e.g. 0.8.")
        if options["target_seconds"] < 0:
            raise CommandError("--target-seconds cannot be negative.")
        patience = options["patience_seconds"]
        if patience is not None and patience <= 0:
            raise CommandError("--patience-seconds must be more than 0.")
        try:
            result = fewest_agents(
                calls_per_hour=options["calls_per_hour"],
                aht_seconds=options["aht_seconds"],
                target_level=options["target_level"],
                target_seconds=options["target_seconds"],
                patience_seconds=patience,
            ).as_json()
        except ValueError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        width = max(len(name) for name in result)
        for name, value in result.items():
            self.stdout.write(f"{name:<{width}}  {value}")
