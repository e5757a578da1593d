"""The rows an editor sees: per table and area, key and context columns plus editable fields.

Read fresh from the store (not cached): the loaded values are the baseline of the optimistic
concurrency check in :mod:`core.editing.edits`, so they must be exactly what was stored.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from core.editing import english
from core.editing.edits import SPECS

ENTITIES = ("options", "cost_lines", "assessments", "systems", "sources", "criteria")

_ALIAS = {
    "systems": "s",
    "options": "o",
    "cost_lines": "c",
    "assessments": "s",
    "criteria": "c",
    "sources": "q",
}
_SQL = {
    "systems": """
        SELECT s.id, s.area, {fields} FROM systems s
        WHERE s.area = ? ORDER BY s.name, s.id""",
    "options": """
        SELECT o.id, o.area, o.replaces_system, {fields} FROM options o
        WHERE o.removed_at IS NULL AND o.area = ?
        ORDER BY CASE o.pathway WHEN 'status_quo' THEN 0 WHEN 'standard' THEN 1
                 WHEN 'best_practice' THEN 2 ELSE 3 END, o.name, o.id""",
    "cost_lines": """
        SELECT c.id, c.option_id, o.name AS option_name, {fields} FROM cost_lines c
        JOIN options o ON o.id = c.option_id
        WHERE c.removed_at IS NULL AND o.removed_at IS NULL AND o.area = ?
        ORDER BY o.name, c.id""",
    "assessments": """
        SELECT s.option_id, s.criterion, o.name AS option_name, k.label_de AS criterion_label,
               k.min_value AS range_min, k.max_value AS range_max, {fields}
        FROM assessments s JOIN options o ON o.id = s.option_id
        JOIN criteria k ON k.key = s.criterion
        WHERE s.removed_at IS NULL AND o.removed_at IS NULL AND k.removed_at IS NULL
          AND o.area = ?
        ORDER BY o.name, k.sort_order, k.key""",
    "sources": """
        SELECT q.id, {fields} FROM sources q
        WHERE q.removed_at IS NULL ORDER BY q.title, q.id""",
    "criteria": """
        SELECT c.key, c.derived_from, {fields} FROM criteria c
        WHERE c.removed_at IS NULL
        ORDER BY CASE c.grp WHEN 'cost' THEN 0 WHEN 'citizen_value' THEN 1 ELSE 2 END,
                 c.sort_order, c.key""",
}


def frame(conn: duckdb.DuckDBPyConnection, entity: str, area: str | None) -> pd.DataFrame:
    """The editable rows of ``entity`` in ``area`` (criteria, sources: all), in display order."""
    spec = SPECS[entity]
    fields = ", ".join(f'{_ALIAS[entity]}."{f.name}"' for f in spec.fields)
    sql = _SQL[entity].format(fields=fields)
    params = [] if entity in ("criteria", "sources") else [area]
    result = conn.execute(sql, params).df()  # noqa: S608 - column names from SPECS
    if entity == "assessments":
        result["assessed_on"] = pd.to_datetime(result["assessed_on"]).dt.date
    return english.add_columns(conn, entity, result.reset_index(drop=True))


def read_only_columns(entity: str, columns: list[str]) -> list[str]:
    """Columns shown but not editable (keys, links, context)."""
    editable = {f.name for f in SPECS[entity].fields} | set(english.columns(entity))
    return [c for c in columns if c not in editable]


def row_key(entity: str, row: pd.Series) -> tuple[object, ...]:
    """The key tuple of a displayed row (cost line ids as int)."""
    key = tuple(row[k] for k in SPECS[entity].key)
    return tuple(int(k) if entity == "cost_lines" else k for k in key)


def loaded_values(entity: str, row: pd.Series) -> dict[str, object]:
    """The editable fields of a displayed row (English columns too), as loaded."""
    names = [f.name for f in SPECS[entity].fields] + list(english.columns(entity))
    return {name: row[name] for name in names if name in row.index}
