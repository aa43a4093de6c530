"""An entry's values read the same in the section table and in the snapshot (one display rule)."""

import pytest

from declarations.display import row_cells
from declarations.sections import get_section
from declarations.snapshots import read_section
from declarations.tests.factories import make_qualification, make_work_experience

pytestmark = pytest.mark.django_db


def _snapshot_row(section_key: str, owner) -> list[str]:
    entry = read_section(get_section(section_key), owner)["entries"][0]
    model = get_section(section_key).model
    return [entry["values"][name] for name in model.list_display_fields]


@pytest.mark.parametrize(
    ("key", "make"), [("work-experience", make_work_experience), ("qualifications", make_qualification)]
)
def test_table_cells_and_snapshot_show_the_same_values(applicant, key, make):
    entry = make(applicant)
    assert [cell["text"] for cell in row_cells(entry, truncate=None)] == _snapshot_row(key, applicant)


def test_open_ended_work_experience_reads_until_now_in_both(applicant):
    entry = make_work_experience(applicant, end_date=None)
    position = list(entry.list_display_fields).index("end_date")
    assert row_cells(entry)[position]["text"] == "至今"
    assert _snapshot_row("work-experience", applicant)[position] == "至今"
