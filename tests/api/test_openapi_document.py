"""The OpenAPI document: served at /api/v1/openapi.json and committed in docs/api/."""

from __future__ import annotations

import json

import pytest

from kontaktcenter.api.document import COMMITTED, openapi_text


def test_the_committed_document_is_the_one_the_code_makes():
    """When this fails, run `kontaktcenter openapi` and commit docs/api/openapi.json
    (and add a line to docs/api-changelog.md)."""
    assert COMMITTED.read_text(encoding="utf-8") == openapi_text()


@pytest.mark.django_db
def test_the_served_document_is_the_committed_one(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response.json() == json.loads(COMMITTED.read_text(encoding="utf-8"))


def test_the_document_says_how_to_authenticate_and_describes_case_creation():
    document = json.loads(COMMITTED.read_text(encoding="utf-8"))

    assert document["openapi"].startswith("3.")
    schemes = document["components"]["securitySchemes"]
    assert next(iter(schemes.values())) == {"type": "http", "scheme": "bearer"}
    create = document["paths"]["/api/v1/cases"]["post"]
    assert "201" in create["responses"]
    assert document["components"]["schemas"]["CaseIn"]["required"] == ["category", "subject"]
