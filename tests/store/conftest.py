"""The store tests run on both back-ends: ``empty_conn`` and ``conn`` are parametrised over
DuckDB and PostgreSQL (``store_target`` in tests/conftest.py). Under ``CI=true`` the
PostgreSQL variants run, never skip."""

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
