"""Migrations stay readable and linear (STYLE.md): descriptive names, one line per app."""

from __future__ import annotations

import re

from django.db.migrations.loader import MigrationLoader

PROJECT_APPS = {"accounts", "directory", "routing", "cases"}


def _project_migrations() -> dict[tuple[str, str], object]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {key: value for key, value in loader.disk_migrations.items() if key[0] in PROJECT_APPS}


def test_migrations_have_descriptive_names() -> None:
    automatic = [name for _app, name in _project_migrations() if re.search(r"_auto_\d", name)]
    assert automatic == [], "name migrations with makemigrations -n <what it does>"


def test_each_app_has_one_line_of_migrations() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    leaves = loader.graph.leaf_nodes()
    for app in PROJECT_APPS:
        assert len([leaf for leaf in leaves if leaf[0] == app]) == 1, app
