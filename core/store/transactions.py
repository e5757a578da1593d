"""The one place that writes BEGIN, COMMIT and ROLLBACK.

``with transaction(conn) as tx:`` commits when the block ends normally and rolls back when
it raises (the exception propagates unchanged) or when the block called ``tx.rollback()``
because it found nothing to write. ``serialize=True`` also holds the process-wide write
lock, so that two sessions of one app server never interleave their writes. The same
statements run on DuckDB and on PostgreSQL (whose pooled connections are in autocommit
mode outside such a block, like DuckDB's).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress

from core.store.dialect import DB_ERRORS, Connection

WRITE_LOCK = threading.RLock()


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
            yield tx
            conn.execute("ROLLBACK" if tx.rolled_back else "COMMIT")
        except BaseException:
            with suppress(*DB_ERRORS):  # keep the original error, not "no transaction"
                conn.execute("ROLLBACK")
            raise
