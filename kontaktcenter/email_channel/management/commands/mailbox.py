"""kontaktcenter mailbox add|list|read|send: the e-mail channel from the command line.

    kontaktcenter mailbox add --organisation NAME --address ADDRESS --category CODE \\
        --host HOST [--port 993] [--no-tls] --user USER --password PASSWORD
    kontaktcenter mailbox list
    kontaktcenter mailbox read      take in every active mailbox's new mail once
    kontaktcenter mailbox send      send the residents' mail that is due

A running `kontaktcenter worker` does `read` and `send` by itself.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.core.errors import ServiceError
from kontaktcenter.directory.selectors import organisation_by_name
from kontaktcenter.email_channel import intake, outgoing, selectors, services
from kontaktcenter.forwarding.worker import worker_name
from kontaktcenter.routing.selectors import categories_by_code

COMMAND_LINE = SystemActor("command-line")


class Command(BaseCommand):
    help = "Set up functional mailboxes, read them, and send the residents' mail."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="set up a mailbox")
        add.add_argument("--organisation", required=True, help="the organisation's name or code")
        add.add_argument("--address", required=True)
        add.add_argument("--category", required=True, help="category code of new mail's cases")
        add.add_argument("--host", required=True)
        add.add_argument("--port", type=int, default=993)
        add.add_argument("--no-tls", action="store_true", help="plain IMAP (a local server)")
        add.add_argument("--user", required=True)
        add.add_argument("--password", required=True)
        add.add_argument("--folder", default="INBOX")
        add.add_argument("--language", default="sv", choices=["sv", "en"])
        actions.add_parser("list", help="every mailbox and when it was last read")
        actions.add_parser("read", help="take in new mail from every active mailbox once")
        actions.add_parser("send", help="send the residents' mail that is due")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            self._add(options)
        elif action == "list":
            for row in selectors.mailbox_overview():
                self.stdout.write(
                    f"{row.address}\t{row.organisation}\t{row.last_polled_at or '-'}\t"
                    f"{row.last_error or 'ok'}"
                )
        elif action == "read":
            for address, report in intake.read_all().items():
                self.stdout.write(
                    f"{address}: {report.new_cases} new cases, {report.threaded} threaded, "
                    f"{report.ignored} ignored, {report.duplicates} already taken in, "
                    f"{report.failed} failed ({report.moved_to_retry} to the retry folder)"
                )
        else:
            self.stdout.write(f"{outgoing.send_due(worker_name())} sent")

    def _add(self, options: dict[str, Any]) -> None:
        organisation = organisation_by_name(options["organisation"])
        if organisation is None:
            raise CommandError(f"No organisation called {options['organisation']!r}.")
        categories = categories_by_code([options["category"]])
        if not categories:
            raise CommandError(f"No category with code {options['category']!r}.")
        try:
            mailbox = services.mailbox_add(
                actor=COMMAND_LINE,
                organisation=organisation,
                address=options["address"],
                category=categories[0],
                host=options["host"],
                port=options["port"],
                use_tls=not options["no_tls"],
                username=options["user"],
                password=options["password"],
                folder=options["folder"],
                language=options["language"],
            )
        except ServiceError as error:
            raise CommandError(error.message) from error
        self.stdout.write(str(mailbox.pk))
