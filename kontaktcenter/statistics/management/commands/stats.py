"""`kontaktcenter stats calls|contacts|service --from YYYY-MM-DD --to YYYY-MM-DD … --json`.

Others script against `stats calls`: its options and the JSON's keys stay as they are (issue
12). `stats contacts` prints the statistics page's counts, `stats service` the measures of
docs/measures.md (issue 13). Days are Stockholm's local days; the formulas are in
docs/measures.md. The command runs as the system, so no count is suppressed.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.cases.choices import Channel
from kontaktcenter.core.errors import ServiceError
from kontaktcenter.statistics import aggregates, forecast
from kontaktcenter.statistics import selectors as statistics_selectors
from kontaktcenter.statistics.staffing import fewest_agents
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
        contacts = subjects.add_parser(
            "contacts", help="Contacts and cases by channel, outcome, category, organisation."
        )
        service = subjects.add_parser(
            "service", help="First-contact resolution, lead times, deadlines, KKiK measures."
        )
        for subject in (contacts, service):
            subject.add_argument("--from", dest="first", required=True, help="YYYY-MM-DD.")
            subject.add_argument("--to", dest="last", required=True, help="YYYY-MM-DD.")
            subject.add_argument("--json", action="store_true", help="Print one JSON object.")
        contacts.add_argument("--channel", choices=Channel.values, default="")
        subjects.add_parser("rebuild", help="Recount the contact aggregates from the raw contacts.")
        ahead = subjects.add_parser(
            "forecast",
            help="Contacts per hour for the coming weeks from the history up to --to, with the "
            "error on the last two weeks held back next to the seasonal-naive forecast; with "
            "--aht-seconds also the agents needed per hour (Erlang C, or A with a patience).",
        )
        ahead.add_argument("--from", dest="first", required=True, help="History from, YYYY-MM-DD.")
        ahead.add_argument("--to", dest="last", required=True, help="History to, YYYY-MM-DD.")
        ahead.add_argument("--weeks", type=int, default=2, help="Weeks to forecast (2).")
        ahead.add_argument("--channel", choices=Channel.values, default="")
        ahead.add_argument("--site", type=int, help="Only this site's contacts (its id).")
        ahead.add_argument("--aht-seconds", type=float)
        ahead.add_argument("--target-level", type=float, default=0.8)
        ahead.add_argument("--target-seconds", type=float, default=20)
        ahead.add_argument("--patience-seconds", type=float)
        ahead.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subject"] == "rebuild":
            rows = aggregates.rebuild()
            self.stdout.write(f"Contact aggregates rebuilt: {rows} rows.")
            return
        first, last = _day(options["first"]), _day(options["last"])
        if last < first:
            raise CommandError("--to is before --from.")
        if options["subject"] == "forecast":
            self._print(self._forecast(options, first, last), json_wanted=options["json"])
            return
        if options["subject"] != "calls":
            self._print(self._statistics(options, first, last), json_wanted=options["json"])
            return
        if options["target_seconds"] < 0 or options["short_abandon_seconds"] < 0:
            raise CommandError("Seconds cannot be negative.")
        figures = selectors.call_figures_between(
            first=first,
            last=last,
            queue=options["queue"],
            target_seconds=options["target_seconds"],
            short_abandon_seconds=options["short_abandon_seconds"],
        )
        self._print(figures.as_json(), json_wanted=options["json"])

    def _statistics(self, options: dict[str, Any], first: date, last: date) -> dict[str, Any]:
        system = SystemActor("stats command")
        try:
            if options["subject"] == "service":
                return statistics_selectors.service_measures(
                    actor=system, first_day=first, last_day=last
                ).as_json()
            figures = statistics_selectors.filtered_period_statistics(
                actor=system, first_day=first, last_day=last, channel=options["channel"]
            )
        except ServiceError as error:
            raise CommandError(f"{error.code}: {error.error.text}") from None
        return {
            "contacts": figures.contacts_total,
            "contacts_by_channel": {row.key: row.count for row in figures.contacts_by_channel},
            "contacts_by_outcome": {row.key: row.count for row in figures.contacts_by_outcome},
            "answered_directly_share": _rounded(figures.answered_directly_share),
            "transferred_share": _rounded(figures.transferred_share),
            "cases": figures.cases_total,
            "cases_closed": figures.cases_closed,
            "cases_by_channel": {row.key: row.count for row in figures.cases_by_channel},
            "cases_by_category": {row.label: row.count for row in figures.cases_by_category},
            "cases_by_organisation": {
                row.label: row.count for row in figures.cases_by_organisation
            },
        }

    def _forecast(self, options: dict[str, Any], first: date, last: date) -> dict[str, Any]:
        if not 1 <= options["weeks"] <= 26:
            raise CommandError("--weeks is 1 to 26.")
        if options["aht_seconds"] is not None and options["aht_seconds"] <= 0:
            raise CommandError("--aht-seconds must be more than 0.")
        try:
            history = statistics_selectors.hourly_contacts(
                actor=SystemActor("stats command"),
                first_day=first,
                last_day=last,
                channel=options["channel"],
                site_id=options["site"],
            )
        except ServiceError as error:
            raise CommandError(f"{error.code}: {error.error.text}") from None
        if (last - first).days < 21:
            raise CommandError("Give at least three weeks of history.")
        start = datetime.combine(last + timedelta(days=1), datetime.min.time())
        hours = [start + timedelta(hours=n) for n in range(options["weeks"] * 7 * 24)]
        expected = forecast.forecast(history, hours)
        check = forecast.backtest(history, held_back_weeks=2)
        rows: list[dict[str, Any]] = []
        for hour in hours:
            row: dict[str, Any] = {"hour": hour.isoformat(), "contacts": round(expected[hour], 2)}
            if options["aht_seconds"] is not None:
                row["agents"] = (
                    fewest_agents(
                        calls_per_hour=expected[hour],
                        aht_seconds=options["aht_seconds"],
                        target_level=options["target_level"],
                        target_seconds=options["target_seconds"],
                        patience_seconds=options["patience_seconds"],
                    ).agents
                    if expected[hour] > 0
                    else 0
                )
            rows.append(row)
        return {
            "held_back_from": check.held_back_from.isoformat(),
            "forecast_error_wape": check.forecast_error,
            "seasonal_naive_error_wape": check.seasonal_naive_error,
            "hours": rows,
        }

    def _print(self, result: dict[str, Any], *, json_wanted: bool) -> None:
        if json_wanted:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        width = max(len(name) for name in result)
        for name, value in result.items():
            self.stdout.write(f"{name:<{width}}  {'–' if value is None else value}")


def _rounded(share: float | None) -> float | None:
    return None if share is None else round(share, 4)
