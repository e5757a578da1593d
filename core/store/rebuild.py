"""Rebuilding a table under a new definition, for migrations DuckDB cannot express as ALTER.

DuckDB has no ``ALTER TABLE … DROP CONSTRAINT`` and refuses to alter a table that foreign
keys point at. A migration that must change a constraint therefore copies the table and its
direct children aside, drops the children and the table, creates the table anew, copies the
rows back, recreates the children from their stored definition and restores the indexes.
Runs inside the migration's transaction (DuckDB DDL is transactional).
"""

from __future__ import annotations

import duckdb

from core.errors import StoreError


def children(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """Tables with a foreign key to ``table`` (other than itself), by name."""
    rows = conn.execute(
        "SELECT DISTINCT table_name FROM duckdb_constraints()"
        " WHERE database_name = current_database() AND schema_name = 'main'"
        " AND constraint_type = 'FOREIGN KEY' AND referenced_table = ? AND table_name <> ?"
        " ORDER BY table_name",
        [table, table],
    ).fetchall()
    return [r[0] for r in rows]


def table_sql(conn: duckdb.DuckDBPyConnection, table: str) -> str:
    """The stored CREATE TABLE statement of ``table``."""
    return conn.execute(
        "SELECT sql FROM duckdb_tables() WHERE database_name = current_database()"
        " AND schema_name = 'main' AND table_name = ?",
        [table],
    ).fetchone()[0]


def rebuild_table(
    conn: duckdb.DuckDBPyConnection, table: str, ddl: str, columns: str, migration: str
) -> None:
    """Recreate ``table`` with ``ddl`` and copy ``columns`` back; its children unchanged.

    Children of the children would have to be rebuilt too; that is refused (StoreError
    naming ``migration``) rather than attempted.
    """
    kids = children(conn, table)
    for child in kids:
        if children(conn, child):
            raise StoreError("migration_failed", name=migration, error=f"{child} has dependents")
    child_sql = {child: table_sql(conn, child) for child in kids}
    indexes = conn.execute(
        "SELECT sql FROM duckdb_indexes() WHERE database_name = current_database()"
        " AND schema_name = 'main' AND sql IS NOT NULL AND list_contains(?, table_name)",
        [[table, *kids]],
    ).fetchall()
    for name in [table, *kids]:
        conn.execute(f'CREATE TEMP TABLE "keep_{name}" AS SELECT * FROM "{name}"')  # noqa: S608
    for child in kids:
        conn.execute(f'DROP TABLE "{child}"')
    conn.execute(f'DROP TABLE "{table}"')
    conn.execute(ddl)
    conn.execute(
        f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM "keep_{table}"'  # noqa: S608
    )
    for child in kids:
        conn.execute(child_sql[child])
        conn.execute(f'INSERT INTO "{child}" SELECT * FROM "keep_{child}"')  # noqa: S608
    for name in [table, *kids]:
        conn.execute(f'DROP TABLE "keep_{name}"')
    for (sql,) in indexes:
        conn.execute(sql)
