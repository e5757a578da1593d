"""The audit trail: every change as who, when, which entity and field, old and new value.

``audited_write`` is the one door for changes: it takes an editor (or participant)
:class:`~core.editing.auth.Actor`, runs the change in ONE transaction, writes its audit entries in
the same transaction, raises the data version and commits – or rolls everything back.
Writes are serialised within the process (DuckDB: one connection, a cursor per thread).
The table is append-only: nothing here updates or deletes an audit row.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from core import store
from core.editing import auth
from core.errors import StoreError

ACTIONS = ("update", "add", "remove", "restore", "import")
ENTITIES = (
    "systems",
    "options",
    "cost_lines",
    "assessments",
    "sources",
    "criteria",
    "scenarios",
    "stakeholders",
    "imports",
    "catalogue",
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
    """Insert ``entries`` (inside the write door's transaction)."""
    store.require_door()
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
    # PostgreSQL binds every row (psycopg pipelines executemany); DuckDB inserts a large batch
    # from a registered frame.
    if len(rows) <= 50 or not isinstance(conn, duckdb.DuckDBPyConnection):
        conn.executemany(
            "INSERT INTO audit_log (changed_at, actor, role, action, entity, entity_key, field,"
            " old_value, new_value, data_version, undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return
    frame = pd.DataFrame(rows, columns=COLUMNS[1:]).astype(
        {"field": object, "old_value": object, "new_value": object, "undoes": "Int64"}
    )
    conn.register("audit_rows", frame)  # an import writes thousands of entries at once
    try:
        conn.execute(
            "INSERT INTO audit_log (changed_at, actor, role, action, entity, entity_key, field,"
            " old_value, new_value, data_version, undoes) SELECT changed_at, actor, role, action,"
            " entity, entity_key, field, old_value, new_value, data_version, undoes"
            " FROM audit_rows"
        )
    finally:
        conn.unregister("audit_rows")


def audited_write(
    conn: duckdb.DuckDBPyConnection,
    actor: auth.Actor,
    work: Callable[[dt.datetime], Sequence[Entry]],
    *,
    permit: Callable[[auth.Actor], object] = auth.require_editor,
    dry_run: bool = False,
) -> WriteResult:
    """Run ``work(timestamp)`` in one transaction, audit what it returns, raise the version.

    ``permit`` checks the actor first (editors by default) and raises for anyone else, so no
    caller can reach a write without a verified role. If ``work`` returns no entries,
    nothing changed: the transaction is rolled back and the version stays. ``dry_run`` does
    all of it – work, version, audit entries, every store constraint – and then rolls back.
    """
    permit(actor)
    try:
        with store.door(conn) as tx:
            when = now()
            entries = list(work(when))
            if not entries:
                tx.rollback()
                return WriteResult(store.data_version(conn)[0], 0)
            version = store.bump_data_version(conn)
            record(conn, actor, entries, version, when)
            if dry_run:
                tx.rollback()
    except store.conflict_errors() as exc:
        raise StoreError("edit_busy", error=str(exc).splitlines()[0]) from exc
    if dry_run:
        return WriteResult(store.data_version(conn)[0], len(entries))
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
        WHERE (CAST(? AS VARCHAR) IS NULL OR entity = ?)
          AND (CAST(? AS VARCHAR) IS NULL OR actor = ?)
          AND (CAST(? AS VARCHAR) IS NULL OR action = ?)
          AND (CAST(? AS DATE) IS NULL OR changed_at >= ?)
          AND (CAST(? AS DATE) IS NULL OR changed_at < ?)
          AND (CAST(? AS VARCHAR) IS NULL OR entity_key ILIKE ? OR field ILIKE ?
               OR old_value ILIKE ? OR new_value ILIKE ?)
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
