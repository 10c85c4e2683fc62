"""The report's files open in Swedish Excel as they should: CSV in UTF-8 with a byte-order mark
and semicolons, and nothing in a cell can run as a formula."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from openpyxl import load_workbook

from kontaktcenter.statistics.quality import DeliveredTo, QualityCase, QualityReport
from kontaktcenter.statistics.quality_exports import csv_lines, filename, xlsx_bytes
from kontaktcenter.statistics.selectors import Row
from tests.conftest import STOCKHOLM


def _case(**overrides: object) -> QualityCase:
    values: dict[str, object] = {
        "reference": "KC-2026-000001",
        "received_at": datetime(2026, 3, 9, 23, 30, tzinfo=UTC),
        "closed_at": None,
        "kind": "Complaint",
        "category": "Klagomål; skyltning",
        "channel": "Phone",
        "status": "New",
        "organisation": "Trafikkontoret",
        "delivered_to": (
            DeliveredTo("Synpunktssystemet", "delivered", "Delivered", "SYN-1"),
            DeliveredTo("Registrator", "dead", "Failed for good", ""),
        ),
    }
    values.update(overrides)
    return QualityCase(**values)  # type: ignore[arg-type]


def _report() -> QualityReport:
    return QualityReport(
        organisation_id=7,
        organisation="Trafikkontoret",
        organisation_code="trafikkontoret",
        first_day=date(2026, 2, 9),
        last_day=date(2026, 3, 10),
        organisation_ids=frozenset({7}),
        total=3,
        closed=1,
        confidential=0,
        by_kind=[Row("Complaint", 2), Row("Praise", 1)],
        by_category=[Row("Klagomål", 2), Row("Beröm", 1)],
        by_channel=[Row("Phone", 3)],
        by_status=[Row("New", 2), Row("Closed", 1)],
        by_organisation=[Row("Trafikkontoret", 3)],
        by_delivery=[Row("Delivered", 3)],
    )


def test_the_csv_starts_with_a_byte_order_mark_and_separates_with_semicolons() -> None:
    text = "".join(csv_lines([_case()]))

    assert text.startswith("\ufeffCase;Received;Kind;Category;")
    _header, row = csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";")
    # Stockholm's time; a field holding the separator is quoted, so it stays one field.
    assert row == [
        "KC-2026-000001",
        "2026-03-10 00:30",
        "Complaint",
        "Klagomål; skyltning",
        "Phone",
        "New",
        "",
        "Trafikkontoret",
        "Synpunktssystemet; Registrator",
        "Delivered; Failed for good",
        "SYN-1; –",
    ]
    assert '"Klagomål; skyltning"' in text


def test_text_that_looks_like_a_formula_stays_text() -> None:
    case = _case(category='=HYPERLINK("http://example.com")', reference="+46")
    line = "".join(csv_lines([case])).split("\r\n")[1]
    assert line.startswith("'+46;")
    assert "'=HYPERLINK" in line

    book = load_workbook(io.BytesIO(xlsx_bytes(_report(), [case])))
    row = list(book.worksheets[1][2])
    assert row[3].value == '=HYPERLINK("http://example.com")'
    assert row[3].data_type == "s"


def test_the_workbook_has_a_summary_and_a_case_sheet_with_a_bold_header() -> None:
    book = load_workbook(io.BytesIO(xlsx_bytes(_report(), [_case()])))
    summary, cases = book.worksheets

    assert summary["A1"].value == "Quality report: complaints and feedback"
    facts = {row[0].value: row[1].value for row in summary.iter_rows(min_row=2, max_row=6)}
    assert facts["Complaints and feedback"] == 3
    assert facts["Period"] == "2026-02-09 – 2026-03-10"

    assert [cell.value for cell in cases[1]][:3] == ["Case", "Received", "Kind"]
    assert all(cell.font.b for cell in cases[1])
    assert cases.column_dimensions["A"].width > 10
    assert cases.freeze_panes == "A2"
    # Stockholm's wall-clock time: spreadsheets know no time zones.
    assert cases["B2"].value == datetime(2026, 3, 10, 0, 30, tzinfo=STOCKHOLM).replace(tzinfo=None)
    assert cases["I2"].value == "Synpunktssystemet; Registrator"


def test_the_file_is_named_after_the_organisation_and_period() -> None:
    assert filename(_report(), "csv") == ("quality-report-trafikkontoret-2026-02-09-2026-03-10.csv")
