from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client


@pytest.fixture
def client() -> Client:
    """A resident's browser asking for English, so pages are matched in English."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture(autouse=True)
def _fresh_rate_limits(db: None) -> None:
    """The rate limits live in the shared cache, which outlives a test's transaction."""
    cache.clear()
