"""The statistics page's tables as files: one CSV (the tables one after another) and an XLSX
workbook with a sheet per table. Pure formatting; the CSV conventions (BOM, `;`, no formulas)
are those of the quality report's export (quality_exports.py).

A suppressed count (issue 16, item 5) is written as "<5", never as its number.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook

from kontaktcenter.statistics.quality_exports import (
    BOM,
    CSV_DELIMITER,
    XLSX_CONTENT_TYPE,
    plain_text,
    sheet_cell,
    sheet_title,
)
from kontaktcenter.statistics.selectors import ContactPatterns, PeriodStatistics, Row

SUPPRESSED = "<5"
__all__ = ["XLSX_CONTENT_TYPE", "csv_text", "filename", "tables", "xlsx_bytes"]

Value = str | int


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[Value]]


def _count(row: Row) -> Value:
    return SUPPRESSED if row.count is None else row.count


def _counts(title: str, dimension: str, rows: list[Row]) -> Table:
    return Table(title, [dimension, _("Count")], [[row.label, _count(row)] for row in rows])


def tables(stats: PeriodStatistics, patterns: ContactPatterns) -> list[Table]:
    """Every table on the statistics page, in the page's order."""
    hours = [str(hour) for hour in range(24)]
    weekdays = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]
    return [
        Table(
            _("Contacts per day"),
            [_("Day"), _("Count")],
            [[day.isoformat(), count] for day, count in patterns.by_day],
        ),
        Table(
            _("Contacts by weekday and hour"),
            [_("Weekday"), *hours],
            [
                [weekday, *counts]
                for weekday, counts in zip(weekdays, patterns.by_weekday_and_hour, strict=True)
            ],
        ),
        _counts(_("Contacts by channel"), _("Channel"), stats.contacts_by_channel),
        _counts(_("Contacts by outcome"), _("Outcome"), stats.contacts_by_outcome),
        _counts(_("Cases by category"), _("Category"), stats.cases_by_category),
        _counts(_("Cases by organisation"), _("Organisation"), stats.cases_by_organisation),
        _counts(_("Cases by channel"), _("Channel"), stats.cases_by_channel),
    ]


def _cell_text(value: Value) -> Value:
    return plain_text(value) if isinstance(value, str) else value


def csv_text(all_tables: list[Table]) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    for index, table in enumerate(all_tables):
        if index:
            writer.writerow([])
        writer.writerow([plain_text(table.title)])
        writer.writerow(table.header)
        writer.writerows([_cell_text(value) for value in row] for row in table.rows)
    return out.getvalue()


def xlsx_bytes(all_tables: list[Table]) -> bytes:
    """A sheet per table; text cells typed as text, so "=…" never becomes a formula."""
    workbook = Workbook(write_only=True)
    for table in all_tables:
        sheet = workbook.create_sheet(sheet_title(table.title))
        sheet.append([sheet_cell(sheet, text, bold=True) for text in table.header])
        for row in table.rows:
            sheet.append([sheet_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filename(first_day: date, last_day: date, extension: str) -> str:
    return f"statistik-{first_day.isoformat()}-{last_day.isoformat()}.{extension}"
