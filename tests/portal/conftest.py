from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def client() -> Client:
    """A resident's browser that asks for English, so pages are matched in English."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")
