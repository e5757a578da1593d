"""Plausible ranges are declared once: the editor's fields and the Excel import's columns carry
exactly the bounds of core/editing/rules.py."""

from __future__ import annotations

from core.editing import rules
from core.editing.edits import SPECS
from core.excel.schema import DATA_SHEETS


def test_editor_and_import_use_the_one_declaration() -> None:
    columns = {(s.table, c.key): c for s in DATA_SHEETS for c in s.columns}
    checked = 0
    for (table, column), name in rules.COLUMN_RANGES.items():
        expected = (rules.RANGES[name].low, rules.RANGES[name].high)
        field = SPECS[table].by_name.get(column) if table in SPECS else None
        if field is not None:
            assert (field.minimum, field.maximum) == expected, (table, column)
            checked += 1
        if (table, column) in columns:
            spec = columns[(table, column)]
            assert (spec.minimum, spec.maximum) == expected, (table, column)
            checked += 1
    assert checked >= 15


def test_the_issue_s_ranges() -> None:
    assert rules.bounds("cost_lines", "investment_eur") == (0, 1e9)
    assert rules.bounds("cost_lines", "staff_fte") == (0, 1_000)
    assert rules.bounds("systems", "in_use_since") == (1990, 2100)
    assert rules.bounds("options", "name") == (None, None)
