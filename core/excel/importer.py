"""Excel import, step 1: read, validate everything, and preview the change. Nothing is written.

:func:`plan_import` turns an uploaded file into an :class:`ImportPlan`: a German error list
naming sheet, row and column (empty when the file is valid) and the changes it would make –
added, changed, removed per table. :func:`core.excel.apply.apply_plan` writes a valid plan in
one transaction.

What a file means: rows of the data sheets (Bestand, Optionen, Kosten, Bewertung) are added
or replace the row with the same id. Areas listed on the sheet "Importumfang" are replaced
completely – rows of those areas missing from the file are removed. An export lists its
areas there, so exporting, editing and importing works like a round trip; the empty
template lists none, so filling it in only adds and changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from core import i18n, store
from core.errors import CockpitError
from core.excel.checks import (
    MAX_ISSUES,
    Issues,
    check_duplicates,
    check_editor_rules,
    check_honesty,
    check_reference_data,
    check_result,
    check_structure,
)
from core.excel.diff import TABLES, Change, canonical, diff, key_series, store_frames
from core.excel.reader import XlsxFile
from core.excel.rows import Issue, SheetRows, read_sheets
from core.excel.schema import DATA_SHEETS


@dataclass(frozen=True)
class ImportPlan:
    """The validated meaning of a file: issues, or the changes and the resulting tables."""

    file_name: str
    sha256: str
    base_version: int
    scope: tuple[str, ...]
    issues: tuple[Issue, ...]
    changes: tuple[Change, ...] = ()
    result: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def is_noop(self) -> bool:
        return self.ok and not self.changes

    def counts(self) -> dict[str, dict[str, int]]:
        """Per table: how many rows are added, changed and removed."""
        counts = {t: {"added": 0, "changed": 0, "removed": 0} for t in TABLES}
        for change in self.changes:
            counts[change.table][change.action] += 1
        return counts

    def totals(self) -> dict[str, int]:
        totals = {"added": 0, "changed": 0, "removed": 0}
        for change in self.changes:
            totals[change.action] += 1
        return totals


# --- the result: store rows outside the scope, upserted with the file's rows -----------------


def _merge(
    current: pd.DataFrame, incoming: pd.DataFrame, table: str, drop: pd.Series
) -> pd.DataFrame:
    """Rows of ``current`` not dropped and not replaced by ``incoming``, plus ``incoming``."""
    keep = current[~drop.to_numpy()]
    if len(incoming):
        replaced = key_series(keep, table).isin(set(key_series(incoming, table)))
        keep = keep[~replaced.to_numpy()]
    parts = [f for f in (keep, incoming) if len(f)]
    if not parts:
        return current.iloc[0:0].copy()
    return pd.concat(parts, ignore_index=True)


def _line_signature(record: tuple) -> tuple:
    return tuple(None if (not isinstance(v, str) and pd.isna(v)) else v for v in record)


def _match_cost_ids(current: pd.DataFrame, incoming: pd.DataFrame) -> pd.DataFrame:
    """Give each file cost line the id of the stored line it stands for, or none (new line).

    A file's id counts only where the store has that line for the same option (ids of
    another installation must not overwrite unrelated lines). A line without an id takes the
    id of an unclaimed stored line of the same option with identical content, so importing
    the same file twice changes nothing the second time.
    """
    owner = dict(zip(current["id"].astype(int), current["option_id"], strict=True))
    ids = [
        int(i) if not pd.isna(i) and owner.get(int(i)) == o else None
        for i, o in zip(incoming["id"], incoming["option_id"], strict=True)
    ]
    claimed = {i for i in ids if i is not None}
    content = [c for c in incoming.columns if c != "id"]
    free: dict[tuple, list[int]] = {}
    for line_id, record in zip(
        current["id"].astype(int), current[content].itertuples(index=False, name=None), strict=True
    ):
        if line_id not in claimed:
            free.setdefault(_line_signature(record), []).append(line_id)
    for position, record in enumerate(incoming[content].itertuples(index=False, name=None)):
        if ids[position] is None:
            candidates = free.get(_line_signature(record))
            if candidates:
                ids[position] = candidates.pop(0)
    return incoming.assign(id=pd.array(ids, dtype="Int64"))


def _result(
    frames: dict[str, pd.DataFrame], data: dict[str, SheetRows], scope: set[str]
) -> dict[str, pd.DataFrame]:
    """The four tables as they would be after the import."""
    incoming = {s.table: canonical(data[s.table].frame, s) for s in DATA_SHEETS}
    options = frames["options"]
    scoped_options = set(options.loc[options["area"].isin(scope), "id"])
    incoming["cost_lines"] = _match_cost_ids(frames["cost_lines"], incoming["cost_lines"])
    new_lines = incoming["cost_lines"]["id"].isna()
    result = {
        "systems": _merge(
            frames["systems"], incoming["systems"], "systems", frames["systems"]["area"].isin(scope)
        ),
        "options": _merge(options, incoming["options"], "options", options["area"].isin(scope)),
        "assessments": _merge(
            frames["assessments"],
            incoming["assessments"],
            "assessments",
            frames["assessments"]["option_id"].isin(scoped_options),
        ),
    }
    lines = _merge(
        frames["cost_lines"],
        incoming["cost_lines"][~new_lines.to_numpy()],
        "cost_lines",
        frames["cost_lines"]["option_id"].isin(scoped_options),
    )
    added = incoming["cost_lines"][new_lines.to_numpy()]
    result["cost_lines"] = pd.concat(
        [f for f in (lines, added) if len(f)] or [lines], ignore_index=True
    )
    return result


# --- entry point -------------------------------------------------------------------------------


def _failed(name: str, digest: str, version: int, issues: Iterable[Issue]) -> ImportPlan:
    """A plan that cannot be applied; issues sorted by sheet and row, as a reader goes."""
    ordered = sorted(issues, key=lambda i: (i.sheet, i.row if i.row is not None else 0))
    return ImportPlan(name, digest, version, (), tuple(ordered))


def plan_import(
    conn: duckdb.DuckDBPyConnection, data: bytes, file_name: str, lang: str = "de"
) -> ImportPlan:
    """Read and validate ``data``; return the plan (issues, or changes and result tables).

    The reader's budget (:class:`core.excel.reader.Budget`) keeps a hostile file far from
    the machine's memory; should memory still run out, the plan says so in words.
    """
    digest = hashlib.sha256(data).hexdigest()
    version = store.data_version(conn)[0]
    try:
        return _plan(conn, data, file_name, lang, digest, version)
    except MemoryError:
        issue = Issue("", None, None, "import_out_of_memory", {})
        return _failed(file_name, digest, version, [issue])


def _plan(
    conn: duckdb.DuckDBPyConnection,
    data: bytes,
    file_name: str,
    lang: str,
    digest: str,
    version: int,
) -> ImportPlan:
    try:
        workbook = XlsxFile(data)
        sheets, issues_found = read_sheets(workbook, lang)
    except CockpitError as exc:
        return _failed(file_name, digest, version, [Issue("", None, None, exc.key, exc.params)])
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - untrusted bytes: any parser failure means "damaged"
        issue = Issue("", None, None, "import_bad_xml", {"part": type(exc).__name__})
        return _failed(file_name, digest, version, [issue])
    issues = Issues(issues_found[:MAX_ISSUES])
    if issues and any(i.key in ("import_missing_sheet", "import_missing_column") for i in issues):
        return _failed(file_name, digest, version, issues)
    criteria = store.criteria(conn)
    areas = set(store.area_slugs(conn))
    check_duplicates(sheets["systems"], issues, ("id",), "import_duplicate_id")
    check_duplicates(sheets["options"], issues, ("id",), "import_duplicate_id")
    check_duplicates(
        sheets["options"], issues, ("area", "name"), "import_duplicate_option_name_file"
    )
    check_duplicates(sheets["cost_lines"], issues, ("id",), "import_duplicate_id")
    check_duplicates(
        sheets["assessments"], issues, ("option_id", "criterion"), "import_duplicate_assessment"
    )
    check_reference_data(sheets, areas, criteria, issues, lang)
    check_honesty(sheets, issues)
    check_editor_rules(sheets, issues)
    if not any(len(sheets[t].frame) for t in TABLES):
        issues.add("", None, None, "import_no_rows")
    scope = tuple(sorted(set(sheets["scope"].frame["area"].dropna()) & areas))
    if issues:
        return _failed(file_name, digest, version, issues)
    frames = store_frames(conn)
    result = _result(frames, sheets, set(scope))
    check_result(result, sheets, criteria, issues)
    check_structure(result, sheets, areas, issues)
    if issues:
        return _failed(file_name, digest, version, issues)
    return ImportPlan(file_name, digest, version, scope, (), tuple(diff(frames, result)), result)


# --- tables for people (the Daten page, reports) ------------------------------------------------


def issue_table(plan: ImportPlan, lang: str = "de") -> pd.DataFrame:
    """The issues as a table: sheet, row, column, message (headers in ``lang``)."""
    return pd.DataFrame(
        {
            i18n.t("data_col_sheet", lang): [i.sheet for i in plan.issues],
            i18n.t("data_col_row", lang): [
                "" if i.row is None else str(i.row) for i in plan.issues
            ],
            i18n.t("data_col_column", lang): [i.column or "" for i in plan.issues],
            i18n.t("data_col_message", lang): [i.message(lang) for i in plan.issues],
        }
    )


def change_table(plan: ImportPlan, lang: str = "de") -> pd.DataFrame:
    """The preview as a table: sheet, change (added/changed/removed), id, label, fields;
    removed rows first, because they need a decision of their own."""
    changes = sorted(plan.changes, key=lambda c: c.action != "removed")
    titles = {s.table: s.title(lang) for s in DATA_SHEETS}
    headers = {s.table: {c.key: c.header(lang) for c in s.columns} for s in DATA_SHEETS}
    return pd.DataFrame(
        {
            i18n.t("data_col_table", lang): [titles[c.table] for c in changes],
            i18n.t("data_col_action", lang): [
                i18n.t(f"data_action_{c.action}", lang) for c in changes
            ],
            i18n.t("data_col_key", lang): [c.key for c in changes],
            i18n.t("data_col_label", lang): [c.label for c in changes],
            i18n.t("data_col_fields", lang): [
                ", ".join(headers[c.table].get(f, f) for f in c.fields) for c in changes
            ],
        }
    )
