"""The folders the configuration points at, made when the application starts, not on import.

Importing the settings touches no file. The `kontaktcenter` command and the WSGI application
call `prepare_directories()` before Django first opens the SQLite database or WhiteNoise looks
at STATIC_ROOT, so a fresh KONTAKTCENTER_DATA_DIR works without a manual `mkdir`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from django.conf import settings

from kontaktcenter.core.env import ConfigurationError


def _sqlite_files(databases: Mapping[str, Mapping[str, Any]]) -> Iterable[Path]:
    for database in databases.values():
        if "sqlite" not in str(database.get("ENGINE", "")):
            continue
        names = [database.get("NAME"), (database.get("TEST") or {}).get("NAME")]
        for name in names:
            text = str(name or "")
            # In-memory databases and SQLite URIs (file:…?mode=memory) have no folder to make.
            if text and text != ":memory:" and not text.startswith("file:"):
                yield Path(text)


def needed_directories(
    databases: Mapping[str, Mapping[str, Any]], static_root: str | Path | None
) -> list[Path]:
    """The SQLite databases' folders and STATIC_ROOT, each once, in that order."""
    folders = [path.parent for path in _sqlite_files(databases)]
    if static_root:
        folders.append(Path(static_root))
    return list(dict.fromkeys(folders))


def make_directories(folders: Iterable[Path]) -> None:
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ConfigurationError(
                f"Cannot create the folder {folder} ({error.strerror or error}); check "
                "KONTAKTCENTER_DATA_DIR or DATABASE_URL."
            ) from None


def prepare_directories() -> None:
    """Make the folders the current settings need (loads the settings if not yet loaded)."""
    make_directories(needed_directories(settings.DATABASES, settings.STATIC_ROOT))
