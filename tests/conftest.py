"""Shared fixtures: an in-memory, migrated, seeded store; connections closed after each test.

``pg_url`` is a throwaway PostgreSQL server (:mod:`tests.pg_server`) started once for the
whole run and stopped at its end. Without the Debian package the PostgreSQL tests skip,
except under ``CI=true`` where that is an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import duckdb
import pytest

from core import store
from core.store import seed
from tests.pg_server import PgServer, PgServerUnavailable


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


@pytest.fixture
def empty_conn() -> Iterator[duckdb.DuckDBPyConnection]:
    conn = store.connect(":memory:")
    yield conn
    conn.close()


@pytest.fixture
def conn(empty_conn: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    seed.load_seed(empty_conn)
    return empty_conn
