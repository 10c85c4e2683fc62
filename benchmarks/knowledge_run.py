"""One database's knowledge-base benchmark, in its own process (see benchmarks.knowledge)."""

from __future__ import annotations

import os

import django


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kontaktcenter.settings")
    django.setup()
    from benchmarks.knowledge_measure import run  # noqa: PLC0415 - models load after setup()

    run(argv)


if __name__ == "__main__":
    main()
