"""`kontaktcenter demo`: migrate, load the Stockholm demo if missing, print logins, serve."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from kontaktcenter.demo.services import (
    DEFAULT_CONTACTS_PER_DAY,
    DEFAULT_HISTORY_DAYS,
    DEMO_PASSWORD,
    demo_load,
    demo_logins,
)


class Command(BaseCommand):
    help = "Load the Stockholm demo data if it is missing, print the demo logins and serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Only load the demo data.")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_HISTORY_DAYS,
            help="Days of generated contact history (default %(default)s).",
        )
        parser.add_argument(
            "--contacts-per-day",
            type=float,
            default=DEFAULT_CONTACTS_PER_DAY,
            help="Average contacts per day in the history (default %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        demo_load(
            history_days=options["days"],
            contacts_per_day=options["contacts_per_day"],
            stdout=self.stdout,
        )
        logins = demo_logins()
        if logins:
            width = max(len(login.username) for login in logins)
            role_width = max(len(login.role) for login in logins)
            self.stdout.write("")
            self.stdout.write(
                self.style.MIGRATE_HEADING(f"Demo logins (password: {DEMO_PASSWORD})")
            )
            for login in logins:
                self.stdout.write(
                    f"  {login.username:<{width}}  {login.role:<{role_width}}  {login.organisation}"
                )
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write("")
        self.stdout.write(f"Open {url} and log in with one of the accounts above.")
        if not options["no_serve"]:
            call_command("serve", host=options["host"], port=options["port"])
