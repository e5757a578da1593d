"""Migrations: ordered, recorded, applied once, rolled back on failure; on both back-ends."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import duckdb
import pytest

from core import store
from core.errors import StoreError
from core.store import dialect, migration_methods, migrations
from core.store.pg import PgConnection
from tests.store.test_migration_sources import BEFORE, _load_old_seed


@pytest.fixture
def raw(store_target: str) -> Iterator[store.Connection]:
    """An unmigrated, empty store on each back-end."""
    conn = duckdb.connect(":memory:") if store_target == ":memory:" else PgConnection(store_target)
    yield conn
    conn.close()


def _tables(conn: store.Connection) -> set[str]:
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    ).fetchall()
    return {r[0] for r in rows}


def test_all_migrations_recorded_once(raw: store.Connection) -> None:
    conn = raw
    first = migrations.migrate(conn)
    assert first == [m.name for m in migrations.MIGRATIONS]
    assert migrations.migrate(conn) == []
    assert migrations.applied(conn) == first


def test_failing_migration_rolls_back_and_keeps_earlier_ones(raw: store.Connection) -> None:
    conn = raw
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
    tables = _tables(conn)
    assert "ok_table" in tables
    assert "half_done" not in tables
    assert migrations.applied(conn) == ["0001_ok"]


def test_callable_migration_and_rerun_applies_nothing_twice(raw: store.Connection) -> None:
    conn = raw
    calls: list[int] = []

    def add_table(c: store.Connection) -> None:
        calls.append(1)
        c.execute("CREATE TABLE counted (x INTEGER)")

    steps = (migrations.Migration("0001_counted", add_table),)
    migrations.migrate(conn, steps)
    migrations.migrate(conn, steps)
    assert calls == [1]


def test_schema_rejects_bad_values(empty_conn: store.Connection) -> None:
    c = empty_conn
    c.execute("INSERT INTO areas VALUES ('ozg', 'OZG', 'OZG', '', 1)")
    with pytest.raises(store.constraint_errors()):
        c.execute("INSERT INTO areas VALUES ('Bad Slug', 'x', 'x', '', 2)")
    with pytest.raises(store.constraint_errors()):
        c.execute(
            "INSERT INTO options (id, area, pathway, name, source) VALUES (?, ?, ?, ?, ?)",
            ["o1", "ozg", "teleport", "X", "s"],
        )
    with pytest.raises(store.constraint_errors()):  # unknown area: foreign key
        c.execute(
            "INSERT INTO options (id, area, pathway, name, source) VALUES (?, ?, ?, ?, ?)",
            ["o1", "nowhere", "standard", "X", "s"],
        )
    c.execute(
        "INSERT INTO options (id, area, pathway, name, source) VALUES (?, ?, ?, ?, ?)",
        ["o1", "ozg", "standard", "X", "s"],
    )
    with pytest.raises(store.constraint_errors()):  # negative cost
        c.execute(
            "INSERT INTO cost_lines (option_id, item, investment_eur, annual_cost_eur, staff_fte,"
            " source) VALUES (?, ?, ?, ?, ?, ?)",
            ["o1", "Lizenz", -1.0, 0.0, 0.0, "Quelle"],
        )
    with pytest.raises(store.constraint_errors()):  # neither source nor reasoned estimate
        c.execute(
            "INSERT INTO cost_lines (option_id, item, investment_eur, annual_cost_eur, staff_fte,"
            " source, is_estimate, estimate_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ["o1", "Lizenz", 1.0, 0.0, 0.0, "", True, ""],
        )


def _rows(conn: store.Connection, table: str) -> list[tuple]:
    return sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)  # noqa: S608


def _constraints(conn: store.Connection, table: str) -> list[tuple]:
    """(type, definition) of every constraint of ``table``, from the back-end's catalogue."""
    if dialect.of(conn).is_postgres:
        sql = (
            "SELECT contype::text, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = CAST(? AS regclass)"
        )
    else:
        sql = (
            "SELECT constraint_type, constraint_text FROM duckdb_constraints() WHERE table_name = ?"
        )
    return sorted(conn.execute(sql, [table]).fetchall())


def _profile(conn: store.Connection, slug: str, method: str) -> None:
    conn.execute(
        "INSERT INTO weight_profiles (slug, name_de, kind, w_cost, w_citizen_value,"
        " w_feasibility, method) VALUES (?, ?, 'scenario', 1, 1, 1, ?)",
        [slug, slug, method],
    )


