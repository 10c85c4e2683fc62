"""schemathesis against the served OpenAPI document: no server error, no response outside the
schema, and with a second organisation's key nothing of the first organisation's cases.

The run is bounded (a fixed number of examples per operation and a fixed seed) so it takes
about a minute. By hand, against a running server:

    schemathesis run http://127.0.0.1:8000/api/v1/openapi.json -H "Authorization: Bearer KEY" \\
        --checks not_a_server_error,response_schema_conformance,content_type_conformance \\
        --max-examples 15 --seed 311
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kontaktcenter.cases.models import Case

pytestmark = pytest.mark.django_db(transaction=True)

CHECKS = "not_a_server_error,response_schema_conformance,content_type_conformance"
MAX_EXAMPLES = "15"


def run_schemathesis(base: str, key: str, *, foreign: list[str]) -> str:
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "run",
        f"{base}/api/v1/openapi.json",
        "--header",
        f"Authorization: Bearer {key}",
        "--checks",
        CHECKS + (",reads_no_foreign_case" if foreign else ""),
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        "311",
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--no-color",
        "--phases",
        "examples,coverage,fuzzing",
    ]
    environment = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks",
        "KC_FOREIGN_REFERENCES": ",".join(foreign),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    finished = subprocess.run(  # noqa: S603 - our own virtual environment's program
        command, capture_output=True, text=True, env=environment, timeout=300, check=False
    )
    output = finished.stdout + finished.stderr
    assert finished.returncode == 0, output
    return output


def generated(output: str) -> int:
    match = re.search(r"Test cases:\s*(\d+) generated", output)
    assert match, output
    return int(match.group(1))


@pytest.fixture
def traffic_cases(make_case) -> list[str]:
    return [make_case(subject=f"Gatlampa {n}").reference for n in range(3)]


def test_with_a_valid_key_no_server_error_and_no_response_outside_the_schema(
    api_server, felanmalan, traffic_cases, settings
):
    settings.API_RATE_LIMIT_PER_MINUTE = 100_000

    output = run_schemathesis(api_server, felanmalan.secret, foreign=[])

    print(f"schemathesis, Trafikkontoret's key: {generated(output)} test cases")  # noqa: T201
    assert Case.objects.filter(reference__in=traffic_cases).count() == 3


def test_with_another_organisations_key_nothing_of_the_first_is_read(
    api_server, jarva_system, traffic_cases, settings
):
    settings.API_RATE_LIMIT_PER_MINUTE = 100_000

    output = run_schemathesis(api_server, jarva_system.secret, foreign=traffic_cases)

    print(f"schemathesis, Järva's key: {generated(output)} test cases")  # noqa: T201
