"""kontaktcenter apikey create|revoke|list: integration keys from the command line.

    kontaktcenter apikey create NAME --organisation NAME --scope SCOPE [--scope SCOPE ...]
    kontaktcenter apikey revoke NAME-OR-PREFIX
    kontaktcenter apikey list [--organisation NAME]

`create` prints the new key as its last line: it is shown this once and stored only as a hash.
The command acts as the system actor "command line", as an operator with shell access does.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kontaktcenter.accounts import services
from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.accounts.scopes import Scope
from kontaktcenter.core.errors import ServiceError
from kontaktcenter.directory.selectors import organisation_by_name

COMMAND_LINE = SystemActor("command-line")


class Command(BaseCommand):
    help = "Create, revoke and list the integration keys outside systems use for the API."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="make a key; prints it as the last line")
        create.add_argument("name", help="the integration's name, e.g. 'Felanmälan Trafik'")
        create.add_argument("--organisation", required=True, help="the organisation's name or code")
        create.add_argument(
            "--scope",
            action="append",
            required=True,
            choices=Scope.values,
            help="what the key may do (repeat)",
        )
        revoke = actions.add_parser("revoke", help="revoke a key by its name or prefix")
        revoke.add_argument("key", help="the key's name or its prefix (kc_…)")
        listing = actions.add_parser("list", help="every key with its scopes and last use")
        listing.add_argument("--organisation", help="only this organisation's keys")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "create":
                self._create(options)
            elif options["action"] == "revoke":
                key = services.integration_key_revoke(
                    actor=COMMAND_LINE, key=services.integration_key_find(options["key"])
                )
                self.stdout.write(f"Revoked {key.prefix} {key.name} ({key.organisation}).")
            else:
                self._list(options.get("organisation"))
        except ServiceError as error:
            raise CommandError(error.message) from None

    def _organisation(self, name: str) -> Any:
        organisation = organisation_by_name(name)
        if organisation is None:
            raise CommandError(f"No organisation called {name!r}.")
        return organisation

    def _create(self, options: dict[str, Any]) -> None:
        key, secret = services.integration_key_create(
            actor=COMMAND_LINE,
            organisation=self._organisation(options["organisation"]),
            name=options["name"],
            scopes=options["scope"],
        )
        self.stdout.write(
            f"Key {key.prefix} for {key.name} ({key.organisation}), "
            f"scopes: {' '.join(key.scopes)}. It is shown only now:"
        )
        self.stdout.write(secret)

    def _list(self, organisation_name: str | None) -> None:
        organisation = self._organisation(organisation_name) if organisation_name else None
        for key in services.integration_keys(organisation=organisation):
            last_used = (
                timezone.localtime(key.last_used_at).strftime("%Y-%m-%d %H:%M")
                if key.last_used_at
                else "never used"
            )
            state = (
                f"revoked {timezone.localtime(key.revoked_at):%Y-%m-%d}"
                if key.revoked_at
                else "active"
            )
            self.stdout.write(
                f"{key.prefix}\t{key.name}\t{key.organisation}\t{' '.join(key.scopes)}\t"
                f"{state}\tlast used: {last_used}"
            )