def test_method_check_becomes_a_format_check_and_data_survive(raw: store.Connection) -> None:
    """A store at 0003 with presets, scenarios (one soft-deleted) and their sub-weights
    migrates to 0004: every row is kept, only the method check changed, rerun is a no-op."""
    conn = raw
    old = [m for m in migrations.MIGRATIONS if m.name != migration_methods.NAME]
    migrations.migrate(conn, old)
    _load_old_seed(conn)  # the seed of that time (the current one needs migration 0007)
    _profile(conn, "sparkurs", "topsis")
    _profile(conn, "netzwerk", "promethee2")
    conn.execute("UPDATE weight_profiles SET removed_at = TIMESTAMP '2026-01-02 03:04:05'"
                 " WHERE slug = 'netzwerk'")  # fmt: skip
    conn.execute(
        "INSERT INTO profile_criterion_weights SELECT p.slug, c.key, c.sort_order + 0.5"
        " FROM weight_profiles p, criteria c WHERE p.kind = 'scenario'"
    )
    with pytest.raises(store.constraint_errors()):  # the old list knows three methods
        _profile(conn, "produkt", "weighted_product")
    tables = ("weight_profiles", "profile_criterion_weights", "criteria", "options", "audit_log")
    before = {table: _rows(conn, table) for table in tables}
    constraints = {
        t: _constraints(conn, t) for t in ("weight_profiles", "profile_criterion_weights")
    }
    assert len(before["profile_criterion_weights"]) > 0

    assert migrations.migrate(conn, BEFORE) == [migration_methods.NAME]

    assert {table: _rows(conn, table) for table in tables} == before
    assert (
        _constraints(conn, "profile_criterion_weights") == constraints["profile_criterion_weights"]
    )
    old = [c for c in constraints["weight_profiles"] if "promethee2" in c[1]]
    assert len(old) == 1  # the list of three methods
    after = _constraints(conn, "weight_profiles")
    new = [c for c in after if "[a-z][a-z0-9_]*" in c[1]]
    assert len(new) == 1 and new[0][0] == old[0][0]  # a format check, same constraint type
    assert after == sorted([c for c in constraints["weight_profiles"] if c != old[0]] + new)
    _profile(conn, "produkt", "weighted_product")  # any slug: the registry decides
    for bad in ("Weighted Product", "weighted-product", "", "1st"):
        with pytest.raises(store.constraint_errors()):
            _profile(conn, "falsch", bad)
    with pytest.raises(store.constraint_errors()):  # the foreign key still holds
        conn.execute("INSERT INTO profile_criterion_weights VALUES ('nowhere', 'reach', 1)")
    with pytest.raises(store.constraint_errors()):
        conn.execute("DELETE FROM weight_profiles WHERE slug = 'sparkurs'")
    conn.execute("INSERT INTO weight_profiles (slug, name_de, w_cost, w_citizen_value,"
                 " w_feasibility) VALUES ('vorgabe', 'Vorgabe', 1, 0, 0)")  # fmt: skip
    assert conn.execute(
        "SELECT method, kind FROM weight_profiles WHERE slug = 'vorgabe'"
    ).fetchone() == ("wsm", "preset")  # defaults kept

    assert migrations.migrate(conn, BEFORE) == []
    assert migrations.applied(conn)[-1] == migration_methods.NAME
    conn.close()


def test_write_door_migration_keeps_the_audit_trail_and_allows_import_entries() -> None:
    """A store at 0004 with audit entries migrates to 0005: rows and the id sequence kept,
    the action ``import`` allowed, other actions still refused; the store gets an identity."""
    from core.store import migration_door

    conn = duckdb.connect(":memory:")
    names = (migration_door.NAME, migration_door.STORE_ID)
    migrations.migrate(conn, [m for m in migrations.MIGRATIONS if m.name not in names])
    insert = (
        "INSERT INTO audit_log (changed_at, actor, role, action, entity, entity_key,"
        " data_version) VALUES (TIMESTAMP '2026-01-02 03:04:05', 'anna', 'editor', ?, 'options',"
        " 'x', 1)"
    )
    conn.execute(insert, ["update"])
    with pytest.raises(duckdb.ConstraintException):
        conn.execute(insert, ["import"])
    before = _rows(conn, "audit_log")
    assert migrations.migrate(conn) == list(names)
    assert _rows(conn, "audit_log") == before
    conn.execute(insert, ["import"])
    ids = [r[0] for r in conn.execute("SELECT id FROM audit_log ORDER BY id").fetchall()]
    assert len(ids) == 2 and ids[1] > ids[0]  # the sequence continues
    with pytest.raises(duckdb.ConstraintException):
        conn.execute(insert, ["delete"])
    (store_id,) = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
    assert len(store_id) == 36


def test_servers_starting_at_once_migrate_once(pg_schema_url: str) -> None:
    """Four app servers open one empty PostgreSQL store at the same moment: each migration
    runs once (an advisory lock serialises them) and every server gets a migrated store."""
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def start() -> None:
        try:
            barrier.wait()
            store.connect(pg_schema_url).close()
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with store.connect(pg_schema_url) as conn:
        assert migrations.applied(conn) == [m.name for m in migrations.MIGRATIONS]
        assert store.is_empty(conn)
