"""`kontaktcenter stats calls`: the options and the JSON others script against (issue 12)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kontaktcenter.telephony.models import Queue
from kontaktcenter.telephony.queue_log_import import import_queue_log

pytestmark = pytest.mark.django_db


def _stats(*arguments: str) -> dict[str, object]:
    out = StringIO()
    call_command("stats", "calls", *arguments, "--json", stdout=out)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


def test_the_json_has_exactly_the_promised_keys(morning_log: Path, traffic_queue: Queue) -> None:
    import_queue_log(morning_log)

    figures = _stats("--from", "2026-03-10", "--to", "2026-03-10")

    assert list(figures) == [
        "offered",
        "answered",
        "abandoned",
        "short_abandoned",
        "answered_within_target",
        "service_level",
        "average_speed_of_answer_seconds",
        "abandon_rate",
    ]


def test_the_target_and_short_abandon_limit_are_options(
    morning_log: Path, traffic_queue: Queue
) -> None:
    import_queue_log(morning_log)

    figures = _stats(
        "--from", "2026-03-10", "--to", "2026-03-10",
        "--target-seconds", "80", "--short-abandon-seconds", "0",
    )  # fmt: skip

    assert (figures["answered_within_target"], figures["short_abandoned"]) == (2, 0)
    assert figures["service_level"] == 0.4


def test_days_are_stockholms_days(tmp_path: Path, traffic_queue: Queue) -> None:
    """00:30 on 11 March in Stockholm is still 10 March in UTC: it counts on the 11th."""
    path = tmp_path / "queue_log"
    path.write_text("1773185400|9.1|tn-trafik|NONE|ENTERQUEUE||0701234567|1\n")
    import_queue_log(path)

    assert _stats("--from", "2026-03-10", "--to", "2026-03-10")["offered"] == 0
    assert _stats("--from", "2026-03-11", "--to", "2026-03-11")["offered"] == 1


def test_another_queue_is_not_counted(morning_log: Path, traffic_queue: Queue) -> None:
    import_queue_log(morning_log)

    assert _stats("--from", "2026-03-10", "--to", "2026-03-10", "--queue", "vaxel")["offered"] == 0


def test_a_period_backwards_or_a_wrong_date_is_refused(db: None) -> None:
    with pytest.raises(CommandError):
        call_command("stats", "calls", "--from", "2026-03-10", "--to", "2026-03-09", "--json")
    with pytest.raises(CommandError):
        call_command("stats", "calls", "--from", "10/3", "--to", "2026-03-09", "--json")
