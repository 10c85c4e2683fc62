"""The REST API's OpenAPI document, as served at /api/v1/openapi.json and committed in
docs/api/openapi.json (a test fails when the committed copy is stale)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kontaktcenter.api.v1 import api

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"


def openapi_document() -> dict[str, Any]:
    return dict(api.get_openapi_schema())


def openapi_text() -> str:
    return json.dumps(openapi_document(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
