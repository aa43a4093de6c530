"""The cells of every spreadsheet the system writes (XLSX and CSV): what users typed stays text that
spreadsheet software never evaluates (OWASP, CSV injection)."""

import datetime
import unicodedata
from collections.abc import Iterable

from django.utils import timezone
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# A cell starting with one of these is read as a formula or a DDE call by Excel, WPS or LibreOffice
# (the full-width forms too: WPS and Excel turn them into their ASCII forms when a cell is edited).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise(text: str) -> str:
    """OWASP's advice: a leading single quote makes the value plain text in every spreadsheet."""
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def _cell_text(text: str) -> str:
    # openpyxl refuses control characters: one in a name would crash the whole export.
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", text))


def text_cell(sheet: Worksheet, text: str) -> Cell:
    cell = Cell(sheet, value=_cell_text(text))
    cell.data_type = "s"
    return cell


DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"


def _datetime_cell(sheet: Worksheet, value: datetime.date) -> Cell:
    # Spreadsheets know no time zones: a moment is written as China's wall-clock time, a real
    # date-time value that sorts and filters, shown as 2026-03-05 14:30.
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value, timezone.get_default_timezone())
        cell = Cell(sheet, value=value)
        cell.number_format = DATETIME_FORMAT
    else:
        cell = Cell(sheet, value=value)
        cell.number_format = DATE_FORMAT
    return cell


def _cell(sheet: Worksheet, value: object) -> object:
    if isinstance(value, str):
        return text_cell(sheet, value)
    if isinstance(value, datetime.date):
        return _datetime_cell(sheet, value)
    return value


def append_row(sheet: Worksheet, values: Iterable[object]) -> None:
    """Append a row: every string becomes a text cell, dates and moments real date cells (in
    China's time), numbers stay numbers."""
    sheet.append([_cell(sheet, value) for value in values])


def _display_width(value: object) -> int:
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    text = "" if value is None else str(value)
    longest_line = max(text.splitlines() or [""], key=len)
    # A Chinese character takes two columns of a Latin one.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest_line)


def finish_sheet(sheet: Worksheet, frozen: str = "A2", max_width: int = 60) -> None:
    """A header row in bold that stays in view and filters, and columns as wide as their content
    (up to `max_width`, longer text wraps)."""
    from openpyxl.styles import Alignment, Font

    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = frozen
    if sheet.max_row > 1 or sheet.max_column > 1:
        sheet.auto_filter.ref = sheet.dimensions
    for column in sheet.iter_cols():
        width = max((_display_width(cell.value) for cell in column), default=0)
        sheet.column_dimensions[get_column_letter(column[0].column)].width = min(max(width + 2, 6), max_width)
        if width > max_width:
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def csv_row(values: Iterable[object]) -> list[str]:
    """A row for `csv.writer`: every value as neutralised text, None as an empty field."""
    return [neutralise("" if value is None else str(value)) for value in values]


class FormulaSafeExportMixin:
    """Put before Wagtail's `SpreadsheetExportMixin` (a viewset's or modeladmin's `list_export`),
    whose CSV writes text as it is and whose XLSX keeps a leading `=`."""

    def preprocess_field_value(self, field: str, value: object, export_format: str) -> object:
        value = super().preprocess_field_value(field, value, export_format)
        return _cell_text(value) if isinstance(value, str) else value
