"""The English twins of the data texts in the editor: extra columns ``<field>_en`` (``help_de``
→ ``help_en``) beside the German text columns of every editable table that has translations
(:data:`core.store.ENGLISH`).

They are stored in ``english_texts`` (see :mod:`core.store.migration_english`), not in the
data table, so the editor reads and writes them here: :func:`add_columns` gives each loaded row
its English texts (empty where there is none, or where the German text changed after the
translation — then the reader sees the German text, as the English UI does), :func:`stored`
reads one row's for the conflict check, and :func:`write` saves changed ones inside the
audited write door, recording the German text each translation belongs to. An emptied cell
removes the translation (the English UI falls back to the German text). Every change is an
audit entry of the row's entity with the English column as its field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from core import store
from core.editing import audit
from core.editing.validation import MAX_TEXT, Field

EDITABLE = ("options", "cost_lines", "assessments", "systems", "sources", "criteria")


def column(field: str) -> str:
    """The editor's column of the English twin of German column ``field``."""
    return field.removesuffix("_de") + "_en"


def columns(entity: str) -> dict[str, str]:
    """English column → German column of ``entity`` (empty for tables without translations)."""
    if entity not in EDITABLE:
        return {}
    return {column(f): f for f in store.ENGLISH.get(entity, ())}


def fields(entity: str, german: Mapping[str, Field]) -> dict[str, Field]:
    """Validation of the English columns: free text, as long as their German twin allows."""
    return {
        en: Field(en, "text", max_length=german[de].max_length if de in german else MAX_TEXT)
        for en, de in columns(entity).items()
    }


def _valid(rows: pd.DataFrame) -> dict[tuple[str, str], tuple[str, str]]:
    """(row key, field) → (English text, German it was made from)."""
    return {
        (k, f): (t, g)
        for k, f, t, g in zip(
            rows["row_key"], rows["field"], rows["text"], rows["german"], strict=True
        )
    }


def _shown(pair: tuple[str, str] | None, german: Any) -> str:
    """The English text if it still translates ``german``, else empty."""
    if pair is None:
        return ""
    text, made_from = pair
    return text if not made_from or made_from == ("" if german is None else str(german)) else ""


def _stored(pair: tuple[str, str] | None) -> str:
    return "" if pair is None else pair[0]


def add_columns(
    conn: Any, entity: str, frame: pd.DataFrame, missing: str | None = "", stale: bool = False
) -> pd.DataFrame:
    """``frame`` (rows of ``entity`` with its key and German columns) with its English
    columns, each right after its German column; ``missing`` where there is no translation.
    A translation made from an older German text counts as none, unless ``stale`` (the Excel
    workbook carries every stored text, so that a file imports again as nothing to change)."""
    wanted = columns(entity)
    if not wanted:
        return frame
    texts = conn.execute(
        "SELECT row_key, field, text, german FROM english_texts WHERE tbl = ?", [entity]
    ).df()
    pairs = _valid(texts) if len(texts) else {}
    keys = store.english_row_keys(frame, entity) if len(frame) else pd.Series([], dtype=object)
    result = frame.copy()
    for en, de in wanted.items():
        germans = frame[de].astype(object)
        values = [
            (_stored(pairs.get((k, de))) if stale else _shown(pairs.get((k, de)), g)) or missing
            for k, g in zip(keys, germans, strict=True)
        ]
        result.insert(list(result.columns).index(de) + 1, en, pd.Series(values, dtype=object))
    return result


def stored(conn: Any, entity: str, row: Mapping[str, Any]) -> dict[str, str]:
    """The English columns of one stored row (``row``: its key and German columns)."""
    wanted = columns(entity)
    if not wanted:
        return {}
    found = conn.execute(
        "SELECT field, text, german FROM english_texts WHERE tbl = ? AND row_key = ?",
        [entity, store.english_row_key(row, entity)],
    ).fetchall()
    pairs = {f: (t, g) for f, t, g in found}
    return {en: _shown(pairs.get(de), row.get(de)) for en, de in wanted.items()}


def write(
    conn: Any,
    entity: str,
    key: str,
    row: Mapping[str, Any],
    changes: Mapping[str, str],
    old: Mapping[str, str] | None = None,
    action: str = "update",
) -> list[audit.Entry]:
    """Save changed English columns of one row (``row``: its key and German columns as they
    are after the change) and return their audit entries. Inside the write door only."""
    store.require_door()
    wanted = columns(entity)
    row_key = store.english_row_key(row, entity)
    entries = []
    for en, text in changes.items():
        de = wanted[en]
        conn.execute(
            "DELETE FROM english_texts WHERE tbl = ? AND row_key = ? AND field = ?",
            [entity, row_key, de],
        )
        if text:
            german = row.get(de)
            conn.execute(
                "INSERT INTO english_texts (tbl, row_key, field, text, german)"
                " VALUES (?, ?, ?, ?, ?)",
                [entity, row_key, de, text, "" if german is None else str(german)],
            )
        previous = (old or {}).get(en) or None
        if (text or None) != previous:
            entries.append(audit.Entry(action, entity, key, en, previous, text or None))
    return entries
