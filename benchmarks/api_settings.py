"""The application's settings with the floor view's URLs added (benchmarks.api_floor)."""

from kontaktcenter.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.api_floor"
