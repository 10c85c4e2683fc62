"""kontaktcenter retention [--dry-run]: thin out (gallra) what the records-management plan says
is due now, and print the report (issue 16). Run it nightly from a timer (docs/deployment.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.cases.services import privacy

ACTOR = SystemActor("retention", "retention by the records-management plan")


class Command(BaseCommand):
    help = "Anonymise the closed cases whose retention period under the plan has run out."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        report = privacy.retention_run(actor=ACTOR, dry_run=options["dry_run"])
        self.stdout.write(
            f"Retention {'dry run ' if report.dry_run else ''}at {report.at:%Y-%m-%d %H:%M}"
        )
        for category, plan_reference, references in report.per_category:
            plan = f" [{plan_reference}]" if plan_reference else ""
            self.stdout.write(f"{category}{plan}: {len(references)} cases")
            for reference in references:
                self.stdout.write(f"  {reference}")
        self.stdout.write(
            f"{report.cases} cases {'would be ' if report.dry_run else ''}anonymised, "
            f"{report.removed_attachments} attachments removed, "
            f"{report.scrubbed_parties} residents' contact details erased"
        )
