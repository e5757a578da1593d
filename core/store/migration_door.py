"""Migration ``0005_write_door``: the audit trail records imports.

Every change now goes through one door (:func:`core.editing.audit.audited_write`), the
Excel import included. An import writes one audit entry per changed field (actions
``update``/``add``/``remove``) and one entry that describes the import itself (file name,
SHA-256, counts) with the new action ``import``. ``audit_log.action`` was created with a
CHECK listing four actions; DuckDB has no ``DROP CONSTRAINT``, so the table is rebuilt with
:func:`core.store.rebuild.rebuild_table` (no table references ``audit_log``): same columns,
same constraints, the action list widened by ``import``. The id sequence is kept. PostgreSQL
swaps the check in place.
"""

from __future__ import annotations

from core.store import dialect
from core.store.dialect import Connection
from core.store.rebuild import rebuild_table

NAME = "0005_write_door"
ACTIONS = ("update", "add", "remove", "restore", "import")
_ACTION_LIST = ", ".join(f"'{a}'" for a in ACTIONS)

AUDIT_DDL = f"""
    CREATE TABLE audit_log (
        id BIGINT PRIMARY KEY DEFAULT nextval('audit_log_ids'),
        changed_at TIMESTAMP NOT NULL,
        actor VARCHAR NOT NULL CHECK (length(trim(actor)) > 0),
        role VARCHAR NOT NULL CHECK (role IN ('editor', 'participant')),
        action VARCHAR NOT NULL CHECK (action IN ({", ".join(f"'{a}'" for a in ACTIONS)})),
        entity VARCHAR NOT NULL,
        entity_key VARCHAR NOT NULL,
        field VARCHAR NOT NULL DEFAULT '',
        old_value VARCHAR,
        new_value VARCHAR,
        data_version INTEGER NOT NULL,
        undoes BIGINT
    )"""
AUDIT_COLUMNS = (
    "id, changed_at, actor, role, action, entity, entity_key, field, old_value, new_value,"
    " data_version, undoes"
)


STORE_ID = "0005_store_identity"
STORE_ID_SQL = ("INSERT INTO meta VALUES ('store_id', CAST(uuid() AS VARCHAR))",)
STORE_ID_PG_SQL = "INSERT INTO meta VALUES ('store_id', CAST(gen_random_uuid() AS VARCHAR))"
"""Migration ``0005_store_identity``: a random id per store in ``meta``. An export records it
in its base sheet, so an import can tell a file of this store (three-way merge against the
base) from a file of another installation (its rows are simply added or replace rows)."""


def apply(conn: Connection) -> None:
    """Rebuild ``audit_log`` with ``import`` among the allowed actions."""
    if dialect.of(conn).is_postgres:
        # PostgreSQL's name for the column check on ``action`` of migration 0003.
        conn.execute("ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check")
        conn.execute(
            "ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check"
            f" CHECK (action IN ({_ACTION_LIST}))"
        )
    else:
        rebuild_table(conn, "audit_log", AUDIT_DDL, AUDIT_COLUMNS, NAME)


def apply_store_id(conn: Connection) -> None:
    """Give the store its random identity (``uuid()`` on DuckDB, ``gen_random_uuid()`` on PG)."""
    conn.execute(STORE_ID_PG_SQL if dialect.of(conn).is_postgres else STORE_ID_SQL[0])
