"""Shared fixtures: an in-memory, migrated, seeded store; connections closed after each test.

``pg_url`` is a throwaway PostgreSQL server (:mod:`tests.pg_server`) started once for the
whole run and stopped at its end. Without the Debian package the PostgreSQL tests skip,
except under ``CI=true`` where that is an error.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import duckdb
import psycopg
import pytest
from hypothesis import settings

from core import store
from core.store import pg, seed
from tests.pg_server import PgServer, PgServerUnavailable

BACKENDS = ("duckdb", "postgresql")

# No timed assertions in the suite: hypothesis' default 200 ms deadline per example is one
# (it failed a stakeholder test on a loaded machine). Speed is measured in `make bench`.
settings.register_profile("cockpit", deadline=None)
settings.load_profile("cockpit")


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL tests cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """URL of a database on a PostgreSQL server that lives for the whole test run."""
    try:
        server = PgServer()
    except PgServerUnavailable as exc:
        _missing(str(exc))
    with server:
        yield server.url
        pg.close_pools()  # give every pooled connection back before the server stops


@pytest.fixture
def pg_schema_url(pg_url: str) -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL schema on the run's server, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")  # generated name, no user input
    url = f"{pg_url}?options=-csearch_path%3D{schema}"
    try:
        yield url
    finally:
        pg.close_pool(url)
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def store_target(request: pytest.FixtureRequest) -> str:
    """``COCKPIT_DB`` of an empty store on each back-end: DuckDB in memory, and a fresh
    PostgreSQL schema (``pg_schema_url``). Tests that take this fixture, or ``backend_conn``,
    run once per back-end."""
    if request.param == "duckdb":
        return ":memory:"
    return request.getfixturevalue("pg_schema_url")


@pytest.fixture
def backend_conn(store_target: str) -> Iterator[store.Connection]:
    """A migrated, empty store on each back-end."""
    conn = store.connect(store_target)
    yield conn
    conn.close()


@pytest.fixture
def empty_conn() -> Iterator[duckdb.DuckDBPyConnection]:
    conn = store.connect(":memory:")
    yield conn
    conn.close()


@pytest.fixture
def conn(empty_conn: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    seed.load_seed(empty_conn)
    return empty_conn
