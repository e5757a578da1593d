"""Excel import: the store and the file as comparable tables, and what changes between them.

Rows are compared per key (an id, or option × criterion for assessments) after both sides are
brought to the same dtypes (:func:`canonical`), so a round trip of an export finds no change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from core import store
from core.editing import english
from core.excel.schema import (
    DATA_SHEETS,
    DataSheet,
)

TABLES = tuple(s.table for s in DATA_SHEETS)
KEYS: dict[str, tuple[str, ...]] = {
    "systems": ("id",),
    "options": ("id",),
    "cost_lines": ("id",),
    "assessments": ("option_id", "criterion"),
}


@dataclass(frozen=True)
class Change:
    """One row the import adds, changes or removes."""

    table: str
    action: str  # "added" | "changed" | "removed"
    key: str
    label: str
    fields: tuple[str, ...] = ()
    old: dict[str, Any] | None = None  # the stored row (changed, removed)
    new: dict[str, Any] | None = None  # the row after the import (added, changed)


def canonical(frame: pd.DataFrame, sheet: DataSheet) -> pd.DataFrame:
    """The stored columns with one dtype per kind, so that store and file rows compare.

    Numbers are nullable floats/ints (a missing value is NULL, not NaN), texts are objects
    with ``None`` for missing, dates are ``datetime64[ns]`` at midnight.
    """
    data: dict[str, Any] = {}
    for column in sheet.stored:
        series = frame[column.key]
        if column.kind == "number":
            data[column.key] = pd.array(
                pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan),
                dtype="Float64",
            )
        elif column.kind in ("integer", "cost_id"):
            numbers = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
            data[column.key] = pd.array(
                [None if np.isnan(v) else int(v) for v in numbers], dtype="Int64"
            )
        elif column.kind == "bool":
            data[column.key] = series.fillna(False).astype(bool).to_numpy()
        elif column.kind == "date":
            data[column.key] = pd.to_datetime(series).dt.normalize().astype("datetime64[ns]")
        else:
            missing = series.isna().to_numpy()
            data[column.key] = pd.Series(
                [None if m else v for v, m in zip(series.astype(object), missing, strict=True)],
                dtype=object,
            )
    return pd.DataFrame(data).reset_index(drop=True)


def store_frames(conn: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """The four tables' visible rows (as the app reads them) as canonical frames, with the
    English twins of their texts as stored (as the export writes them).

    Rows removed on the editing page (``removed_at``) are history, not data: the store's
    read functions hide them, and so does the import.
    """
    readers = {
        "systems": store.systems,
        "options": store.options,
        "cost_lines": store.cost_lines,
        "assessments": store.assessments,
    }
    frames = {
        s.table: english.add_columns(conn, s.table, readers[s.table](conn), "", stale=True)
        for s in DATA_SHEETS
    }
    return {s.table: canonical(frames[s.table], s) for s in DATA_SHEETS}


def key_series(frame: pd.DataFrame, table: str) -> pd.Series:
    keys = KEYS[table]
    if len(keys) == 1:
        return frame[keys[0]].astype(object)
    return frame[keys[0]].astype(str) + "\x1f" + frame[keys[1]].astype(str)


def _equal(old: pd.Series, new: pd.Series) -> np.ndarray:
    """Element-wise equality with missing == missing (floats compared exactly)."""
    both_missing = (old.isna() & new.isna()).to_numpy()
    if pd.api.types.is_numeric_dtype(old.dtype) and not pd.api.types.is_bool_dtype(old.dtype):
        a = old.to_numpy(dtype=float, na_value=np.nan)
        b = new.to_numpy(dtype=float, na_value=np.nan)
        return both_missing | (a == b)
    same = (old == new).fillna(False).to_numpy(dtype=bool)
    return both_missing | same


def _label(table: str, record: dict[str, Any]) -> str:
    if table == "assessments":
        return f"{record['option_id']} · {record['criterion']}"
    if table == "cost_lines":
        return f"{record['option_id']} · {record['item']}"
    return str(record.get("name", ""))


def _labels(table: str, frame: pd.DataFrame, suffix: str = "") -> list[str]:
    """Row labels for a whole frame (vectorised :func:`_label`)."""
    if table == "assessments":
        first, second = frame[f"option_id{suffix}"], frame[f"criterion{suffix}"]
    elif table == "cost_lines":
        first, second = frame[f"option_id{suffix}"], frame[f"item{suffix}"]
    else:
        return [str(v) for v in frame[f"name{suffix}"].tolist()]
    return [f"{a} · {b}" for a, b in zip(first.tolist(), second.tolist(), strict=True)]


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def _values(record: dict[str, Any], columns: list[str], suffix: str = "") -> dict[str, Any]:
    """The stored columns of a merged record as plain Python values."""
    return {c: _plain(record.get(f"{c}{suffix}", record.get(c))) for c in columns}


def diff(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> list[Change]:
    """Rows added, changed (with the changed columns) and removed, per table."""
    changes: list[Change] = []
    for sheet in DATA_SHEETS:
        table = sheet.table
        columns = [c.key for c in sheet.stored]
        old = before[table]
        new = after[table]
        if table == "cost_lines":
            added_mask = new["id"].isna().to_numpy()
            added_rows = new[added_mask]
            changes.extend(
                Change(table, "added", "–", label, new=_values(record, columns))
                for label, record in zip(
                    _labels(table, added_rows), added_rows.to_dict("records"), strict=True
                )
            )
            new = new[~added_mask]
        old = old.assign(_key=key_series(old, table).astype(str).to_numpy())
        new = new.assign(_key=key_series(new, table).astype(str).to_numpy())
        merged = old.merge(
            new, on="_key", how="outer", suffixes=("_old", "_new"), indicator=True, sort=False
        )
        where = merged["_merge"].to_numpy()
        both = merged[where == "both"]
        unequal = {c: ~_equal(both[f"{c}_old"], both[f"{c}_new"]) for c in columns}
        any_change = np.zeros(len(both), dtype=bool)
        for mask in unequal.values():
            any_change |= mask
        for side, action in (("_new", "added"), ("_old", "removed")):
            subset = merged[where == ("right_only" if action == "added" else "left_only")]
            keys = [k.replace("\x1f", " · ") for k in subset["_key"].tolist()]
            records = [_values(r, columns, side) for r in subset.to_dict("records")]
            changes.extend(
                Change(
                    table,
                    action,
                    key,
                    label,
                    old=record if action == "removed" else None,
                    new=record if action == "added" else None,
                )
                for key, label, record in zip(
                    keys, _labels(table, subset, side), records, strict=True
                )
            )
        positions = np.flatnonzero(any_change)
        records = both.iloc[positions].to_dict("records")
        for position, record in zip(positions, records, strict=True):
            fields = tuple(c for c in columns if unequal[c][position])
            values = _values(record, columns, "_new")
            changes.append(
                Change(
                    table,
                    "changed",
                    record["_key"].replace("\x1f", " · "),
                    _label(table, values),
                    fields,
                    old=_values(record, columns, "_old"),
                    new=values,
                )
            )
    order = {"added": 0, "changed": 1, "removed": 2}
    tables = {t: i for i, t in enumerate(TABLES)}
    return sorted(changes, key=lambda c: (tables[c.table], order[c.action], c.key))
