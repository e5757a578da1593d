"""The base state of an export: what each exported row looked like, so an import never loses work.

An export writes a hidden sheet "Importbasis": the data version it was made from, the data
sheets it wrote (title → area and table) and one fingerprint per exported row (table, key,
SHA-256 of the row's canonical values). On import (:func:`three_way`) each row of the file is
compared with its fingerprint and with the store as it is *now*:

* the file did not change the row → the store's current row is left alone;
* the file changed it and the store did not (since the export) → the file's row is applied;
* both changed it (differently), or the store removed it → a :class:`Conflict`, never applied;
* a scoped row the file no longer has is removed only if the store still has it as exported
  (else a conflict); a row added to the store after the export is never removed by the file.

Fingerprints are over :func:`core.excel.diff.canonical` values with numbers rounded to 12
significant digits, so a file re-saved by Excel or LibreOffice keeps them. A file without the
sheet (the template, an older export) is read as before: its rows replace the stored ones.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from core import i18n
from core.excel.diff import KEYS, TABLES, canonical
from core.excel.layout import WorkbookBuilder, header_row
from core.excel.reader import FORMULA, XlsxFile
from core.excel.rows import Issue
from core.excel.schema import DATA_SHEETS
from core.excel.writer import Block

TITLE_KEY = "xl_sheet_base"
_SHEETS = {s.table: s for s in DATA_SHEETS}
_META, _SHEET = "meta", "sheet"
MAX_BASE_ROWS = 2_000_000
CONFLICT_KINDS = ("changed_both", "removed_in_store", "removed_in_file", "added_both")


def titles() -> set[str]:
    """The base sheet's title in every language."""
    return {i18n.t(TITLE_KEY, lang) for lang in i18n.LANGUAGES}


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return float(f"{value:.12g}")
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, str):
        return value or None
    return value


def fingerprints(table: str, frame: pd.DataFrame) -> list[str]:
    """One fingerprint per row of a canonical ``frame`` of ``table`` (stored columns only)."""
    columns = [c.key for c in _SHEETS[table].stored]
    records = frame[columns].astype(object).itertuples(index=False, name=None)
    return [
        hashlib.sha256(
            json.dumps([_plain(v) for v in record], ensure_ascii=False).encode()
        ).hexdigest()[:32]
        for record in records
    ]


def keys(table: str, frame: pd.DataFrame) -> list[str | None]:
    """Row keys as text (``id`` or ``option_id|criterion``); None where the key is missing."""
    parts = [frame[k].astype(object).tolist() for k in KEYS[table]]
    out: list[str | None] = []
    for values in zip(*parts, strict=True):
        if any(v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) for v in values):
            out.append(None)
        else:
            out.append("|".join(str(v) for v in values))
    return out


# --- writing (export) ---------------------------------------------------------------------------


def base_sheet(
    book: WorkbookBuilder,
    version: int,
    frames: dict[str, pd.DataFrame],
    sheets: Iterable[tuple[str, str, str]],
    store_id: str,
) -> None:
    """The hidden base sheet: store, version, data sheets written (title, area, table), rows."""
    ws = book.sheet(i18n.t(TITLE_KEY, book.lang))
    ws.sheet_state = "hidden"
    header_row(ws, 1, ["table", "key", "fingerprint"], book.styles)
    rows: list[list[Any]] = [
        [_META, "data_version", str(int(version))],
        [_META, "store_id", store_id],
    ]
    rows.extend([_SHEET, title, f"{area}|{table}"] for title, area, table in sheets)
    for table in TABLES:
        frame = canonical(frames[table].reset_index(drop=True), _SHEETS[table])
        rows.extend(
            [table, key, fp]
            for key, fp in zip(keys(table, frame), fingerprints(table, frame), strict=True)
            if key is not None
        )
    book.blocks.append(Block(ws, 2, ["text", "text", "text"], rows))


# --- reading (import) -----------------------------------------------------------------------------


@dataclass
class Base:
    """The base state read from a file: version, data sheets written, fingerprints by table."""

    version: int
    store_id: str = ""
    sheets: dict[str, tuple[str, str]] = field(default_factory=dict)  # title → (area, table)
    rows: dict[str, dict[str, str]] = field(default_factory=lambda: {t: {} for t in TABLES})


