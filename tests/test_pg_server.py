"""The throwaway PostgreSQL server of the tests: loopback only, cleaned up after itself."""

from __future__ import annotations

import os

import psycopg
import pytest

from tests.pg_server import PgServer, PgServerUnavailable, bin_dir


def test_server_listens_on_loopback_and_leaves_nothing_behind() -> None:
    try:
        bin_dir()
    except PgServerUnavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    server = PgServer()
    with server:
        assert server.url.startswith("postgresql://cockpit:")
        assert "@127.0.0.1:" in server.url
        with psycopg.connect(server.url) as conn:
            row = conn.execute(
                "SELECT current_setting('listen_addresses'),"
                " current_setting('unix_socket_directories'), current_database()"
            ).fetchone()
        assert row == ("127.0.0.1", str(server.root), "cockpit_test")
        with pytest.raises(psycopg.OperationalError):  # the password is required
            psycopg.connect(f"postgresql://cockpit@127.0.0.1:{server.port}/cockpit_test")
        assert any(server.root.glob(".s.PGSQL.*"))  # the socket is in the temp dir
    assert not server.root.exists()
    with pytest.raises(psycopg.OperationalError):  # stopped
        psycopg.connect(server.url, connect_timeout=2)
