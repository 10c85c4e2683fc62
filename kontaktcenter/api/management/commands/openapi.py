"""kontaktcenter openapi [--check]: write docs/api/openapi.json from the code, or check it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kontaktcenter.api.document import COMMITTED, openapi_text


class Command(BaseCommand):
    help = "Write the REST API's OpenAPI document to docs/api/openapi.json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="fail if the file is stale")

    def handle(self, *args: Any, **options: Any) -> None:
        current = openapi_text()
        if options["check"]:
            if not COMMITTED.exists() or COMMITTED.read_text(encoding="utf-8") != current:
                raise CommandError(f"{COMMITTED} is stale: run `kontaktcenter openapi`.")
            self.stdout.write("The committed OpenAPI document is current.")
            return
        COMMITTED.write_text(current, encoding="utf-8")
        self.stdout.write(f"Wrote {COMMITTED}")
