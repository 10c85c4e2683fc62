"""kontaktcenter gdpr export|erase: a resident's request about their data (issue 16).

    kontaktcenter gdpr export --personnummer 19800101-1234 [--email …] [--phone …] --output DIR
    kontaktcenter gdpr erase  --email anna@example.se [--dry-run]

`export` writes personuppgifter.json, personuppgifter.html (readable, printable) and the
attachment files still kept into DIR. `erase` anonymises what the person may have erased and
lists the cases the archives act keeps, with why; `--dry-run` lists without changing anything.
"""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.cases.services import privacy
from kontaktcenter.core.errors import ServiceError

ACTOR = SystemActor("gdpr-request", "a request about personal data, run by an administrator")


class Command(BaseCommand):
    help = "Export or erase one person's data (GDPR), keeping what the archives act requires."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        for name, text in (("export", "write everything kept"), ("erase", "erase what may go")):
            action = actions.add_parser(name, help=text)
            action.add_argument("--personnummer", default="")
            action.add_argument("--email", default="")
            action.add_argument("--phone", default="")
            if name == "export":
                action.add_argument("--output", type=Path, required=True)
            else:
                action.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            query = privacy.person_query(
                personnummer_text=options["personnummer"],
                email=options["email"],
                phone=options["phone"],
            )
            if options["action"] == "export":
                self._export(query, options["output"])
            else:
                self._erase(query, dry_run=options["dry_run"])
        except ServiceError as error:
            raise CommandError(f"{error.code}: {error.message}") from error

    def _export(self, query: privacy.PersonQuery, folder: Path) -> None:
        export = privacy.personal_data_export(
            actor=ACTOR, query=query, request_id=f"gdpr-export-{uuid.uuid4().hex}"
        )
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "personuppgifter.json").write_text(
            json.dumps(export, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (folder / "personuppgifter.html").write_text(
            privacy.personal_data_document(export), encoding="utf-8"
        )
        files = privacy.personal_data_files(query)
        if files:
            (folder / "bilagor").mkdir(exist_ok=True)
        for name, path in files:
            shutil.copyfile(path, folder / "bilagor" / name)
        self.stdout.write(
            f"{len(export['cases'])} cases, {len(export['contacts'])} contacts, "
            f"{len(files)} attachment files written to {folder}"
        )

    def _erase(self, query: privacy.PersonQuery, *, dry_run: bool) -> None:
        plan = privacy.personal_data_erase(actor=ACTOR, query=query, dry_run=dry_run)
        verb = "would be" if dry_run else ""
        for reference in plan.anonymised_cases:
            self.stdout.write(f"{reference}: anonymised {verb}".rstrip())
        for kept in plan.kept_cases:
            due = f", until {kept.due:%Y-%m-%d}" if kept.due else ""
            self.stdout.write(f"{kept.reference}: KEPT ({kept.reason}{due})")
        self.stdout.write(
            f"{'Dry run: ' if dry_run else ''}{len(plan.anonymised_cases)} cases anonymised, "
            f"{len(plan.kept_cases)} kept under the archives act, {plan.erased_contacts} contacts "
            f"and {plan.erased_parties} contact details erased, {plan.kept_parties} contact "
            f"details kept, {plan.removed_attachments} attachments removed"
        )
