"""Excel import, step 2: write a valid plan in ONE transaction, log it, raise the data version.

DuckDB checks foreign keys against the committed state: inside one transaction it refuses to
delete an option whose assessments were deleted a statement earlier, and to rename an option
(its name is part of a UNIQUE key) while assessments point at it. An import must do both.
So the four data tables – and every table that references them – are rebuilt inside the
transaction: rows that stay are copied, the tables are dropped and created again from their
own DDL (read from the catalogue, so constraints and indexes stay exactly as the migrations
made them), and the resulting rows are inserted. DuckDB's DDL is transactional: readers see
the old tables until COMMIT, and any failure rolls everything back.

PostgreSQL checks a foreign key at the end of each statement, so there the same rows are
written without dropping a table: the family's rows are deleted children first and inserted
again parents first, in the same transaction (tables, constraints, indexes and grants stay).

All values travel as registered DataFrames (DuckDB), bound parameters or rows bound by
``executemany`` (PostgreSQL); the only names in SQL text are table and column names read
from the catalogue.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import suppress
from dataclasses import dataclass

import duckdb
import pandas as pd

from core import store
from core.editing import audit, auth, english
from core.errors import CockpitError, InputError, StoreError
from core.excel.diff import TABLES, Change, key_series
from core.excel.importer import ImportPlan
from core.excel.schema import DATA_SHEETS


@dataclass(frozen=True)
class ApplyResult:
    """What an applied import did: the new data version and the counts."""

    applied: bool
    version: int
    added: int
    changed: int
    removed: int


def _is_pg(conn: store.Connection) -> bool:
    return not isinstance(conn, duckdb.DuckDBPyConnection)


def _edges_pg(conn: store.Connection) -> list[tuple[str, str]]:
    """Foreign-key edges (child, parent) of the connection's own schema (PostgreSQL)."""
    rows = conn.execute(
        "SELECT DISTINCT child.relname, parent.relname FROM pg_constraint c"
        " JOIN pg_class child ON child.oid = c.conrelid"
        " JOIN pg_class parent ON parent.oid = c.confrelid"
        " WHERE c.contype = 'f' AND c.connamespace = CAST(current_schema() AS regnamespace)"
    ).fetchall()
    return [(child, parent) for child, parent in rows if child != parent]


def _catalogue(conn: duckdb.DuckDBPyConnection) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Table DDL by name and foreign-key edges (child, parent) of the main schema."""
    if _is_pg(conn):
        return {}, _edges_pg(conn)
    ddl = dict(
        conn.execute(
            "SELECT table_name, sql FROM duckdb_tables() WHERE database_name = current_database()"
            " AND schema_name = 'main' AND NOT temporary"
        ).fetchall()
    )
    edges = conn.execute(
        "SELECT DISTINCT table_name, referenced_table FROM duckdb_constraints()"
        " WHERE database_name = current_database() AND schema_name = 'main'"
        " AND constraint_type = 'FOREIGN KEY'"
    ).fetchall()
    return ddl, [(child, parent) for child, parent in edges if child != parent]


def _family(edges: list[tuple[str, str]]) -> list[str]:
    """The data tables plus every table referencing them (transitively), children first."""
    family = set(TABLES)
    grew = True
    while grew:
        grew = False
        for child, parent in edges:
            if parent in family and child not in family:
                family.add(child)
                grew = True
    ordered: list[str] = []
    remaining = set(family)
    while remaining:
        leaves = sorted(
            t
            for t in remaining
            if not any(parent == t and child in remaining for child, parent in edges)
        )
        if not leaves:  # a cycle: cannot happen with this schema; refuse rather than guess
            raise StoreError("import_failed", error="foreign key cycle")
        ordered.extend(leaves)
        remaining -= set(leaves)
    return ordered


def _insert_frame(
    conn: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, columns: list[str]
) -> None:
    store.require_door()
    if frame.empty:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    if _is_pg(conn):
        marks = ", ".join("?" for _ in columns)
        conn.executemany(
            f'INSERT INTO "{table}" ({names}) VALUES ({marks})',  # noqa: S608
            _python_rows(frame[columns]),
        )
        return
    view = f"import_{table}"
    conn.register(view, frame[columns])
    try:
        conn.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM "{view}"')  # noqa: S608
    finally:
        _unregister(conn, view)


def _python_rows(frame: pd.DataFrame) -> list[list[object]]:
    """The frame's rows as plain Python values (NaN, NaT and NA as None) for bound rows."""
    columns = [
        [None if pd.isna(v) else v for v in frame[column].astype(object).tolist()]
        for column in frame.columns
    ]
    return [list(row) for row in zip(*columns, strict=True)]


