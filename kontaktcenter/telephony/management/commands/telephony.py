"""`kontaktcenter telephony …`: take the PBX's call events in, and make test traffic.

import-queue-log FILE     read what was added to an Asterisk queue_log since the last read
                          (safe to run twice on the same file)
follow-queue-log FILE     keep reading it as the PBX appends (Ctrl-C stops)
ami                       listen to Asterisk's AMI over TCP and take its events in
simulate                  a working day as queue_log lines and AMI events over TCP
unknown                   queue and agent names the PBX sent that are not configured
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from asgiref.sync import sync_to_async
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kontaktcenter.core import clock
from kontaktcenter.core.errors import ServiceError
from kontaktcenter.telephony import ami_link, selectors, services
from kontaktcenter.telephony.events import CallEvent
from kontaktcenter.telephony.measures import call_figures
from kontaktcenter.telephony.queue_log_import import QueueLogReport, import_queue_log
from kontaktcenter.telephony.simulator import simulate_day


class Command(BaseCommand):
    help = "Take the PBX's call events in (queue_log, AMI) and make test traffic."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        one = actions.add_parser("import-queue-log", help="Read new lines of a queue_log file.")
        one.add_argument("file", type=Path)
        follow = actions.add_parser("follow-queue-log", help="Keep reading a queue_log file.")
        follow.add_argument("file", type=Path)
        follow.add_argument("--interval", type=float, default=2.0)
        ami = actions.add_parser("ami", help="Listen to Asterisk's AMI and take events in.")
        ami.add_argument("--host", default="127.0.0.1")
        ami.add_argument("--port", type=int, default=5038)
        ami.add_argument("--username", required=True)
        ami.add_argument(
            "--secret",
            default=os.environ.get("KONTAKTCENTER_AMI_SECRET", ""),
            help="The AMI user's secret (default: $KONTAKTCENTER_AMI_SECRET, kept out of ps).",
        )
        sim = actions.add_parser("simulate", help="A working day as queue_log and AMI events.")
        sim.add_argument("--date", help="The day, YYYY-MM-DD (default today).")
        sim.add_argument("--seed", type=int, default=2026)
        sim.add_argument("--queue-log", type=Path, help="Append the day's queue_log lines here.")
        sim.add_argument("--ami-port", type=int, help="Serve the day's AMI events on this port.")
        sim.add_argument("--ami-host", default="127.0.0.1")
        sim.add_argument("--username", default="kontaktcenter")
        sim.add_argument("--secret", default="simulator")
        sim.add_argument(
            "--live",
            action="store_true",
            help="Start the day two hours ago and send each later event when its time comes.",
        )
        actions.add_parser("unknown", help="Queue and agent names the PBX sent, not configured.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "import-queue-log":
                self._import(options["file"])
            elif action == "follow-queue-log":
                self._follow(options["file"], options["interval"])
            elif action == "ami":
                self._ami(options)
            elif action == "simulate":
                self._simulate(options)
            else:
                self._unknown()
        except ServiceError as error:
            raise CommandError(error.message) from None
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")

    def _say_report(self, report: QueueLogReport) -> None:
        rate = report.events / report.seconds if report.seconds else 0.0
        self.stdout.write(
            f"{report.lines} lines read: {report.ingest.recorded} new events, "
            f"{report.ingest.duplicates} already taken in, {report.ignored} not about calls, "
            f"{report.bad_lines} unreadable; {report.ingest.calls} calls updated "
            f"({rate:.0f} events/s)."
        )
        for sample in report.bad_samples:
            self.stderr.write(f"  unreadable line: {sample}")
        self._say_unknown(report.ingest)

    def _say_unknown(self, report: services.IngestReport) -> None:
        if report.unknown_queues:
            names = ", ".join(sorted(report.unknown_queues))
            self.stderr.write(f"Queues not configured (kept, reported): {names}")
        if report.unknown_agents:
            names = ", ".join(sorted(report.unknown_agents))
            self.stderr.write(f"Agents not configured (kept, reported): {names}")

    def _import(self, path: Path) -> None:
        def progress(report: QueueLogReport) -> None:
            self.stderr.write(f"  {report.lines} lines …")

        self._say_report(import_queue_log(path, progress=progress))

    def _follow(self, path: Path, interval: float) -> None:
        self.stdout.write(f"Following {path}; Ctrl-C stops.")
        while True:
            report = import_queue_log(path)
            if report.lines:
                self._say_report(report)
            time.sleep(interval)

    def _ami(self, options: dict[str, Any]) -> None:
        if not options["secret"]:
            raise CommandError("Give --secret or set KONTAKTCENTER_AMI_SECRET.")
        take_in = sync_to_async(services.ingest)

        async def on_batch(events: list[CallEvent]) -> None:
            report = await take_in(events)
            self.stdout.write(
                f"{len(events)} AMI events: {report.recorded} new, {report.calls} calls updated"
            )

        self.stdout.write(f"Listening to AMI on {options['host']}:{options['port']}; Ctrl-C stops.")
        asyncio.run(
            ami_link.listen(
                host=options["host"],
                port=options["port"],
                username=options["username"],
                secret=options["secret"],
                on_batch=on_batch,
            )
        )

    def _simulate(self, options: dict[str, Any]) -> None:
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else clock.today()
        except ValueError:
            raise CommandError("--date must be YYYY-MM-DD.") from None
        opening = clock.now() - timedelta(hours=2) if options["live"] else None
        simulated = simulate_day(day=day, seed=options["seed"], opening=opening)
        truth = call_figures(simulated.calls)
        self.stdout.write(
            f"Simulated {len(simulated.calls)} calls: {len(simulated.queue_log)} queue_log lines,"
            f" {len(simulated.ami)} AMI events."
        )
        self.stdout.write("Ground truth: " + json.dumps(truth.as_json()))
        path: Path | None = options["queue_log"]
        if path is not None and not options["live"]:
            with path.open("a", encoding="utf-8") as handle:
                handle.writelines(line for _at, line in simulated.queue_log)
            self.stdout.write(f"Appended to {path}.")
        if options["ami_port"] is None and not (options["live"] and path is not None):
            return
        asyncio.run(self._serve(simulated, options, path if options["live"] else None))

    async def _serve(self, simulated: Any, options: dict[str, Any], live_log: Path | None) -> None:
        if options["ami_port"] is not None:
            server = ami_link.AmiServer(
                simulated.ami,
                username=options["username"],
                secret=options["secret"],
                live=options["live"],
                close_when_done=not options["live"],
            )
            await ami_link.serve(server, host=options["ami_host"], port=options["ami_port"])
            self.stdout.write(
                f"AMI on {options['ami_host']}:{options['ami_port']} "
                f"(user {options['username']}); Ctrl-C stops."
            )
        if live_log is not None:
            await asyncio.gather(_write_live(simulated.queue_log, live_log), asyncio.Event().wait())
        await asyncio.Event().wait()

    def _unknown(self) -> None:
        rows = list(selectors.unknown_references())
        if not rows:
            self.stdout.write("Every queue and agent the PBX named is configured.")
        for row in rows:
            self.stdout.write(
                f"{row.kind:<6} {row.name:<30} {row.occurrences:>6} events, "
                f"last {row.last_seen_at:%Y-%m-%d %H:%M}"
            )


async def _write_live(lines: list[tuple[Any, str]], path: Path) -> None:
    with path.open("a", encoding="utf-8") as handle:
        for at, line in lines:
            delay = (at - clock.now()).total_seconds()
            if delay > 0:
                handle.flush()
                await asyncio.sleep(delay)
            handle.write(line)
        handle.flush()
