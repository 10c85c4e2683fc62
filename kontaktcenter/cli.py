"""The `kontaktcenter` command: every Django management command plus `demo`, `serve`.

kontaktcenter demo            load the Stockholm demo data if missing, then serve
kontaktcenter demo --no-serve only load it
kontaktcenter serve           serve the application with waitress
kontaktcenter migrate         (and every other management command)

A setting that cannot be used stops the command with one line naming the variable.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kontaktcenter.settings")
    from django.core.management import execute_from_command_line

    from kontaktcenter.core.directories import prepare_directories
    from kontaktcenter.core.env import ConfigurationError

    try:
        # Loads the settings, then makes the data folders before any command opens SQLite.
        prepare_directories()
    except ConfigurationError as error:
        sys.exit(f"kontaktcenter: {error}")
    execute_from_command_line(["kontaktcenter", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
