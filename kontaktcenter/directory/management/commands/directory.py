"""`kontaktcenter directory import FILE` and `kontaktcenter directory reindex`.

    kontaktcenter directory import personal.csv                 # CSV, by the file's ending
    kontaktcenter directory import export.ldif --report rejected.csv
    kontaktcenter directory reindex                             # rebuild the search index

The import prints its progress on large files to standard error and a summary at the end;
`--report FILE` writes every rejected row (where, code, reason) as CSV. It exits with 1 when
any row was rejected, so scripts notice.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kontaktcenter.directory.importing import import_people
from kontaktcenter.directory.indexing import reindex_all

PROGRESS_EVERY_SECONDS = 1.0


class Command(BaseCommand):
    help = "Import people into the directory (CSV or LDIF), or rebuild its search index."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        importing = actions.add_parser("import", help="import people from CSV or LDIF")
        importing.add_argument("file", type=Path)
        importing.add_argument("--format", choices=["csv", "ldif"], dest="file_format")
        importing.add_argument("--report", type=Path, help="write rejected rows to this CSV")
        actions.add_parser("reindex", help="rebuild the directory's search index")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "reindex":
            entries = reindex_all()
            self.stdout.write(f"{entries} directory entries indexed.")
            return
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        file_format = options["file_format"] or (
            "ldif" if path.suffix.lower() == ".ldif" else "csv"
        )
        last = 0.0

        def progress(rows: int, done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last < PROGRESS_EVERY_SECONDS and done < total:
                return
            last = now
            share = 100 * done / total if total else 100
            self.stderr.write(f"{rows:,} rows read ({share:.0f} %)".replace(",", " "))

        report = import_people(path, file_format=file_format, progress=progress)
        self.stdout.write(
            f"{report.read} read, {report.created} added, {report.updated} updated, "
            f"{len(report.rejected)} rejected, {report.skipped} entries not people skipped."
        )
        for rejection in report.rejected[:20]:
            self.stdout.write(f"  {rejection.where}: {rejection.message} ({rejection.code})")
        if len(report.rejected) > 20:
            self.stdout.write(f"  … and {len(report.rejected) - 20} more")
        if options["report"]:
            with options["report"].open("w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(["where", "code", "reason"])
                writer.writerows((r.where, r.code, r.message) for r in report.rejected)
        if report.rejected:
            sys.exit(1)
