"""Rules across rows that every way of changing data obeys: the editor, the Excel import and
the CLI (which imports through the importer).

- **Names are unique per area, ignoring case and spacing**: "Option A", " option  a " and
  "OPTION A" are one name (:func:`name_key`).
- **Every area keeps a status quo and at least one option**: an edit, a removal or an import
  that would leave an area without an active option, or without an active option on the
  status-quo pathway, is refused (:func:`area_problems`).

Cell rules (text length, control characters, number ranges, date ranges) are the editor's
:class:`~core.editing.validation.Field` declarations in :data:`core.editing.edits.SPECS`;
the importer applies them through :func:`core.editing.validation.clean` (see
:func:`core.excel.checks.check_editor_rules`).
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pandas as pd

from core.errors import InputError

STATUS_QUO = "status_quo"


def name_key(text: object) -> str:
    """The form in which two names are compared: case folded, runs of spaces as one."""
    return " ".join(str(text).split()).casefold()


def area_problems(options: pd.DataFrame, areas: Iterable[str]) -> list[tuple[str, str]]:
    """(area, message key) for each of ``areas`` that the active ``options`` leave without
    an option (``rule_area_no_option``) or without a status quo (``rule_area_no_status_quo``).

    ``options`` has the columns ``area`` and ``pathway`` (active rows only).
    """
    problems: list[tuple[str, str]] = []
    for area in sorted(set(areas)):
        mine = options.loc[options["area"] == area, "pathway"]
        if mine.empty:
            problems.append((area, "rule_area_no_option"))
        elif not (mine == STATUS_QUO).any():
            problems.append((area, "rule_area_no_status_quo"))
    return problems


def active_options(conn: duckdb.DuckDBPyConnection, area: str) -> pd.DataFrame:
    return conn.execute(
        "SELECT id, area, pathway, name FROM options WHERE area = ? AND removed_at IS NULL",
        [area],
    ).df()


def require_area_structure(conn: duckdb.DuckDBPyConnection, area: str) -> None:
    """Raise the first structural problem of ``area`` as it stands in the open transaction."""
    for _area, key in area_problems(active_options(conn, area), [area]):
        raise InputError(key, area=area)


def check_option_name_free(
    conn: duckdb.DuckDBPyConnection, area: str, name: str, option_id: str | None
) -> None:
    """No other active option of ``area`` has ``name`` (ignoring case and spacing)."""
    wanted = name_key(name)
    for other, other_name in conn.execute(
        "SELECT id, name FROM options WHERE area = ? AND removed_at IS NULL"
        " AND id IS DISTINCT FROM ?",
        [area, option_id],
    ).fetchall():
        if name_key(other_name) == wanted:
            raise InputError("edit_name_taken", name=name, other=other)
