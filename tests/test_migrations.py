"""Migrations stay readable and linear (STYLE.md): descriptive names, one line per app.

The apps are found in Django's registry, so a new app under `kontaktcenter` is checked as soon
as it has migrations.
"""

from __future__ import annotations

import re

from django.apps import apps
from django.db.migrations.loader import MigrationLoader


def _loader() -> MigrationLoader:
    return MigrationLoader(None, ignore_no_migrations=True)


def _project_apps(loader: MigrationLoader) -> set[str]:
    ours = {
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith("kontaktcenter.")
    }
    return ours & loader.migrated_apps


def test_every_project_app_with_migrations_is_checked() -> None:
    """Guards the discovery itself: if it found nothing, the checks below would pass vacuously."""
    assert {"core", "accounts", "directory", "routing", "cases"} <= _project_apps(_loader())


def test_migrations_have_descriptive_names() -> None:
    loader = _loader()
    project_apps = _project_apps(loader)
    automatic = [
        f"{app}.{name}"
        for app, name in loader.disk_migrations
        if app in project_apps and re.search(r"_auto_\d", name)
    ]
    assert automatic == [], "name migrations with makemigrations -n <what it does>"


def test_each_app_has_one_line_of_migrations() -> None:
    loader = _loader()
    leaves = loader.graph.leaf_nodes()
    for app in _project_apps(loader):
        assert len([leaf for leaf in leaves if leaf[0] == app]) == 1, app
