"""The audit trail: every change as who, when, which entity and field, old and new value.

``audited_write`` is the one door for changes: it takes an editor (or participant)
:class:`~core.auth.Actor`, runs the change in ONE transaction, writes its audit entries in
the same transaction, raises the data version and commits – or rolls everything back.
Writes are serialised within the process (DuckDB: one connection, a cursor per thread).
The table is append-only: nothing here updates or deletes an audit row.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core import auth, i18n, store
from core.errors import StoreError
from core.excel_safety import write_text

ACTIONS = ("update", "add", "remove", "restore")
ENTITIES = (
    "systems",
    "options",
    "cost_lines",
    "assessments",
    "criteria",
    "scenarios",
    "stakeholders",
)
COLUMNS = [
    "id",
    "changed_at",
    "actor",
    "role",
    "action",
    "entity",
    "entity_key",
    "field",
    "old_value",
    "new_value",
    "data_version",
    "undoes",
]

_WRITE_LOCK = threading.RLock()


@dataclass(frozen=True)
class Entry:
    """One audited change; ``old`` and ``new`` are plain values (stored as JSON text)."""

    action: str
    entity: str
    entity_key: str
    field: str = ""
    old: Any = None
    new: Any = None
    undoes: int | None = None

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown audit action {self.action!r}")
        if self.entity not in ENTITIES:
            raise ValueError(f"unknown audit entity {self.entity!r}")


@dataclass(frozen=True)
class WriteResult:
    """What an audited write did: the new data version and how many entries it recorded."""

    version: int
    entries: int


def plain(value: Any) -> Any:
    """A JSON-ready copy of ``value``: numpy scalars to Python, dates to ISO, NaN to None."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def encode(value: Any) -> str | None:
    """``value`` as JSON text (None stays NULL)."""
    value = plain(value)
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def decode(text: str | None) -> Any:
    """The value of an ``old_value``/``new_value`` cell."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    return json.loads(text)


def now() -> dt.datetime:
    """The timestamp of a change (UTC, naive, microseconds kept)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def record(
    conn: duckdb.DuckDBPyConnection,
    actor: auth.Actor,
    entries: Sequence[Entry],
    version: int,
    when: dt.datetime,
) -> None:
    """Insert ``entries`` (inside the caller's transaction)."""
    rows = [
        [
            when,
            actor.name,
            actor.role,
            e.action,
            e.entity,
            e.entity_key,
            e.field,
            encode(e.old),
            encode(e.new),
            version,
            e.undoes,
        ]
        for e in entries
    ]
    conn.executemany(
        "INSERT INTO audit_log (changed_at, actor, role, action, entity, entity_key, field,"
        " old_value, new_value, data_version, undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def audited_write(
    conn: duckdb.DuckDBPyConnection,
    actor: auth.Actor,
    work: Callable[[dt.datetime], Sequence[Entry]],
    *,
    permit: Callable[[auth.Actor], object] = auth.require_editor,
) -> WriteResult:
    """Run ``work(timestamp)`` in one transaction, audit what it returns, raise the version.

    ``permit`` checks the actor first (editors by default) and raises for anyone else, so no
    caller can reach a write without a verified role. If ``work`` returns no entries,
    nothing changed: the transaction is rolled back and the version stays.
    """
    permit(actor)
    with _WRITE_LOCK:
        conn.execute("BEGIN TRANSACTION")
        try:
            when = now()
            entries = list(work(when))
            if not entries:
                conn.execute("ROLLBACK")
                return WriteResult(store.data_version(conn)[0], 0)
            version = store.bump_data_version(conn)
            record(conn, actor, entries, version, when)
            conn.execute("COMMIT")
        except duckdb.TransactionException as exc:
            conn.execute("ROLLBACK")
            raise StoreError("edit_busy", error=str(exc).splitlines()[0]) from exc
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return WriteResult(version, len(entries))


# --- reading and filtering ------------------------------------------------------------------


