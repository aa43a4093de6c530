import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from accounts.spreadsheets import FORMULA_TRIGGERS, append_row, csv_row, neutralise


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
