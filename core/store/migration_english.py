"""Migration ``0009_english_texts``: the English twins of the data texts.

Every text a reader sees in a data table can have an English version (:data:`ENGLISH`:
table → its German text columns). They live in one table, ``english_texts`` (table, row
key, column, text), not as extra columns: DuckDB refuses ``ALTER TABLE`` inside a
transaction on a table that other tables reference (areas, options, criteria, systems,
sources, weight profiles all are), and rebuilding that whole family of tables for a column
each would put every foreign key at risk. A separate table also survives the Excel import,
which rebuilds the data tables, and needs no change to the editing or import paths.

The UI shows the English text when the language is English and falls back to the German
one where there is none (:func:`localize`). Each translation records the German text it was
made from (``german``); once that German text is edited, the translation no longer counts
and the new German text is shown until someone translates it again — never a stale English
text beside a changed figure.

Names that stay as published — source titles and publishers — are not translated.
Older English columns (``areas.name_en``, ``criteria.label_en``, ``weight_profiles.name_en``)
stay where they are and are read through :func:`core.i18n.localized_value`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from core.store.dialect import Connection

if TYPE_CHECKING:
    import pandas as pd

NAME = "0009_english_texts"

# table → the German text columns that can have an English twin
ENGLISH: dict[str, tuple[str, ...]] = {
    "areas": ("description_de",),
    "systems": ("name", "operator", "reach_unit", "notes", "estimate_reason"),
    "options": ("name", "partner", "description", "estimate_reason"),
    "criteria": ("unit", "help_de"),
    "assessments": ("rationale", "estimate_reason"),
    "cost_lines": ("item", "estimate_reason"),
    "weight_profiles": ("description_de",),
    "sources": ("note",),
}
# table → the columns whose values, joined by "/", are a row's key in ``english_texts``
KEYS: dict[str, tuple[str, ...]] = {
    "areas": ("slug",),
    "systems": ("id",),
    "options": ("id",),
    "criteria": ("key",),
    "assessments": ("option_id", "criterion"),
    "cost_lines": ("id",),
    "weight_profiles": ("slug",),
    "sources": ("id",),
}

DDL = """
    CREATE TABLE english_texts (
        tbl VARCHAR NOT NULL,
        row_key VARCHAR NOT NULL CHECK (length(row_key) > 0),
        field VARCHAR NOT NULL,
        text VARCHAR NOT NULL CHECK (length(trim(text)) > 0),
        german VARCHAR NOT NULL DEFAULT '',
        PRIMARY KEY (tbl, row_key, field)
    )"""


def apply(conn: Connection) -> None:
    """Create ``english_texts`` (the same SQL on both back-ends)."""
    conn.execute(DDL)


def row_keys(frame: pd.DataFrame, table: str) -> pd.Series:
    """Each row's key in ``english_texts``."""
    columns = KEYS[table]
    keys = frame[columns[0]].astype(str)
    for column in columns[1:]:
        keys = keys + "/" + frame[column].astype(str)
    return keys


def row_key(values: Mapping[str, object], table: str) -> str:
    """One row's key in ``english_texts`` from its key columns (as :func:`row_keys`)."""
    return "/".join(str(values[column]) for column in KEYS[table])


def localize(frame: pd.DataFrame, table: str, lang: str, texts: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (rows of ``table``) as the reader of ``lang`` sees it: in English each German
    text column holds its English twin from ``texts`` (rows of ``english_texts``) where there
    is one, the German text where there is none; in German the frame itself. Keys and numbers
    are never touched, so ids still join."""
    if lang != "en" or frame.empty or texts.empty:
        return frame
    if any(column not in frame.columns for column in KEYS[table]):
        return frame
    mine = texts[texts["tbl"] == table]
    if mine.empty:
        return frame
    shown = frame.copy()
    keys = row_keys(shown, table)
    for field in ENGLISH[table]:
        if field not in shown.columns:
            continue
        rows = mine[mine["field"] == field]
        english = dict(zip(rows["row_key"], zip(rows["text"], rows["german"], strict=True)))
        if english:
            shown[field] = [
                _pick(english.get(key), german)
                for key, german in zip(keys, shown[field].astype(object), strict=True)
            ]
    return shown


def _pick(translation: tuple[str, str] | None, german: object) -> object:
    """The English text if it was made from this German text (or its source is not known)."""
    if translation is None:
        return german
    text, made_from = translation
    return text if not made_from or made_from == german else german
