"""The import is as strict as the editor (issue 17, points 1 and 6): the same cell rules
(text length and characters, number and date ranges), names unique ignoring case and
spacing, and every area keeps a status quo and at least one option. Each refusal names
sheet, row and column and leaves the store unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import duckdb
import pytest

from core import store
from core.excel import export as excel_export, importer as excel_import
from core.excel.safety import ooxml_escape
from core.store import seed
from tests import xlsx_factory as xf


@pytest.fixture(scope="module")
def shared() -> Iterator[tuple[duckdb.DuckDBPyConnection, xf.Sheets, str]]:
    conn = store.connect(":memory:")
    seed.load_seed(conn)
    yield conn, xf.base_sheets(conn), excel_export.store_checksum(conn)
    conn.close()


def _set(sheet: str, header: str, value: object, row: int = 1) -> Callable[[xf.Sheets], None]:
    def make(sheets: xf.Sheets) -> None:
        sheets[sheet][row][xf.column(sheets, sheet, header)] = value

    return make


def _same_name_as_first(variant: Callable[[str], str]) -> Callable[[xf.Sheets], None]:
    def make(sheets: xf.Sheets) -> None:
        column = xf.column(sheets, "Optionen", "Name")
        first = sheets["Optionen"][1][column]
        sheets["Optionen"][2][column] = variant(first)

    return make


def _only_status_quo_pathway(value: str) -> Callable[[xf.Sheets], None]:
    def make(sheets: xf.Sheets) -> None:
        column = xf.column(sheets, "Optionen", "Weg")
        for row in sheets["Optionen"][1:]:
            if row[column] == "Status quo" or row[column] == "status_quo":
                row[column] = value

    return make


# Control characters reach a workbook as Excel's own escape (_x001B_), which openpyxl writes
# and the reader decodes: the file carries them as Excel would.
# Number and date ranges are declared once in core.editing.rules; the import checks them
# column by column (check_ranges, one message per cell naming the range) before the editor's
# remaining field rules run, so those cells are refused with the import's range message.
RANGE = "import_column_range"

CASES = [
    ("annual-cost-1e308", _set("Kosten", "Laufende Kosten p. a. (€)", 1e308), RANGE),
    ("investment-1e300", _set("Kosten", "Einmalinvestition (€)", 1e300), RANGE),
    ("system-cost-1e200", _set("Bestand", "Laufende Kosten p. a. (€)", 1e200), RANGE),
    ("fte-1e9", _set("Kosten", "Personal (VZÄ)", 1e9), RANGE),
    ("name-40000-chars", _set("Optionen", "Name", "N" * 40_000), "edit_too_long"),
    ("description-3000", _set("Optionen", "Beschreibung", "d" * 3_000), "edit_too_long"),
    ("name-with-nul", _set("Optionen", "Name", ooxml_escape("Option\x00A")), "edit_control_chars"),
    ("name-with-esc", _set("Optionen", "Name", ooxml_escape("\x1b[31mRot")), "edit_control_chars"),
    (
        "source-with-esc",
        _set("Kosten", "Quelle", ooxml_escape("Quelle \x1b]0;x\x07")),
        "edit_control_chars",
    ),
    ("item-too-long", _set("Kosten", "Position", "p" * 201), "edit_too_long"),
    ("date-1900", _set("Bewertung", "Bewertet am", "1900-01-01"), RANGE),
    ("date-2200", _set("Bewertung", "Bewertet am", "2200-05-01"), RANGE),
    ("name-case", _same_name_as_first(str.upper), "import_duplicate_option_name_file"),
    ("name-spaces", _same_name_as_first(lambda n: f"  {n.replace(' ', '   ')} "), None),
    ("no-status-quo", _only_status_quo_pathway("standard"), "rule_area_no_status_quo"),
]


@pytest.mark.parametrize(("mutate", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_what_the_editor_refuses_the_import_refuses(shared, mutate, expected) -> None:
    conn, sheets, checksum = shared
    bad = xf.mutated(sheets)
    mutate(bad)
    plan = excel_import.plan_import(conn, xf.build(bad), "streng.xlsx")
    assert not plan.ok
    found = {i.key for i in plan.issues}
    if expected:
        assert expected in found, [i.line() for i in plan.issues][:5]
    located = [
        i for i in plan.issues if i.key.startswith(("edit_", "import_duplicate", "import_column"))
    ]
    for issue in located:
        assert issue.sheet and issue.row and issue.column, issue.line()
    assert excel_export.store_checksum(conn) == checksum


def test_a_file_within_every_rule_is_still_accepted(shared) -> None:
    conn, sheets, _ = shared
    good = xf.mutated(sheets)
    _set("Optionen", "Beschreibung", "Ein Text mit\nZeilenumbruch und Tab\tbleibt erlaubt.")(good)
    plan = excel_import.plan_import(conn, xf.build(good), "gut.xlsx")
    assert plan.ok, [i.line() for i in plan.issues][:5]
