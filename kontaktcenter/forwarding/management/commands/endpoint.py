"""kontaktcenter endpoint add|status: delivery endpoints from the command line.

    kontaktcenter endpoint add --organisation NAME --name NAME --webhook URL --secret SECRET \\
        --sends all|complaints|categories=CODE,CODE
    kontaktcenter endpoint add ... --email ADDRESS
    kontaktcenter endpoint add ... --open311 URL --api-key KEY [--service-code CATEGORY=CODE ...]
    kontaktcenter endpoint status --json

`add` prints the new endpoint's id as its last line. The command acts as the system actor
"command line", as an operator with shell access to the server does.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.core.errors import ServiceError
from kontaktcenter.directory.selectors import organisation_by_name
from kontaktcenter.forwarding import selectors, services
from kontaktcenter.forwarding.choices import EndpointKind, Sends
from kontaktcenter.routing.selectors import categories_by_code

COMMAND_LINE = SystemActor("command-line")


def _sends(value: str) -> tuple[str, list[str]]:
    if value in {Sends.ALL, Sends.COMPLAINTS}:
        return value, []
    name, _sep, codes = value.partition("=")
    if name == Sends.CATEGORIES and codes:
        return Sends.CATEGORIES, [code.strip() for code in codes.split(",") if code.strip()]
    raise CommandError("--sends must be all, complaints or categories=CODE,CODE")


class Command(BaseCommand):
    help = "Add delivery endpoints and show how their deliveries go."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="add an endpoint; prints its id last")
        add.add_argument("--organisation", required=True, help="the organisation's name or code")
        add.add_argument("--name", required=True)
        target = add.add_mutually_exclusive_group(required=True)
        target.add_argument("--webhook", metavar="URL")
        target.add_argument("--email", metavar="ADDRESS")
        target.add_argument("--open311", metavar="URL")
        add.add_argument("--secret", default="", help="webhook signing secret")
        add.add_argument("--api-key", default="", help="Open311 API key")
        add.add_argument("--jurisdiction", default="", help="Open311 jurisdiction_id")
        add.add_argument(
            "--service-code",
            action="append",
            default=[],
            metavar="CATEGORY=CODE",
            help="Open311: our category code = their service_code (repeat)",
        )
        add.add_argument("--sends", default=Sends.ALL, type=_sends)
        add.add_argument("--status-changes", action="store_true", help="also send status changes")
        add.add_argument("--closing", action="store_true", help="also send when closed")
        status = actions.add_parser("status", help="backlog and health of every endpoint")
        status.add_argument("--json", action="store_true", help="one JSON list")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "add":
            self._add(options)
        else:
            self._status(json_output=options["json"])

    def _add(self, options: dict[str, Any]) -> None:
        organisation = organisation_by_name(options["organisation"])
        if organisation is None:
            raise CommandError(f"No organisation called {options['organisation']!r}.")
        sends, codes = options["sends"]
        categories = categories_by_code(codes)
        if len(categories) != len(set(codes)):
            missing = set(codes) - {category.code for category in categories}
            raise CommandError(f"No category with code {', '.join(sorted(missing))}.")
        service_codes: dict[int, str] = {}
        for pair in options["service_code"]:
            category_code, _sep, service_code = pair.partition("=")
            found = categories_by_code([category_code])
            if not found or not service_code:
                raise CommandError(f"--service-code {pair!r}: use CATEGORY=CODE with our code.")
            service_codes[found[0].pk] = service_code
        kind = (
            EndpointKind.WEBHOOK
            if options["webhook"]
            else EndpointKind.EMAIL
            if options["email"]
            else EndpointKind.OPEN311
        )
        try:
            endpoint = services.endpoint_create(
                actor=COMMAND_LINE,
                organisation=organisation,
                name=options["name"],
                kind=kind,
                url=options["webhook"] or options["open311"] or "",
                email=options["email"] or "",
                secret=options["secret"],
                api_key=options["api_key"],
                jurisdiction_id=options["jurisdiction"],
                sends=sends,
                categories=categories,
                service_codes=service_codes,
                sends_status_changes=options["status_changes"],
                sends_closing=options["closing"],
            )
        except ServiceError as error:
            raise CommandError(f"{error.code}: {error.message}") from None
        self.stdout.write(f"Added {endpoint.get_kind_display()} {endpoint.name} for {organisation}")
        self.stdout.write(str(endpoint.pk))

    def _status(self, *, json_output: bool) -> None:
        statuses = selectors.endpoint_statuses(COMMAND_LINE)
        if json_output:
            self.stdout.write(
                json.dumps([status.as_json() for status in statuses], ensure_ascii=False)
            )
            return
        for status in statuses:
            oldest = status.oldest_pending_seconds
            self.stdout.write(
                f"{status.endpoint.organisation} / {status.endpoint.name}: "
                f"{status.pending} pending"
                + (f" (oldest {oldest:.0f} s)" if oldest is not None else "")
                + f", {status.delivered} delivered, {status.dead} dead, circuit {status.circuit}"
            )
