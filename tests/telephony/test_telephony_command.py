"""`kontaktcenter telephony import-queue-log FILE` and `telephony unknown`."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def _run(*arguments: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("telephony", *arguments, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_importing_twice_says_nothing_new_the_second_time(morning_log: Path) -> None:
    first, _ = _run("import-queue-log", str(morning_log))
    second, _ = _run("import-queue-log", str(morning_log))

    assert "14 new events" in first
    assert "events/s" in first
    assert "0 lines read: 0 new events" in second


def test_names_the_pbx_sent_that_are_not_configured_are_reported(morning_log: Path) -> None:
    _out, warnings = _run("import-queue-log", str(morning_log))
    listed, _ = _run("unknown")

    assert "Queues not configured (kept, reported): tn-trafik" in warnings
    assert "tn-trafik" in listed
    assert "PJSIP/3001" in listed


def test_a_file_that_cannot_be_read_stops_with_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        _run("import-queue-log", str(tmp_path / "missing"))


def test_the_ami_listener_needs_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KONTAKTCENTER_AMI_SECRET", raising=False)
    with pytest.raises(CommandError, match="KONTAKTCENTER_AMI_SECRET"):
        _run("ami", "--username", "kontaktcenter")
