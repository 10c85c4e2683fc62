"""Backups of a PostgreSQL deployment, and the proof that one restores (issue 16).

`create` dumps the database with pg_dump and counts the rows of every table in the same
snapshot (pg_dump --snapshot), so the counts describe exactly what the dump holds however busy
the system is; the attachments folder goes into a tar file beside it. `verify` restores the
dump into a fresh database, counts again and compares, table by table, and checks that the
access log's append-only trigger came back with the data.
"""

from __future__ import annotations

import json
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from psycopg import sql

from kontaktcenter.core.clock import now

DUMP = "database.dump"
ATTACHMENTS = "attachments.tar.gz"
MANIFEST = "manifest.json"
APPEND_ONLY_TRIGGER = "cases_caseaccess_append_only"


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message says why, for the operator."""


@dataclass(frozen=True)
class Comparison:
    name: str
    expected: int
    restored: int

    @property
    def matches(self) -> bool:
        return self.expected == self.restored


def _database() -> Mapping[str, Any]:
    database: Mapping[str, Any] = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("backups need PostgreSQL (DATABASE_URL=postgres://…)")
    return database


def _connection_arguments(name: str) -> dict[str, Any]:
    database = _database()
    arguments: dict[str, Any] = {"dbname": name}
    for key, option in (("HOST", "host"), ("PORT", "port"), ("USER", "user")):
        if database.get(key):
            arguments[option] = str(database[key])
    if database.get("PASSWORD"):
        arguments["password"] = database["PASSWORD"]
    return arguments


def _tool_environment() -> dict[str, str]:
    """pg_dump and pg_restore get the connection from PG* variables, so no password shows in
    the process list."""
    database = _database()
    environment = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if database.get(key):
            environment[variable] = str(database[key])
    return environment


def _run(command: list[str]) -> None:
    result = subprocess.run(  # noqa: S603 - fixed programs, arguments are not a shell line
        command, env=_tool_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def _table_counts(connection: psycopg.Connection[Any]) -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
    ]
    counts: dict[str, int] = {}
    for table in tables:
        row = connection.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
        ).fetchone()
        counts[table] = int(row[0]) if row else 0
    return counts


def _attachment_files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file()) if folder.exists() else 0


def create(folder: Path) -> dict[str, Any]:
    """Write the dump, the attachments and the manifest with the counts into `folder`."""
    name = str(_database()["NAME"])
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / MANIFEST).exists():
        raise BackupError(f"{folder} already holds a backup; choose an empty folder")
    with psycopg.connect(**_connection_arguments(name), autocommit=True) as connection:
        connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        row = connection.execute("SELECT pg_export_snapshot()").fetchone()
        snapshot = str(row[0]) if row else ""
        counts = _table_counts(connection)
        # The snapshot lives as long as this transaction: pg_dump must run inside it.
        _run(
            [
                "pg_dump",
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={folder / DUMP}",
                name,
            ]
        )
        connection.execute("COMMIT")
    attachments: Path = settings.ATTACHMENTS_DIR
    with tarfile.open(folder / ATTACHMENTS, "w:gz") as archive:
        if attachments.exists():
            archive.add(attachments, arcname="attachments")
    manifest: dict[str, Any] = {
        "created_at": now().isoformat(),
        "database": name,
        "tables": counts,
        "attachment_files": _attachment_files(attachments),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def _maintenance() -> psycopg.Connection[Any]:
    return psycopg.connect(**_connection_arguments("postgres"), autocommit=True)


def verify(folder: Path, *, scratch: str, keep: bool = False) -> list[Comparison]:
    """Restore the backup in `folder` into the new database `scratch`, and compare every
    table's rows and the number of attachment files with the manifest. `scratch` must not
    exist; it is dropped afterwards unless `keep`."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{folder} holds no backup ({MANIFEST} is missing)") from None
    if scratch == _database()["NAME"]:
        raise BackupError("restore into a new database, never the one in use")
    with _maintenance() as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [scratch]
        ).fetchone()
        if exists:
            raise BackupError(f"database {scratch} exists; a restore check needs a fresh one")
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    try:
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                f"--dbname={scratch}",
                str(folder / DUMP),
            ]
        )
        with psycopg.connect(**_connection_arguments(scratch)) as restored:
            counts = _table_counts(restored)
            trigger = restored.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = %s", [APPEND_ONLY_TRIGGER]
            ).fetchone()
        with tempfile.TemporaryDirectory() as unpacked:
            with tarfile.open(folder / ATTACHMENTS, "r:gz") as archive:
                archive.extractall(unpacked, filter="data")
            files = _attachment_files(Path(unpacked))
    finally:
        if not keep:
            with _maintenance() as connection:
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch))
                )
    expected: dict[str, int] = manifest["tables"]
    comparisons = [
        Comparison(table, expected.get(table, -1), counts.get(table, -1))
        for table in sorted(expected.keys() | counts.keys())
    ]
    comparisons.append(Comparison("(attachment files)", manifest["attachment_files"], files))
    comparisons.append(
        Comparison("(access log append-only trigger)", 1, int(trigger[0]) if trigger else 0)
    )
    return comparisons
