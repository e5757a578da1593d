"""The one place that writes BEGIN, COMMIT and ROLLBACK.

``with transaction(conn) as tx:`` commits when the block ends normally and rolls back when
it raises (the exception propagates unchanged) or when the block called ``tx.rollback()``
because it found nothing to write. ``serialize=True`` also holds the process-wide write
lock, so that two sessions of one app server never interleave their writes, and on
PostgreSQL a transaction-level advisory lock of the store's schema (the tenant's), so that
writers in *different* processes – several app servers, the CLI – follow one another too:
a write's reads (the optimistic check of an edit against the stored row) and its updates
see no other writer's half-done work, and no update is lost. The lock ends with COMMIT or
ROLLBACK; readers never wait for it. The same
statements run on DuckDB and on PostgreSQL (whose pooled connections are in autocommit
mode outside such a block, like DuckDB's).

``door(conn)`` is the transaction of the one write door (:func:`core.editing.audit.audited_write`):
a serialised transaction that marks the current thread as "inside the door". The helpers that
change data rows, the audit trail or the data version call :func:`require_door` first, so
calling one of them directly – past the door's role check and audit – raises instead of
writing. Migrations and the seed (bootstrap of an empty store, before any actor exists) use
:func:`transaction` directly and are the only other writers.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress

from core.store import dialect
from core.store.dialect import Connection, db_errors

WRITE_LOCK = threading.RLock()
# One advisory lock per schema (tenant) for every serialised write, in any process.
WRITE_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext('cockpit-write:' || current_schema()))"
_IN_DOOR: contextvars.ContextVar[bool] = contextvars.ContextVar("cockpit_in_door", default=False)


class OutsideDoorError(RuntimeError):
    """A data-changing helper was called outside the write door (a programming error)."""


class Transaction:
    """Handle of an open transaction: ``rollback()`` asks for a rollback at the block's end."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.rolled_back = False

    def rollback(self) -> None:
        """Discard the transaction's writes when the block ends (instead of committing)."""
        self.rolled_back = True


@contextmanager
def transaction(conn: Connection, *, serialize: bool = False) -> Iterator[Transaction]:
    """Run the block in one transaction: all of its writes land, or none."""
    with WRITE_LOCK if serialize else nullcontext():
        conn.execute("BEGIN TRANSACTION")
        tx = Transaction(conn)
        try:
            if serialize and dialect.of(conn).is_postgres:
                conn.execute(WRITE_LOCK_SQL)  # other processes' writers wait here
            yield tx
            conn.execute("ROLLBACK" if tx.rolled_back else "COMMIT")
        except BaseException:
            with suppress(*db_errors()):  # keep the original error, not "no transaction"
                conn.execute("ROLLBACK")
            raise


@contextmanager
def door(conn: Connection) -> Iterator[Transaction]:
    """The write door's transaction: serialised, and marked so that :func:`require_door` passes."""
    with transaction(conn, serialize=True) as tx:
        token = _IN_DOOR.set(True)
        try:
            yield tx
        finally:
            _IN_DOOR.reset(token)


def in_door() -> bool:
    """Whether this thread is inside the write door's transaction."""
    return _IN_DOOR.get()


def require_door() -> None:
    """Raise :class:`OutsideDoorError` unless called inside :func:`door`."""
    if not _IN_DOOR.get():
        raise OutsideDoorError(
            "data writes go through core.editing.audit.audited_write (the write door)"
        )
