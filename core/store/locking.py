"""Process safety for a store file: one advisory lock per writing process, waits, and a clear
message when the store is held elsewhere.

DuckDB lets one process write a database file, or several processes read it, never both.
Its own file lock is taken when a connection opens and dropped when it closes – and in a
tight open/edit/close loop of many processes DuckDB 2.0.1 alone loses a few committed
writes (4 of 1,000 in the stress run of issue 17). The cockpit therefore takes an advisory
lock (``<store>.lock``, :mod:`filelock`) *before* it opens a store for writing and keeps it
until the last writing connection of the process is closed: writers follow one another,
never overlap. Read-only connections take no advisory lock; they wait only for DuckDB's
own lock to become free.

Both kinds of opening wait up to ``store_wait_seconds`` (a setting) and then raise
:class:`StoreBusyError`, whose German message the CLI prints (exit 2) and the app shows
while it retries.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
from filelock import FileLock, Timeout

from core.errors import StoreError

T = TypeVar("T")
POLL_SECONDS = 0.05


class StoreBusyError(StoreError):
    """The store file is held by another process for longer than we were willing to wait."""

    def __init__(self, path: str) -> None:
        super().__init__("store_busy", path=Path(path).name)


def lock_path(path: str) -> str:
    """The advisory lock file of the store at ``path``."""
    return str(path) + ".lock"


def is_lock_conflict(exc: BaseException) -> bool:
    """True if DuckDB refused to open a file because another process holds its lock."""
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


class _ProcessLock:
    """The advisory lock of one store, held once per process, counted per connection.

    Locks on a file are per process (a second lock object on the same file in the same
    process would wait for itself); DuckDB shares one database instance between the
    connections of a process anyway, so the process needs the lock only once.
    """

    def __init__(self, path: str) -> None:
        self.lock = FileLock(lock_path(path), thread_local=False)
        self.users = 0


_LOCKS: dict[str, _ProcessLock] = {}
_GUARD = threading.Lock()


def _key(path: str) -> str:
    return str(Path(path).resolve())


def acquire(path: str, wait: float) -> None:
    """Take the advisory write lock of ``path`` for one more connection of this process."""
    key = _key(path)
    with _GUARD:
        held = _LOCKS.get(key)
        if held is None:
            held = _LOCKS[key] = _ProcessLock(path)
        if held.users == 0:
            try:
                held.lock.acquire(timeout=wait, poll_interval=POLL_SECONDS)
            except Timeout:
                raise StoreBusyError(path) from None
        held.users += 1


def release(path: str) -> None:
    """Give back one connection's share of the advisory lock (released with the last)."""
    key = _key(path)
    with _GUARD:
        held = _LOCKS.get(key)
        if held is None or held.users == 0:
            return
        held.users -= 1
        if held.users == 0:
            held.lock.release()


def held_here(path: str) -> bool:
    """True if this process holds the advisory write lock of ``path``."""
    held = _LOCKS.get(_key(path))
    return held is not None and held.users > 0


def retrying(path: str, wait: float, open_: Callable[[], T]) -> T:
    """Call ``open_`` until DuckDB stops refusing it for a lock conflict, at most ``wait`` s."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return open_()
        except duckdb.IOException as exc:
            if not is_lock_conflict(exc):
                raise
            if time.monotonic() >= deadline:
                raise StoreBusyError(path) from None
            time.sleep(POLL_SECONDS)


_FINALIZERS: dict[int, weakref.finalize] = {}


def release_with(conn: duckdb.DuckDBPyConnection, path: str) -> None:
    """Release one share of the lock of ``path`` when ``conn`` is closed through
    :func:`released` (``store.close``) or, at the latest, when it is garbage-collected."""
    key = id(conn)

    def done() -> None:
        _FINALIZERS.pop(key, None)
        release(path)

    _FINALIZERS[key] = weakref.finalize(conn, done)


def released(conn: duckdb.DuckDBPyConnection) -> None:
    """Release the lock share of the (just closed) ``conn`` now, if it holds one."""
    finalizer = _FINALIZERS.get(id(conn))
    if finalizer is not None:
        finalizer()
