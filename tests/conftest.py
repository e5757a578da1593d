"""Shared fixtures: an in-memory, migrated, seeded store; connections closed after each test."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from core import store
from core.store import seed


@pytest.fixture
def empty_conn() -> Iterator[duckdb.DuckDBPyConnection]:
    conn = store.connect(":memory:")
    yield conn
    conn.close()


@pytest.fixture
def conn(empty_conn: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    seed.load_seed(empty_conn)
    return empty_conn
