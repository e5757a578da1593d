"""The Excel tests run on both back-ends (see tests/backend_fixtures.py)."""

from tests.backend_fixtures import conn, empty_conn

__all__ = ["conn", "empty_conn"]
