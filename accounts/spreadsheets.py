"""The cells of every spreadsheet the system writes (XLSX and CSV): what users typed stays text that
spreadsheet software never evaluates (OWASP, CSV injection)."""

from collections.abc import Iterable

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

# A cell starting with one of these is read as a formula or a DDE call by Excel, WPS or LibreOffice
# (the full-width forms too: WPS and Excel turn them into their ASCII forms when a cell is edited).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise(text: str) -> str:
    """OWASP's advice: a leading single quote makes the value plain text in every spreadsheet."""
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def text_cell(sheet: Worksheet, text: str) -> Cell:
    # openpyxl refuses control characters (a crashed export) and stores "=…" as a formula.
    cell = Cell(sheet, value=neutralise(ILLEGAL_CHARACTERS_RE.sub("", text)))
    cell.data_type = "s"
    return cell


def append_row(sheet: Worksheet, values: Iterable[object]) -> None:
    """Append a row: every string becomes a text cell; numbers and dates stay as they are."""
    sheet.append([text_cell(sheet, value) if isinstance(value, str) else value for value in values])


def csv_row(values: Iterable[object]) -> list[str]:
    """A row for `csv.writer`: every value as neutralised text, None as an empty field."""
    return [neutralise("" if value is None else str(value)) for value in values]