def entries(
    conn: duckdb.DuckDBPyConnection,
    *,
    entity: str | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    text: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Audit entries, newest first, filtered by entity, actor, action, date range and text."""
    pattern = f"%{text.strip()}%" if text and text.strip() else None
    frame = conn.execute(
        """
        SELECT * FROM audit_log
        WHERE (? IS NULL OR entity = ?) AND (? IS NULL OR actor = ?)
          AND (? IS NULL OR action = ?)
          AND (? IS NULL OR changed_at >= ?) AND (? IS NULL OR changed_at < ?)
          AND (? IS NULL OR entity_key ILIKE ? OR field ILIKE ? OR old_value ILIKE ?
               OR new_value ILIKE ?)
        ORDER BY id DESC
        LIMIT ?
        """,
        [
            entity,
            entity,
            actor,
            actor,
            action,
            action,
            since,
            since,
            until,
            until + dt.timedelta(days=1) if until else None,
            pattern,
            pattern,
            pattern,
            pattern,
            pattern,
            limit if limit is not None else 2**31 - 1,
        ],
    ).df()
    return frame[COLUMNS]


def actors(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Everyone who appears in the audit trail, sorted."""
    rows = conn.execute("SELECT DISTINCT actor FROM audit_log ORDER BY 1").fetchall()
    return [r[0] for r in rows]


def entry(conn: duckdb.DuckDBPyConnection, entry_id: int) -> dict[str, Any] | None:
    """One audit entry as a dict, or None."""
    frame = conn.execute("SELECT * FROM audit_log WHERE id = ?", [entry_id]).df()
    return None if frame.empty else frame.iloc[0].to_dict()


def undone_ids(conn: duckdb.DuckDBPyConnection) -> set[int]:
    """Ids of entries that a later entry has reversed."""
    rows = conn.execute("SELECT undoes FROM audit_log WHERE undoes IS NOT NULL").fetchall()
    return {int(r[0]) for r in rows}


# --- Excel export -----------------------------------------------------------------------------

_EXPORT_COLUMNS = (
    ("id", "audit_col_id"),
    ("changed_at", "audit_col_when"),
    ("actor", "audit_col_actor"),
    ("role", "audit_col_role"),
    ("action", "audit_col_action"),
    ("entity", "audit_col_entity"),
    ("entity_key", "audit_col_key"),
    ("field", "audit_col_field"),
    ("old_value", "audit_col_old"),
    ("new_value", "audit_col_new"),
    ("data_version", "audit_col_version"),
    ("undoes", "audit_col_undoes"),
)


def display_value(text: Any) -> str:
    """An audit value for people: plain text for strings, JSON for the rest, '' for none."""
    value = decode(text) if isinstance(text, str) else None
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def to_excel(frame: pd.DataFrame, data_version: int, data_date: str, lang: str = "de") -> bytes:
    """The audit entries in ``frame`` as an .xlsx workbook (every text written as text)."""
    wb = Workbook()
    ws = wb.active
    ws.title = i18n.t("audit_sheet", lang)[:31]
    write_text(ws.cell(1, 1), i18n.t("audit_title", lang))
    ws.cell(1, 1).font = Font(bold=True, size=14)
    write_text(ws.cell(2, 1), i18n.t("xl_data_version_label", lang))
    ws.cell(2, 2).value = int(data_version)
    write_text(ws.cell(2, 3), data_date)
    write_text(ws.cell(3, 1), i18n.t("audit_exported_at", lang))
    write_text(ws.cell(3, 2), now().strftime("%Y-%m-%d %H:%M UTC"))
    header_row = 5
    for col, (_, key) in enumerate(_EXPORT_COLUMNS, start=1):
        cell = write_text(ws.cell(header_row, col), i18n.t(key, lang))
        cell.font = Font(bold=True)
    actions = {a: i18n.t(f"audit_action_{a}", lang) for a in ACTIONS}
    entities = {e: i18n.t(f"audit_entity_{e}", lang) for e in ENTITIES}
    for offset, row in enumerate(frame.to_dict("records"), start=1):
        r = header_row + offset
        ws.cell(r, 1).value = int(row["id"])
        stamp = row["changed_at"]
        ws.cell(r, 2).value = pd.Timestamp(stamp).to_pydatetime()
        ws.cell(r, 2).number_format = "DD.MM.YYYY hh:mm:ss"
        write_text(ws.cell(r, 3), str(row["actor"]))
        write_text(ws.cell(r, 4), str(row["role"]))
        write_text(ws.cell(r, 5), actions.get(row["action"], str(row["action"])))
        write_text(ws.cell(r, 6), entities.get(row["entity"], str(row["entity"])))
        write_text(ws.cell(r, 7), str(row["entity_key"]))
        write_text(ws.cell(r, 8), str(row["field"] or ""))
        write_text(ws.cell(r, 9), display_value(row["old_value"]))
        write_text(ws.cell(r, 10), display_value(row["new_value"]))
        ws.cell(r, 11).value = int(row["data_version"])
        undoes = row["undoes"]
        ws.cell(r, 12).value = None if pd.isna(undoes) else int(undoes)
    widths = (8, 20, 18, 12, 16, 18, 28, 18, 40, 40, 10, 12)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