def _stage(conn: store.Connection, name: str, frame: pd.DataFrame) -> None:
    """Make ``frame`` (text columns) readable as the relation ``name`` for the next statements:
    a registered view on DuckDB, a temporary table filled with bound rows on PostgreSQL."""
    store.require_door()
    if not _is_pg(conn):
        conn.register(name, frame)
        return
    columns = ", ".join(f'"{c}" VARCHAR' for c in frame.columns)
    conn.execute(f'CREATE TEMP TABLE "{name}" ({columns})')
    if not frame.empty:
        marks = ", ".join("?" for _ in frame.columns)
        conn.executemany(
            f'INSERT INTO "{name}" VALUES ({marks})',  # noqa: S608 - fixed staging names
            [[None if v is None else str(v) for v in row] for row in _python_rows(frame)],
        )


def _unregister(conn: duckdb.DuckDBPyConnection, view: str) -> None:
    """Unregister ``view``; in a transaction a failed statement aborted, DuckDB refuses even
    that ("Current transaction is aborted") – the failure that aborted it is what counts, so
    this one must not replace it. On PostgreSQL the staging table is dropped (and goes with
    a rollback anyway)."""
    store.require_door()
    if _is_pg(conn):
        with suppress(*store.db_errors()):
            conn.execute(f'DROP TABLE IF EXISTS "{view}"')
        return
    with suppress(duckdb.Error):
        conn.unregister(view)


