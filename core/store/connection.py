"""Opening the store and its data version.

:func:`connect` opens and migrates a store; it never seeds it: the caller seeds an empty
store (:func:`core.store.seed.open_seeded`). The data version rises by one with every write.
``COCKPIT_DB`` names a DuckDB file (the embedded default) or a PostgreSQL database
(``postgresql://user:password@host:port/db``); the rest of the store does not care which.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from core import settings
from core.errors import InputError
from core.store import locking, migrations
from core.store.dialect import Connection, db_errors, is_postgres_url
from core.store.transactions import require_door


def connect(
    path: str | None = None,
    *,
    read_only: bool = False,
    tenant: str | None = None,
    wait: float | None = None,
) -> Connection:
    """Open (and migrate) the store at ``path``; default from the ``COCKPIT_DB`` setting.

    ``path`` is a DuckDB file, ``:memory:`` or a ``postgresql://`` URL. ``tenant`` (default:
    the ``COCKPIT_TENANT`` setting) selects a municipality's store on PostgreSQL
    (:mod:`core.store.tenants`); DuckDB holds one municipality and refuses a tenant.

    A DuckDB file opened for writing holds the advisory lock of :mod:`core.store.locking`
    until the connection is closed with :func:`close` (or collected); both kinds of opening
    wait up to ``wait`` seconds (default: the ``store_wait_seconds`` setting) for another
    process and then raise :class:`~core.store.locking.StoreBusyError`.
    """
    target = path if path is not None else settings.get("db_path")
    tenant = tenant if tenant is not None else (settings.get("tenant") or None)
    if is_postgres_url(target):
        # imported here: psycopg and pandas are not needed by a DuckDB store (fast CLI start)
        from core.store.pg import PgConnection

        pg = PgConnection(target, read_only=read_only, tenant=tenant)
        if not read_only:
            migrations.migrate(pg)
        return pg
    if tenant is not None:
        raise InputError("tenants_need_postgres")
    if target == ":memory:":
        conn = duckdb.connect(target)
        migrations.migrate(conn)
        return conn
    seconds = settings.get("store_wait_seconds") if wait is None else wait
    if read_only:
        return locking.retrying(target, seconds, lambda: duckdb.connect(target, read_only=True))
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    locking.acquire(target, seconds)
    try:
        conn = locking.retrying(target, seconds, lambda: duckdb.connect(target))
        migrations.migrate(conn)
    except BaseException:
        locking.release(target)
        raise
    locking.release_with(conn, target)
    return conn


def close(conn: Connection) -> None:
    """Close ``conn`` and give back its share of the store's advisory lock at once."""
    conn.close()
    locking.released(conn)


def is_current(conn: Connection) -> bool:
    """True if every migration is applied (a read-only connection can use the store)."""
    try:
        rows = conn.execute("SELECT name FROM schema_migrations").fetchall()
    except db_errors():
        return False
    return {m.name for m in migrations.MIGRATIONS} <= {r[0] for r in rows}


def is_empty(conn: Connection) -> bool:
    """True when the store has no review areas."""
    return conn.execute("SELECT count(*) FROM areas").fetchone()[0] == 0


def data_version(conn: Connection) -> tuple[int, str]:
    """The data version number and the date it was set (ISO)."""
    rows = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    return int(rows.get("data_version", "0")), rows.get("data_date", "")


def store_id(conn: Connection) -> str:
    """The store's random identity (migration ``0005_store_identity``)."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
    return "" if row is None else str(row[0])


def bump_data_version(conn: Connection) -> int:
    """Raise the data version by one and stamp today's date; only inside the write door."""
    require_door()
    return raise_version(conn)


def raise_version(conn: Connection) -> int:
    """Raise the data version (the seed's bootstrap; every other write uses the door)."""
    version = data_version(conn)[0] + 1
    conn.execute("UPDATE meta SET value = ? WHERE key = 'data_version'", [str(version)])
    conn.execute("UPDATE meta SET value = ? WHERE key = 'data_date'", [dt.date.today().isoformat()])
    return version
