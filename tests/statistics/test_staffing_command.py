"""`kontaktcenter staffing … --json` prints exactly the promised keys (issue 13)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def staffing(*arguments: str) -> dict[str, object]:
    out = StringIO()
    call_command("staffing", *arguments, "--json", stdout=out)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


def test_erlang_c_reference_case() -> None:
    assert staffing(
        "--calls-per-hour", "200", "--aht-seconds", "180",
        "--target-level", "0.8", "--target-seconds", "20",
    ) == {
        "agents": 14,
        "service_level": 0.8884,
        "average_speed_of_answer_seconds": 7.8,
        "occupancy": 0.7143,
    }  # fmt: skip


def test_with_a_patience_callers_hang_up_and_fewer_agents_reach_the_target() -> None:
    result = staffing(
        "--calls-per-hour", "200", "--aht-seconds", "180",
        "--target-level", "0.8", "--target-seconds", "20", "--patience-seconds", "120",
    )  # fmt: skip
    assert set(result) == {
        "agents",
        "service_level",
        "average_speed_of_answer_seconds",
        "occupancy",
    }
    assert result["agents"] == 12
    assert isinstance(result["service_level"], float)
    assert result["service_level"] >= 0.8


@pytest.mark.parametrize(
    "wrong",
    [
        ("--target-level", "80"),
        ("--aht-seconds", "0"),
        ("--patience-seconds", "-5"),
    ],
)
def test_impossible_input_is_refused_with_a_message(wrong: tuple[str, str]) -> None:
    options = {
        "--calls-per-hour": "200",
        "--aht-seconds": "180",
        "--target-level": "0.8",
        "--target-seconds": "20",
    }
    options[wrong[0]] = wrong[1]
    with pytest.raises(CommandError):
        staffing(*[part for pair in options.items() for part in pair])
