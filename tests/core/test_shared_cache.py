"""The shared cache works on a freshly migrated database, with no `createcachetable` step."""

from __future__ import annotations

import os

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache


@pytest.mark.django_db
def test_the_database_cache_works_right_after_migrate() -> None:
    if os.environ.get("KONTAKTCENTER_CACHE", "database") != "database":
        pytest.skip("KONTAKTCENTER_CACHE chooses another cache for this run")
    cache = caches["default"]
    assert isinstance(cache, DatabaseCache)

    cache.set("queue-length:trafikkontoret", 12, timeout=60)

    assert cache.get("queue-length:trafikkontoret") == 12
