"""One database's benchmark, run in its own process by `benchmarks.run`.

The database is chosen by the environment (DATABASE_URL, or SQLite under KONTAKTCENTER_DATA_DIR)
before Django loads, which is why each database gets a process of its own. The process migrates
an empty database, builds the organisation, generates the history, measures (benchmarks.measure),
and writes what it measured as JSON to the path given by --json-out.
"""

from __future__ import annotations

import os

import django


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kontaktcenter.settings")
    django.setup()
    from benchmarks.measure import run  # noqa: PLC0415 - models load only after setup()

    run(argv)


if __name__ == "__main__":
    main()
