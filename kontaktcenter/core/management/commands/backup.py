"""kontaktcenter backup create DIR | kontaktcenter backup verify DIR --scratch-database NAME

See docs/deployment.md ("Backups"). `verify` prints every count it compared and exits with
status 1 when one differs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kontaktcenter.core import backup


class Command(BaseCommand):
    help = "Back up the PostgreSQL database and attachments, or prove a backup restores."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="write a backup into an empty folder")
        create.add_argument("folder", type=Path)
        verify = actions.add_parser(
            "verify", help="restore a backup into a fresh database and compare the counts"
        )
        verify.add_argument("folder", type=Path)
        verify.add_argument("--scratch-database", required=True)
        verify.add_argument(
            "--keep", action="store_true", help="keep the restored database afterwards"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "create":
                self._create(options["folder"])
            else:
                self._verify(options["folder"], options["scratch_database"], options["keep"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from error

    def _create(self, folder: Path) -> None:
        manifest = backup.create(folder)
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backup of {manifest['database']} in {folder}: {len(manifest['tables'])} tables, "
            f"{rows} rows, {manifest['attachment_files']} attachment files"
        )

    def _verify(self, folder: Path, scratch: str, keep: bool) -> None:
        comparisons = backup.verify(folder, scratch=scratch, keep=keep)
        width = max(len(comparison.name) for comparison in comparisons)
        self.stdout.write(f"{'table':<{width}}  {'backup':>9}  {'restored':>9}")
        for comparison in comparisons:
            mark = "ok" if comparison.matches else "DIFFERS"
            self.stdout.write(
                f"{comparison.name:<{width}}  {comparison.expected:>9}  "
                f"{comparison.restored:>9}  {mark}"
            )
        differing = [comparison.name for comparison in comparisons if not comparison.matches]
        if differing:
            raise CommandError(f"restore differs from the backup in: {', '.join(differing)}")
        self.stdout.write(self.style.SUCCESS(f"Restored into {scratch}: every count matches"))
