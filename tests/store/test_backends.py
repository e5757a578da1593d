"""The PostgreSQL connection adapter: placeholders, bound values, and the same reads as DuckDB."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import psycopg
import pytest

from core import settings, store
from core.store import dialect, pg, seed

READS = (
    "areas",
    "criteria",
    "systems",
    "options",
    "assessments",
    "cost_lines",
    "cost_totals",
    "weight_profiles",
    "sources",
    "estimate_share",
)


@pytest.mark.parametrize(
    ("sql", "expected", "count"),
    [
        ("SELECT ?, ?", "SELECT $1, $2", 2),
        ("SELECT '?' || ?", "SELECT '?' || $1", 1),
        ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1),
        ("SELECT E'a\\'?', ?", "SELECT E'a\\'?', $1", 1),
        ('SELECT "odd?name" FROM t WHERE x = ?', 'SELECT "odd?name" FROM t WHERE x = $1', 1),
        ("SELECT 1 -- why?\n, ?", "SELECT 1 -- why?\n, $1", 1),
        ("SELECT /* a /* nested? */ ? */ ?", "SELECT /* a /* nested? */ ? */ $1", 1),
        ("SELECT $$ ? $$, $tag$ '? $tag$, ?", "SELECT $$ ? $$, $tag$ '? $tag$, $1", 1),
        ("SELECT 100 % 7, '50%'", "SELECT 100 % 7, '50%'", 0),
    ],
)
def test_translate_numbers_placeholders_outside_literals(
    sql: str, expected: str, count: int
) -> None:
    assert pg.translate(sql) == (expected, count)


@pytest.mark.parametrize("sql", ["SELECT $1", "SELECT 'open", 'SELECT "open', "SELECT /* x"])
def test_translate_refuses_dollar_placeholders_and_unterminated_text(sql: str) -> None:
    with pytest.raises(ValueError):
        pg.translate(sql)


def test_dialect_spelling() -> None:
    assert dialect.DUCKDB.finite("x") == "isfinite(x)"
    assert "NaN" in dialect.POSTGRESQL.finite("x")
    assert dialect.POSTGRESQL.full_match("k", "[a-z]+") == "k ~ '^(?:[a-z]+)$'"
    assert dialect.POSTGRESQL.full_match("k", "it's") == "k ~ '^(?:it''s)$'"  # quote doubled
    assert dialect.DUCKDB.full_match("k", "it's") == "regexp_full_match(k, 'it''s')"
    assert dialect.is_postgres_url("postgresql://u@h/db")
    assert not dialect.is_postgres_url("data/cockpit.duckdb")


HOSTILE = ["'); DROP TABLE areas; --", "? $1 %s %(x)s", "a\\'b", "Ümlaut ß €", ""]


def test_values_are_bound_never_spliced(backend_conn: store.Connection) -> None:
    """Text full of quotes, placeholders and percent signs comes back byte for byte."""
    conn = backend_conn
    conn.execute("CREATE TABLE echo (n INTEGER, t VARCHAR, x DOUBLE PRECISION, b BOOLEAN)")
    for n, text in enumerate(HOSTILE):
        conn.execute("INSERT INTO echo VALUES (?, ?, ?, ?)", [n, text, n / 3, n % 2 == 0])
    rows = conn.execute("SELECT n, t, x, b FROM echo WHERE t = ? OR n >= ? ORDER BY n", ["", 0])
    assert [r[1] for r in rows.fetchall()] == HOSTILE
    assert store.is_empty(conn)  # the table areas is still there (and still empty)
    with pytest.raises((psycopg.ProgrammingError, *store.db_errors())):
        conn.execute("SELECT ?, ?", [1])  # wrong number of parameters


def test_nan_is_refused_by_the_schema(backend_conn: store.Connection) -> None:
    conn = backend_conn
    conn.execute("INSERT INTO areas VALUES ('ozg', 'OZG', 'OZG', '', 1)")
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(store.constraint_errors()):
            conn.execute(
                "INSERT INTO systems (id, area, name, kind, annual_cost_eur, source)"
                " VALUES ('s1', 'ozg', 'S', 'saas', ?, 'Quelle')",
                [bad],
            )


def test_postgresql_reads_equal_duckdb_reads(pg_url: str) -> None:
    """Every read returns the same frame (columns, dtypes, values) on both back-ends."""
    duck = store.connect(":memory:")
    seed.load_seed(duck, settings.SEED_DIR)
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute("CREATE SCHEMA parity")
    url = f"{pg_url}?options=-csearch_path%3Dparity"
    try:
        with store.connect(url) as post:
            seed.load_seed(post)
            for name in READS:
                ours, theirs = getattr(store, name)(post), getattr(store, name)(duck)
                if "created_at" in ours:  # the moment of seeding differs
                    ours, theirs = (
                        ours.drop(columns="created_at"),
                        theirs.drop(columns="created_at"),
                    )
                pd.testing.assert_frame_equal(ours, theirs, obj=name)
            for area in store.area_slugs(duck):
                for name in ("options", "assessments", "cost_lines", "cost_totals", "systems"):
                    pd.testing.assert_frame_equal(
                        getattr(store, name)(post, area), getattr(store, name)(duck, area)
                    )
    finally:
        duck.close()
        pg.close_pool(url)
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute("DROP SCHEMA parity CASCADE")


def test_read_only_connection_refuses_writes(store_target: str, tmp_path: Path) -> None:
    if store_target == ":memory:":  # DuckDB opens only a file read-only
        store_target = str(tmp_path / "cockpit.duckdb")
    with store.connect(store_target) as conn:
        seed.load_seed(conn)
    with store.connect(store_target, read_only=True) as ro:
        assert len(store.areas(ro)) == 6
        with pytest.raises(store.db_errors()):
            ro.execute("DELETE FROM meta")
    with store.connect(store_target) as conn, store.door(conn):  # writable again
        store.bump_data_version(conn)
        assert store.data_version(conn)[0] == 2
