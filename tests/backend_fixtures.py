"""``empty_conn`` and ``conn`` parametrised over DuckDB and PostgreSQL (``backend_conn`` in
tests/conftest.py), for the test folders that run on both back-ends (tests/store,
tests/editing). Under ``CI=true`` the PostgreSQL variants run, never skip."""

from __future__ import annotations

import pytest

from core import store
from core.store import seed


@pytest.fixture
def empty_conn(backend_conn: store.Connection) -> store.Connection:
    return backend_conn


@pytest.fixture
def conn(empty_conn: store.Connection) -> store.Connection:
    seed.load_seed(empty_conn)
    return empty_conn
