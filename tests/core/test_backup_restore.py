"""The backup script restores into a fresh database and compares the counts (issue 16).

Runs on PostgreSQL only (CI's second pass); the data is committed, because pg_dump is another
process and sees nothing of a test's open transaction.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from kontaktcenter.cases import services
from kontaktcenter.cases.models import AccessPurpose
from tests.cases.files import pdf

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="backups are PostgreSQL's"),
    pytest.mark.django_db(transaction=True),
]


def _scratch_name() -> str:
    return f"{connection.settings_dict['NAME']}_restore_check"


@pytest.fixture
def backed_up(
    tmp_path: Path, make_case, confidential_case, district_officer, traffic_officer
) -> Path:
    case = make_case(subject="Trasig gatlampa på Hornsgatan")
    make_case(subject="Klotter på elskåp i Skärholmen")
    services.attachment_add(actor=traffic_officer, case=case, filename="lampan.pdf", content=pdf())
    services.record_reads(
        actor=district_officer,
        cases=[confidential_case],
        purpose=AccessPurpose.PAGE,
        request_id="req-backup-1",
    )
    folder = tmp_path / "backup"
    call_command("backup", "create", str(folder), stdout=io.StringIO())
    return folder


def test_a_backup_restores_with_every_count_equal(backed_up: Path):
    output = io.StringIO()

    call_command(
        "backup", "verify", str(backed_up), "--scratch-database", _scratch_name(), stdout=output
    )

    lines = output.getvalue().splitlines()
    assert lines[-1].endswith("every count matches")
    compared = {line.split()[0]: line.split()[1:] for line in lines[1:-1]}
    assert compared["cases_case"] == ["3", "3", "ok"]
    assert compared["cases_caseaccess"] == ["1", "1", "ok"]
    assert compared["cases_attachment"] == ["1", "1", "ok"]
    assert "(attachment" in output.getvalue()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [_scratch_name()])
        assert cursor.fetchone() is None, "the scratch database is dropped afterwards"


def test_a_restore_that_differs_from_the_backup_fails_and_says_where(backed_up: Path):
    manifest = json.loads((backed_up / "manifest.json").read_text())
    manifest["tables"]["cases_case"] += 1
    (backed_up / "manifest.json").write_text(json.dumps(manifest))
    output = io.StringIO()

    with pytest.raises(CommandError, match="cases_case"):
        call_command(
            "backup", "verify", str(backed_up), "--scratch-database", _scratch_name(), stdout=output
        )

    assert "cases_case" in output.getvalue()
    assert "DIFFERS" in output.getvalue()


def test_the_database_in_use_is_never_the_restore_target(backed_up: Path):
    with pytest.raises(CommandError, match="never the one in use"):
        call_command(
            "backup",
            "verify",
            str(backed_up),
            "--scratch-database",
            str(connection.settings_dict["NAME"]),
        )
