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
from core.excel import base as excel_base
from core.excel.checks import (
    MAX_ISSUES,
    Issues,
    check_duplicates,
    check_editor_rules,
    check_honesty,
    check_ranges,
    check_reference_data,
    check_result,
    check_source_keys,
    check_structure,
)
from core.excel.diff import TABLES, Change, canonical, diff, key_series, store_frames
from core.excel.reader import XlsxFile
from core.excel.rows import Issue, SheetRows, read_sheets
from core.excel.schema import DATA_SHEETS, DataSheet


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
    conflicts: tuple[excel_base.Conflict, ...] = ()
    export_version: int | None = None  # the data version the file was exported from

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def is_noop(self) -> bool:
        return self.ok and not self.changes and not self.conflicts

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


def _keep_english(
    sheet: DataSheet, stored: pd.DataFrame, incoming: pd.DataFrame, rows: SheetRows
) -> None:
    """English columns missing from every sheet of the file (a template or an export made
    before they existed) take the stored texts, so the import leaves them as they are."""
    present = {key for labels in rows.columns.values() for key in labels}
    missing = [c.key for c in sheet.columns if c.english and c.key not in present]
    if not missing or incoming.empty:
        return
    keys = key_series(incoming, sheet.table).astype(str)
    by_key = stored.assign(_key=key_series(stored, sheet.table).astype(str)).set_index("_key")
    for key in missing:
        texts = by_key[key].to_dict()
        incoming[key] = pd.Series([texts.get(k) for k in keys], dtype=object).to_numpy()


def _result(
    frames: dict[str, pd.DataFrame],
    data: dict[str, SheetRows],
    scope: set[str],
    base: excel_base.Base | None,
) -> tuple[dict[str, pd.DataFrame], list[excel_base.Conflict]]:
    """The four tables as they would be after the import, and the conflicts left out.

    With a base state (an export) only rows the file changed are applied and only rows the
    store still has as exported are removed (:func:`core.excel.base.three_way`); without one
    (the template, an older export) every file row replaces the stored one.
    """
    incoming = {s.table: canonical(data[s.table].frame, s) for s in DATA_SHEETS}
    for sheet in DATA_SHEETS:  # a file without the English columns keeps the stored texts
        _keep_english(sheet, frames[sheet.table], incoming[sheet.table], data[sheet.table])
    conflicts: list[excel_base.Conflict] = []
    removable: dict[str, set[str]] | None = None
    if base is not None:
        merge = excel_base.three_way(base, frames, incoming)
        incoming, removable, conflicts = merge.incoming, merge.removable, merge.conflicts
    options = frames["options"]
    scoped_options = set(options.loc[options["area"].isin(scope), "id"])
    incoming["cost_lines"] = _match_cost_ids(frames["cost_lines"], incoming["cost_lines"])
    new_lines = incoming["cost_lines"]["id"].isna()

    def drop(table: str, mask: pd.Series) -> pd.Series:
        if removable is None:
            return mask
        listed = pd.Series(excel_base.keys(table, frames[table]), index=mask.index)
        return mask & listed.isin(removable[table])

    result = {
        "systems": _merge(
            frames["systems"],
            incoming["systems"],
            "systems",
            drop("systems", frames["systems"]["area"].isin(scope)),
        ),
        "options": _merge(
            options, incoming["options"], "options", drop("options", options["area"].isin(scope))
        ),
        "assessments": _merge(
            frames["assessments"],
            incoming["assessments"],
            "assessments",
            drop("assessments", frames["assessments"]["option_id"].isin(scoped_options)),
        ),
    }
    lines = _merge(
        frames["cost_lines"],
        incoming["cost_lines"][~new_lines.to_numpy()],
        "cost_lines",
        drop("cost_lines", frames["cost_lines"]["option_id"].isin(scoped_options)),
    )
    added = incoming["cost_lines"][new_lines.to_numpy()]
    result["cost_lines"] = pd.concat(
        [f for f in (lines, added) if len(f)] or [lines], ignore_index=True
    )
    if base is not None:  # rows of an option the file removed go with it
        active = set(result["options"]["id"])
        for table in ("assessments", "cost_lines"):
            frame = result[table]
            result[table] = frame[frame["option_id"].isin(active).to_numpy()].reset_index(drop=True)
    return result, conflicts


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
        base = excel_base.read_base(workbook, issues_found)
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
    check_source_keys(sheets, issues, store.source_keys(conn))
    check_ranges(sheets, issues)
    check_editor_rules(sheets, issues)
    if not any(len(sheets[t].frame) for t in TABLES):
        issues.add("", None, None, "import_no_rows")
    scope = tuple(sorted(set(sheets["scope"].frame["area"].dropna()) & areas))
    if base is not None and base.store_id != store.store_id(conn):
        base = None  # a file of another installation: its rows are added or replace rows
    if base is not None:
        check_scoped_sheets(base, set(workbook.sheet_names), scope, issues)
    if issues:
        return _failed(file_name, digest, version, issues)
    frames = store_frames(conn)
    result, conflicts = _result(frames, sheets, set(scope), base)
    gone = set(base.rows["options"]) - set(frames["options"]["id"]) if base is not None else None
    check_result(result, sheets, criteria, issues, gone)
    check_structure(result, sheets, areas, issues)
    if issues:
        return _failed(file_name, digest, version, issues)
    return ImportPlan(
        file_name,
        digest,
        version,
        scope,
        (),
        tuple(diff(frames, result)),
        result,
        tuple(conflicts),
        None if base is None else base.version,
    )


def check_scoped_sheets(
    base: excel_base.Base, present: set[str], scope: tuple[str, ...], issues: Issues
) -> None:
    """Every data sheet the export wrote for a scoped area must still be there.

    A scoped area is replaced completely; without its sheet its rows would all be removed.
    """
    for title, (area, _table) in sorted(base.sheets.items()):
        if area in scope and title not in present:
            issues.append(
                Issue(
                    title, None, None, "import_missing_scoped_sheet", {"sheet": title, "area": area}
                )
            )


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
