"""The quality report as files: CSV for Swedish Excel and an XLSX workbook.

Pure formatting: these functions take the report and its rows (`statistics.quality`) and
never read the database. Labels are in the active language; times are Stockholm's.

CSV: UTF-8 with a byte-order mark, or Excel reads å, ä and ö as two characters each, and `;`
between fields, which is what Excel expects where the decimal separator is a comma.
Text that a spreadsheet would run as a formula (=, +, -, @ first) is made plain text, in the
CSV with a leading apostrophe, in the workbook by its cell type: a category or an answer from a
receiving system must never execute on an analyst's computer.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell as SheetCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from kontaktcenter.statistics.quality import QualityCase, QualityReport
    from kontaktcenter.statistics.selectors import Row

CSV_DELIMITER = ";"
BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TIME_FORMAT = "%Y-%m-%d %H:%M"
XLSX_TIME_FORMAT = "yyyy-mm-dd hh:mm"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Cell = str | int | datetime | None


def filename(report: QualityReport, extension: str) -> str:
    """e.g. kvalitetsrapport-trafikkontoret-2026-02-09-2026-03-10.csv"""
    name = slugify(_("quality report")) or "quality-report"
    return (
        f"{name}-{slugify(report.organisation_code) or report.organisation_id}-"
        f"{report.first_day.isoformat()}-{report.last_day.isoformat()}.{extension}"
    )


def local(moment: datetime | None) -> datetime | None:
    """A moment as Stockholm's wall-clock time, without a zone (spreadsheets have none)."""
    return None if moment is None else timezone.localtime(moment).replace(tzinfo=None)


def plain_text(text: str) -> str:
    """Text a spreadsheet will show rather than calculate."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


# --- the rows ---------------------------------------------------------------------------------


def case_headers() -> list[str]:
    return [
        _("Case"),
        _("Received"),
        _("Kind"),
        _("Category"),
        _("Channel"),
        _("Status"),
        _("Closed"),
        _("Organisation"),
        _("Delivered to"),
        _("Delivery status"),
        _("Receiver's reference"),
    ]


# Characters wide, column by column, in the workbook.
CASE_WIDTHS = (18, 17, 14, 34, 16, 24, 17, 32, 34, 24, 24)
DESTINATION_SEPARATOR = "; "


def case_cells(case: QualityCase) -> list[Cell]:
    """One case as cells: times as datetimes, several receivers joined in one cell each."""
    destinations = case.delivered_to
    return [
        case.reference,
        local(case.received_at),
        case.kind,
        case.category,
        case.channel,
        case.status,
        local(case.closed_at),
        case.organisation,
        DESTINATION_SEPARATOR.join(d.endpoint for d in destinations),
        DESTINATION_SEPARATOR.join(d.status_label for d in destinations),
        DESTINATION_SEPARATOR.join(d.reference or "–" for d in destinations),
    ]


def summary_tables(report: QualityReport) -> list[tuple[str, str, list[Row]]]:
    """(title, what the rows are, rows) for each breakdown of the figures."""
    return [
        (_("By kind"), _("Kind"), report.by_kind),
        (_("By category"), _("Category"), report.by_category),
        (_("By channel"), _("Channel"), report.by_channel),
        (_("By status"), _("Status"), report.by_status),
        (_("By delivery"), _("Delivery"), report.by_delivery),
        (_("By organisation"), _("Organisation"), report.by_organisation),
    ]


def summary_facts(report: QualityReport) -> list[tuple[str, Cell]]:
    return [
        (_("Organisation"), report.organisation),
        (_("Period"), f"{report.first_day.isoformat()} – {report.last_day.isoformat()}"),
        (_("Complaints and feedback"), report.total),
        (_("Closed"), report.closed),
        (_("Confidential, counted but not listed"), report.confidential),
    ]


# --- CSV --------------------------------------------------------------------------------------


def _csv_value(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(TIME_FORMAT)
    if isinstance(value, int):
        return str(value)
    return plain_text(value)


def csv_lines(cases: Iterable[QualityCase]) -> Iterator[str]:
    """The cases as CSV text, a line at a time (for a streamed download), BOM first.

    The header is made at the call, in the language active then; the rest as it is read.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")

    def line(values: Iterable[Cell]) -> str:
        writer.writerow([_csv_value(value) for value in values])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    header = BOM + line(case_headers())

    def lines() -> Iterator[str]:
        yield header
        for case in cases:
            yield line(case_cells(case))

    return lines()


# --- XLSX -------------------------------------------------------------------------------------

_BOLD = Font(bold=True)


def sheet_cell(sheet: WriteOnlyWorksheet, value: Cell, *, bold: bool = False) -> SheetCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # Set after the value: openpyxl would otherwise store "=…" as a formula.
        cell.data_type = "s"
    if isinstance(value, datetime):
        cell.number_format = XLSX_TIME_FORMAT
    if bold:
        cell.font = _BOLD
    return cell


def sheet_title(text: str) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet's name.
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in text)
    return cleaned[:31]


def xlsx_bytes(report: QualityReport, cases: Iterable[QualityCase]) -> bytes:
    """A workbook with the figures on one sheet and the cases on another. Written row by row
    (openpyxl's write-only mode), so a long period does not hold every cell in memory."""
    book = Workbook(write_only=True)

    summary = book.create_sheet(sheet_title(_("Summary")))
    summary.column_dimensions["A"].width = 44
    summary.column_dimensions["B"].width = 14
    summary.append([sheet_cell(summary, _("Quality report: complaints and feedback"), bold=True)])
    for label, value in summary_facts(report):
        summary.append([sheet_cell(summary, label, bold=True), sheet_cell(summary, value)])
    for title, dimension, rows in summary_tables(report):
        summary.append([])
        summary.append([sheet_cell(summary, title, bold=True)])
        summary.append(
            [sheet_cell(summary, dimension, bold=True), sheet_cell(summary, _("Cases"), bold=True)]
        )
        for row in rows:
            summary.append([sheet_cell(summary, row.label), sheet_cell(summary, row.count)])

    sheet = book.create_sheet(sheet_title(_("Cases")))
    for index, width in enumerate(CASE_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([sheet_cell(sheet, header, bold=True) for header in case_headers()])
    for case in cases:
        sheet.append([sheet_cell(sheet, value) for value in case_cells(case)])

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
