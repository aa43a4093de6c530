"""Every spreadsheet the system writes goes through `accounts.spreadsheets`: a module of ours that
writes XLSX or CSV (openpyxl, the csv module, Wagtail's `list_export` without
`FormulaSafeExportMixin`) without it fails here."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("accounts", "home", "declarations", "review", "search", "workdays", "config", "demo")
HELPER = ROOT / "accounts" / "spreadsheets.py"
WRITERS = re.compile(
    r"^\s*(?:import|from)\s+(?:openpyxl|csv|xlsxwriter)\b|\blist_export\b|SpreadsheetExportMixin", re.MULTILINE
)
USES_HELPER = re.compile(r"^\s*from accounts(?:\.spreadsheets import|\s+import\s+.*\bspreadsheets\b)", re.MULTILINE)


def _sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts or path == HELPER:
                continue
            yield path


def test_every_spreadsheet_writer_uses_the_safe_cells():
    writers = {path for path in _sources() if WRITERS.search(path.read_text(encoding="utf-8"))}
    assert ROOT / "review" / "export.py" in writers
    offenders = [str(p.relative_to(ROOT)) for p in writers if not USES_HELPER.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_patterns_catch_what_they_are_meant_to():
    for line in ("from openpyxl import Workbook", "import csv", "    list_export = ['real_name']"):
        assert WRITERS.search(line), line
    assert USES_HELPER.search("from accounts.spreadsheets import append_row")
    assert not WRITERS.search("# the csv export")