def _prepared(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Store-typed columns: dates as dates, empty optional texts as NULL."""
    frame = frame.copy()
    if table == "assessments":
        frame["assessed_on"] = pd.to_datetime(frame["assessed_on"]).dt.date
    if table == "options":
        frame["replaces_system"] = (
            frame["replaces_system"]
            .map(lambda v: v if isinstance(v, str) and v else None)
            .astype(object)
        )
    return frame


_KEY_SQL = {
    "systems": "id",
    "options": "id",
    "cost_lines": "id",
    "assessments": "option_id || chr(31) || criterion",
}
# A row not in the result that would still be visible afterwards is marked removed:
# options always, cost lines and assessments when their option stays active.
_STILL_VISIBLE = {
    "options": "TRUE",
    "cost_lines": "option_id IN (SELECT id FROM import_active)",
    "assessments": "option_id IN (SELECT id FROM import_active)",
}


def _has_removed_at(conn: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(
        conn.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND table_name = ? AND column_name = 'removed_at'",
            [table],
        ).fetchone()[0]
    )


def _keep(
    conn: duckdb.DuckDBPyConnection, table: str, result: pd.DataFrame, now: dt.datetime
) -> None:
    """Copy the rows the result does not replace into ``keep_<table>``, marked as needed.

    Rows the editors removed earlier (``removed_at``) stay as they are – they are history.
    Rows the import removes are marked removed (soft delete) rather than deleted, so the
    editing page's history and undo keep working; systems have no such mark and go.
    """
    store.require_door()
    keys = pd.DataFrame({"k": key_series(result, table).astype(str).to_numpy()})
    _stage(conn, "import_keys", keys)
    try:
        conn.execute(
            f'CREATE TEMP TABLE "keep_{table}" AS SELECT * FROM "{table}" WHERE NOT EXISTS'  # noqa: S608
            f" (SELECT 1 FROM import_keys WHERE k = CAST({_KEY_SQL[table]} AS VARCHAR))"
        )
    finally:
        _unregister(conn, "import_keys")
    if table in _STILL_VISIBLE and _has_removed_at(conn, table):
        conn.execute(
            f'UPDATE "keep_{table}" SET removed_at = ? WHERE removed_at IS NULL'  # noqa: S608
            f" AND {_STILL_VISIBLE[table]}",
            [now],
        )


def _rebuild(
    conn: duckdb.DuckDBPyConnection, result: dict[str, pd.DataFrame], now: dt.datetime
) -> None:
    """Replace the data tables' contents (inside the write door's transaction).

    Rows the import removes get ``removed_at = now``, the time of the import's audit entries,
    so a removal can be undone from the audit trail like one made on the editing page.
    """
    store.require_door()
    ddl, edges = _catalogue(conn)
    drop_order = _family(edges)
    indexes = []
    if not _is_pg(conn):
        indexes = conn.execute(
            "SELECT sql FROM duckdb_indexes() WHERE database_name = current_database()"
            " AND schema_name = 'main' AND sql IS NOT NULL AND list_contains(?, table_name)",
            [drop_order],
        ).fetchall()
    _stage(conn, "import_active", result["options"][["id"]])
    _stage(conn, "import_systems", result["systems"][["id"]])
    try:
        for table in drop_order:
            if table == "systems":
                continue  # no soft delete: systems missing from the result are deleted
            if table in TABLES:
                _keep(conn, table, result[table], now)
            else:
                conn.execute(f'CREATE TEMP TABLE "keep_{table}" AS SELECT * FROM "{table}"')  # noqa: S608
        conn.execute(
            "UPDATE keep_options SET replaces_system = NULL WHERE replaces_system IS NOT NULL"
            " AND replaces_system NOT IN (SELECT id FROM import_systems)"
        )
    finally:
        _unregister(conn, "import_active")
        _unregister(conn, "import_systems")
    for table in drop_order:  # children first
        if _is_pg(conn):  # foreign keys are checked per statement: keep the table
            conn.execute(f'DELETE FROM "{table}"')  # noqa: S608 - names from the catalogue
        else:
            conn.execute(f'DROP TABLE "{table}"')
    for table in reversed(drop_order):  # parents first
        if not _is_pg(conn):
            conn.execute(ddl[table])
        if table in TABLES:
            sheet = next(s for s in DATA_SHEETS if s.table == table)
            frame = _prepared(table, result[table])
            columns = [c.key for c in sheet.own]  # English twins: _write_english
            if table == "cost_lines":
                has_id = frame["id"].notna().to_numpy()
                _insert_frame(conn, table, frame[has_id], columns)
                _insert_frame(conn, table, frame[~has_id], columns[1:])
            else:
                _insert_frame(conn, table, frame, columns)
        if table != "systems":
            conn.execute(f'INSERT INTO "{table}" SELECT * FROM "keep_{table}"')  # noqa: S608
            conn.execute(f'DROP TABLE "keep_{table}"')
    for (sql,) in indexes:
        conn.execute(sql)


def _write_english(conn: store.Connection, plan: ImportPlan) -> None:
    """The English texts the file added or changed, into ``english_texts`` with the German
    text each belongs to (the audit entries of these fields come from :func:`_entries`).
    A German text changed beside an unchanged English twin leaves that translation in
    place but no longer shown (:mod:`core.store.migration_english`). A cost line new in the
    file gets its id only on insert: its English texts are entered on the Daten page."""
    store.require_door()
    for change in plan.changes:
        twins = english.columns(change.table)
        new = change.new or {}
        if change.action == "removed" or not twins:
            continue
        if change.action == "changed":
            wanted = {c: new.get(c) or "" for c in change.fields if c in twins}
        else:
            wanted = {c: new[c] for c in twins if new.get(c)}
        if not wanted or (change.table == "cost_lines" and new.get("id") is None):
            continue
        english.write(conn, change.table, change.key, new, wanted)


def removals(plan: ImportPlan) -> list[Change]:
    """The rows a plan removes, in the order of the preview."""
    return [c for c in plan.changes if c.action == "removed"]


def _entries(plan: ImportPlan, skipped: int) -> list[audit.Entry]:
    """One audit entry per changed field, per added and per removed row, and one for the import."""
    entries: list[audit.Entry] = []
    for change in plan.changes:
        key = change.key.replace(" · ", "/")
        if change.action == "changed":
            old, new = change.old or {}, change.new or {}
            entries.extend(
                audit.Entry("update", change.table, key, f, old.get(f), new.get(f))
                for f in change.fields
            )
        elif change.action == "added":
            entries.append(audit.Entry("add", change.table, key, "", None, change.new))
        else:
            entries.append(audit.Entry("remove", change.table, key, "", change.old, None))
    entries.append(
        audit.Entry(
            "import",
            "imports",
            plan.file_name or "?",
            "",
            None,
            {
                "file": plan.file_name,
                "sha256": plan.sha256,
                "areas": list(plan.scope),
                **plan.totals(),
                "conflicts_skipped": skipped,
                "exported_at_version": plan.export_version,
            },
        )
    )
    return entries


def apply_plan(
    conn: duckdb.DuckDBPyConnection,
    plan: ImportPlan,
    actor: auth.Actor,
    *,
    skip_conflicts: bool = False,
    allow_removals: bool = False,
    dry_run: bool = False,
) -> ApplyResult:
    """Apply a valid plan through the write door (role, one transaction, audit, version).

    A plan with conflicts is refused unless ``skip_conflicts`` (the user chose "apply the
    rest": the conflicting rows stay as the store has them). A plan that removes rows needs
    ``allow_removals`` (the page asks separately, the CLI wants ``--allow-removals``); each
    removed row gets its own "remove" audit entry, so options and cost lines can be undone.
    A plan without changes writes nothing; a plan made at an older data version is refused
    (check the file again). ``dry_run`` runs the very same apply inside the door – every
    statement, every store constraint, the import log and the audit entries – and rolls it
    back, so a dry run that passes means the import will, and a failure names its real cause.
    """
    auth.require_editor(actor)
    if not plan.ok:
        raise InputError("import_not_valid", count=len(plan.issues))
    if plan.conflicts and not skip_conflicts:
        raise StoreError("import_conflicts", count=len(plan.conflicts))
    totals = plan.totals()
    if not plan.changes:
        return ApplyResult(False, store.data_version(conn)[0], 0, 0, 0)
    if removals(plan) and not (allow_removals or dry_run):
        raise InputError("import_removals_unconfirmed", count=len(removals(plan)))
    logged: dict[str, int] = {}

    def work(when: dt.datetime) -> list[audit.Entry]:
        version = store.data_version(conn)[0]
        if version != plan.base_version:
            raise StoreError("import_stale")
        _rebuild(conn, plan.result, when)
        _write_english(conn, plan)
        conn.execute(
            "INSERT INTO import_log (imported_by, file_name, file_sha256, areas, added,"
            " changed, removed, details, data_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                actor.name,
                plan.file_name,
                plan.sha256,
                ",".join(plan.scope),
                totals["added"],
                totals["changed"],
                totals["removed"],
                json.dumps(plan.counts(), sort_keys=True),
                version + 1,  # audited_write raises the version by one when this returns
            ],
        )
        logged["version"] = version + 1
        return _entries(plan, len(plan.conflicts))

    try:
        result = audit.audited_write(conn, actor, work, dry_run=dry_run)
    except CockpitError:
        raise
    except store.db_errors() as exc:
        raise StoreError("import_failed", error=str(exc).splitlines()[0]) from exc
    if dry_run:
        return ApplyResult(
            False, result.version, totals["added"], totals["changed"], totals["removed"]
        )
    if result.version != logged["version"]:  # cannot happen under the door's lock
        raise StoreError("import_failed", error="data version moved during the import")
    return ApplyResult(True, result.version, totals["added"], totals["changed"], totals["removed"])


def import_log(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The import log, newest first."""
    return conn.execute("SELECT * FROM import_log ORDER BY id DESC").df()
