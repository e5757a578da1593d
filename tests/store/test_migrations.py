"""Migrations: ordered, recorded, applied once, rolled back on failure."""

from __future__ import annotations

import duckdb
import pytest

from core.errors import StoreError
from core.store import migrations


def test_all_migrations_recorded_once() -> None:
    conn = duckdb.connect(":memory:")
    first = migrations.migrate(conn)
    assert first == [m.name for m in migrations.MIGRATIONS]
    assert migrations.migrate(conn) == []
    assert migrations.applied(conn) == first
    conn.close()


def test_failing_migration_rolls_back_and_keeps_earlier_ones() -> None:
    conn = duckdb.connect(":memory:")
    steps = (
        migrations.Migration("0001_ok", ["CREATE TABLE ok_table (x INTEGER)"]),
        migrations.Migration(
            "0002_broken", ["CREATE TABLE half_done (x INTEGER)", "SELECT * FROM no_such_table"]
        ),
    )
    with pytest.raises(StoreError) as info:
        migrations.migrate(conn, steps)
    assert info.value.key == "migration_failed"
    assert "0002_broken" in str(info.value)
    tables = {
        r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert "ok_table" in tables
    assert "half_done" not in tables
    assert migrations.applied(conn) == ["0001_ok"]
    conn.close()


def test_callable_migration_and_rerun_applies_nothing_twice() -> None:
    conn = duckdb.connect(":memory:")
    calls: list[int] = []

    def add_table(c: duckdb.DuckDBPyConnection) -> None:
        calls.append(1)
        c.execute("CREATE TABLE counted (x INTEGER)")

    steps = (migrations.Migration("0001_counted", add_table),)
    migrations.migrate(conn, steps)
    migrations.migrate(conn, steps)
    assert calls == [1]
    conn.close()


def test_schema_rejects_bad_values(empty_conn: duckdb.DuckDBPyConnection) -> None:
    c = empty_conn
    c.execute("INSERT INTO areas VALUES ('ozg', 'OZG', 'OZG', '', 1)")
    with pytest.raises(duckdb.ConstraintException):
        c.execute("INSERT INTO areas VALUES ('Bad Slug', 'x', 'x', '', 2)")
    with pytest.raises(duckdb.ConstraintException):
        c.execute(
            "INSERT INTO options (id, area, pathway, name, source) VALUES (?, ?, ?, ?, ?)",
            ["o1", "ozg", "teleport", "X", "s"],
        )
    with pytest.raises(duckdb.ConstraintException):  # unknown area: foreign key
        c.execute(
            "INSERT INTO options (id, area, pathway, name, source) VALUES (?, ?, ?, ?, ?)",
            ["o1", "nowhere", "standard", "X", "s"],
        )
    c.execute(
        "INSERT INTO options (id, area, pathway, name, source) VALUES (?, ?, ?, ?, ?)",
        ["o1", "ozg", "standard", "X", "s"],
    )
    with pytest.raises(duckdb.ConstraintException):  # negative cost
        c.execute(
            "INSERT INTO cost_lines (option_id, item, investment_eur, annual_cost_eur, staff_fte,"
            " source) VALUES (?, ?, ?, ?, ?, ?)",
            ["o1", "Lizenz", -1.0, 0.0, 0.0, "Quelle"],
        )
    with pytest.raises(duckdb.ConstraintException):  # neither source nor reasoned estimate
        c.execute(
            "INSERT INTO cost_lines (option_id, item, investment_eur, annual_cost_eur, staff_fte,"
            " source, is_estimate, estimate_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ["o1", "Lizenz", 1.0, 0.0, 0.0, "", True, ""],
        )
