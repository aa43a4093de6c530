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


def _cell_text(text: str) -> str:
    # openpyxl refuses control characters: one in a name would crash the whole export.
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", text))


def text_cell(sheet: Worksheet, text: str) -> Cell:
    cell = Cell(sheet, value=_cell_text(text))
    cell.data_type = "s"
    return cell


def append_row(sheet: Worksheet, values: Iterable[object]) -> None:
    """Append a row: every string becomes a text cell; numbers and dates stay as they are."""
    sheet.append([text_cell(sheet, value) if isinstance(value, str) else value for value in values])


def csv_row(values: Iterable[object]) -> list[str]:
    """A row for `csv.writer`: every value as neutralised text, None as an empty field."""
    return [neutralise("" if value is None else str(value)) for value in values]


class FormulaSafeExportMixin:
    """Put before Wagtail's `SpreadsheetExportMixin` (a viewset's or modeladmin's `list_export`),
    whose CSV writes text as it is and whose XLSX keeps a leading `=`."""

    def preprocess_field_value(self, field: str, value: object, export_format: str) -> object:
        value = super().preprocess_field_value(field, value, export_format)
        return _cell_text(value) if isinstance(value, str) else value
