from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def client() -> Client:
    """A browser that asks for English, so pages are matched in English like messages are."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")