def read_base(workbook: XlsxFile, issues: list[Issue]) -> Base | None:
    """The base state of ``workbook``, or None if it has no base sheet; bad rows are issues."""
    title = next((n for n in workbook.sheet_names if n in titles()), None)
    if title is None:
        return None
    base = Base(version=-1)
    count = 0
    for number, cells in workbook.rows(title):
        if number == 1:
            continue
        values = [cells.get(i) for i in (1, 2, 3)]
        if any(v is not None and v[1] == FORMULA for v in values):
            issues.append(Issue(title, number, None, "import_base_bad_row"))
            continue
        kind, key, fp = (str(v[0]) if v is not None and v[0] is not None else "" for v in values)
        count += 1
        if count > MAX_BASE_ROWS:
            issues.append(Issue(title, number, None, "import_base_bad_row"))
            break
        if kind == _META and key == "data_version" and fp.isdigit() and len(fp) <= 12:
            base.version = int(fp)
        elif kind == _META and key == "store_id" and 0 < len(fp) <= 64:
            base.store_id = fp
        elif kind == _SHEET and key and fp.count("|") == 1 and fp.split("|")[1] in TABLES:
            area, table = fp.split("|")
            base.sheets[key] = (area, table)
        elif kind in TABLES and key and len(fp) == 32 and all(c in "0123456789abcdef" for c in fp):
            base.rows[kind][key] = fp
        else:
            issues.append(Issue(title, number, None, "import_base_bad_row"))
    if base.version < 0:
        issues.append(Issue(title, None, None, "import_base_bad_row"))
    return base


# --- three-way comparison -------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """A row changed in the file and in the store since the export: never applied silently.

    ``kind``: ``changed_both`` | ``removed_in_store`` | ``removed_in_file`` | ``added_both``;
    ``fields``: (column, value in the file, value in the store now) where they differ.
    """

    table: str
    key: str
    kind: str
    fields: tuple[tuple[str, Any, Any], ...] = ()


def _record(frame: pd.DataFrame, position: int, columns: Sequence[str]) -> dict[str, Any]:
    return {c: _plain(frame[c].iat[position]) for c in columns}


def _differences(
    columns: Sequence[str], mine: dict[str, Any] | None, theirs: dict[str, Any] | None
) -> tuple[tuple[str, Any, Any], ...]:
    mine, theirs = mine or {}, theirs or {}
    return tuple((c, mine.get(c), theirs.get(c)) for c in columns if mine.get(c) != theirs.get(c))


@dataclass
class Merge:
    """What :func:`three_way` decided: file rows to apply, store rows the file may remove."""

    incoming: dict[str, pd.DataFrame]
    removable: dict[str, set[str]]
    conflicts: list[Conflict]


def three_way(
    base: Base, current: dict[str, pd.DataFrame], incoming: dict[str, pd.DataFrame]
) -> Merge:
    """Compare file rows with their base fingerprints and the store now (see module doc)."""
    kept: dict[str, pd.DataFrame] = {}
    removable: dict[str, set[str]] = {}
    conflicts: list[Conflict] = []
    for table in TABLES:
        columns = [c.key for c in _SHEETS[table].stored]
        rows = base.rows[table]
        store_frame = current[table]
        store_keys = keys(table, store_frame)
        store_fp = dict(zip(store_keys, fingerprints(table, store_frame), strict=True))
        store_at = {k: i for i, k in enumerate(store_keys)}
        frame = incoming[table]
        file_keys = keys(table, frame)
        file_fp = fingerprints(table, frame)
        keep = np.ones(len(frame), dtype=bool)
        for i, (key, fp) in enumerate(zip(file_keys, file_fp, strict=True)):
            if key is None:  # a new cost line (no id yet)
                continue
            was, now = rows.get(key), store_fp.get(key)
            if was is not None and fp == was:
                keep[i] = False  # the file did not change this row: the store's row stays
            elif now == fp:
                keep[i] = False  # the same change is already stored
            elif (was is not None and now == was) or (was is None and now is None):
                continue  # only the file changed (or added) it
            else:
                keep[i] = False
                kind = (
                    "removed_in_store"
                    if now is None
                    else ("changed_both" if was is not None else "added_both")
                )
                theirs = None if now is None else _record(store_frame, store_at[key], columns)
                conflicts.append(
                    Conflict(
                        table,
                        key,
                        kind,
                        _differences(columns, _record(frame, i, columns), theirs),
                    )
                )
        kept[table] = frame[keep].reset_index(drop=True)
        in_file = {k for k in file_keys if k is not None}
        removable[table] = set()
        for key, was in rows.items():
            if key in in_file or key not in store_fp:
                continue
            if store_fp[key] == was:
                removable[table].add(key)
            else:
                conflicts.append(
                    Conflict(
                        table,
                        key,
                        "removed_in_file",
                        _differences(columns, None, _record(store_frame, store_at[key], columns)),
                    )
                )
    return Merge(kept, removable, conflicts)
