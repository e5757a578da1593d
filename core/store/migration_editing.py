"""Migration ``0003_editing_audit``: the audit trail, soft delete and renamable options.

* ``audit_log``: append-only; who, when, which entity and field, old and new value (JSON
  text), the data version the change produced, and for an undo the entry it reverses. It
  has no foreign keys on purpose: it must outlive the rows it describes.
* ``removed_at`` on options, criteria, cost lines, assessments and weight profiles: DuckDB
  checks foreign keys eagerly per transaction, so a parent and its children cannot be
  deleted in one transaction. Removal therefore marks rows, reads hide marked rows, and an
  undo clears the mark.
* ``options`` loses ``UNIQUE (area, name)``: DuckDB executes an update of an indexed column
  as delete + insert, which the eager foreign-key check refuses while assessments point at
  the option – an option could never be renamed. Unique names among the *active* options of
  an area are checked by :mod:`core.editing.edits` (and by the Excel import) instead; that is also
  the right rule once removed options keep their old names.

Runs inside the migration's transaction (DuckDB and PostgreSQL DDL is transactional). On
PostgreSQL, which can drop a constraint, ``options`` is altered instead of rebuilt.
"""

from __future__ import annotations

import duckdb

from core.store import dialect
from core.store.dialect import Connection
from core.store.rebuild import rebuild_table

SOFT_DELETE_TABLES = ("criteria", "weight_profiles", "assessments", "cost_lines")

AUDIT_DDL = (
    "CREATE SEQUENCE audit_log_ids START 1",
    """
    CREATE TABLE audit_log (
        id BIGINT PRIMARY KEY DEFAULT nextval('audit_log_ids'),
        changed_at TIMESTAMP NOT NULL,
        actor VARCHAR NOT NULL CHECK (length(trim(actor)) > 0),
        role VARCHAR NOT NULL CHECK (role IN ('editor', 'participant')),
        action VARCHAR NOT NULL CHECK (action IN ('update', 'add', 'remove', 'restore')),
        entity VARCHAR NOT NULL,
        entity_key VARCHAR NOT NULL,
        field VARCHAR NOT NULL DEFAULT '',
        old_value VARCHAR,
        new_value VARCHAR,
        data_version INTEGER NOT NULL,
        undoes BIGINT
    )""",
    "CREATE INDEX audit_log_entity ON audit_log (entity, entity_key)",
)

OPTIONS_DDL = """
    CREATE TABLE options (
        id VARCHAR PRIMARY KEY CHECK (regexp_full_match(id, '[a-z0-9]+(-[a-z0-9]+)*')),
        area VARCHAR NOT NULL REFERENCES areas (slug),
        replaces_system VARCHAR REFERENCES systems (id),
        pathway VARCHAR NOT NULL
            CHECK (pathway IN ('status_quo', 'standard', 'best_practice', 'joint_kdn')),
        name VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
        partner VARCHAR NOT NULL DEFAULT '',
        description VARCHAR NOT NULL DEFAULT '',
        source VARCHAR NOT NULL CHECK (length(trim(source)) > 0),
        removed_at TIMESTAMP
    )"""
OPTION_COLUMNS = "id, area, replaces_system, pathway, name, partner, description, source"


def _rebuild_options(conn: duckdb.DuckDBPyConnection) -> None:
    """Recreate ``options`` without UNIQUE (area, name), its children unchanged."""
    rebuild_table(conn, "options", OPTIONS_DDL, OPTION_COLUMNS, "0003_editing_audit")


def apply(conn: Connection) -> None:
    """Create the audit trail, add ``removed_at`` columns and rebuild ``options``."""
    for statement in AUDIT_DDL:
        conn.execute(statement)
    for table in SOFT_DELETE_TABLES:
        conn.execute(f'ALTER TABLE "{table}" ADD COLUMN removed_at TIMESTAMP')
    if dialect.of(conn).is_postgres:
        # PostgreSQL's name for the table constraint UNIQUE (area, name) of migration 0001.
        conn.execute("ALTER TABLE options DROP CONSTRAINT options_area_name_key")
        conn.execute("ALTER TABLE options ADD COLUMN removed_at TIMESTAMP")
    else:
        _rebuild_options(conn)
