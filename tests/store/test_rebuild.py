"""Rebuilding a table under a new definition: rows, children and indexes come back.

DuckDB only: on PostgreSQL the migrations alter constraints in place instead of rebuilding
(tests/store/test_migrations.py runs them on both back-ends)."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from core.errors import StoreError
from core.store import rebuild


@pytest.fixture
def family() -> Iterator[duckdb.DuckDBPyConnection]:
    conn = duckdb.connect(":memory:")
    conn.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY, kind VARCHAR CHECK (kind = 'a'))")
    conn.execute("CREATE TABLE child (id INTEGER REFERENCES parent (id), note VARCHAR)")
    conn.execute("CREATE INDEX child_note ON child (note)")
    conn.execute("INSERT INTO parent VALUES (1, 'a'), (2, 'a')")
    conn.execute("INSERT INTO child VALUES (1, 'x'), (2, 'y')")
    yield conn
    conn.close()


def test_rebuild_changes_the_constraint_and_keeps_everything_else(
    family: duckdb.DuckDBPyConnection,
) -> None:
    ddl = "CREATE TABLE parent (id INTEGER PRIMARY KEY, kind VARCHAR CHECK (kind IN ('a', 'b')))"
    rebuild.rebuild_table(family, "parent", ddl, "id, kind", "0099_test")
    family.execute("INSERT INTO parent VALUES (3, 'b')")
    assert family.execute("SELECT * FROM child ORDER BY id").fetchall() == [(1, "x"), (2, "y")]
    assert rebuild.children(family, "parent") == ["child"]
    with pytest.raises(duckdb.ConstraintException):
        family.execute("INSERT INTO child VALUES (9, 'z')")
    indexes = family.execute("SELECT index_name FROM duckdb_indexes()").fetchall()
    assert indexes == [("child_note",)]
    temp = family.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchone()
    assert temp == (0,)


def test_grandchildren_are_refused(family: duckdb.DuckDBPyConnection) -> None:
    family.execute("CREATE TABLE grand (id INTEGER PRIMARY KEY)")
    family.execute("CREATE TABLE mid (id INTEGER PRIMARY KEY REFERENCES grand (id))")
    family.execute("CREATE TABLE leaf (id INTEGER REFERENCES mid (id))")
    with pytest.raises(StoreError) as info:
        rebuild.rebuild_table(family, "grand", "CREATE TABLE grand (id INTEGER)", "id", "0099_x")
    assert info.value.key == "migration_failed"
    assert "mid has dependents" in str(info.value)
