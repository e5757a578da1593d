"""A thin PostgreSQL connection with the part of DuckDB's connection API the store uses.

The store's code calls ``conn.execute(sql, params)`` and then ``fetchone()``, ``fetchall()``
or ``df()``, opens ``conn.cursor()`` per thread and closes connections with ``with``.
:class:`PgConnection` offers the same on a psycopg 3 connection taken from a
:class:`psycopg_pool.ConnectionPool` (one pool per database URL and process), so one store
module runs on both back-ends.

Parameters are always bound on the server: :func:`translate` turns each ``?`` placeholder
outside string literals, quoted identifiers, comments and dollar-quoted text into ``$1``,
``$2``, … and the query goes through psycopg's raw (server-side ``$n``) cursor. No value is
ever formatted into SQL text. Connections run in autocommit mode, like DuckDB's: a
statement outside ``BEGIN`` commits by itself, and :mod:`core.store.transactions` opens and
closes the explicit transactions.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from core.errors import StoreError
from core.store.dialect import POSTGRESQL

if TYPE_CHECKING:  # imported where used: a DuckDB store and the CLI need neither (fast start)
    import pandas as pd
    import psycopg
    from psycopg_pool import ConnectionPool

_DOLLAR_TAG = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$")
_IDENT_CHAR = re.compile(r"[A-Za-z0-9_]")

# PostgreSQL type OIDs that the DataFrame conversion treats specially.
_INT32 = {21, 23}  # int2, int4
_INT64 = {20}  # int8
_FLOAT = {700, 701, 1700}  # float4, float8, numeric
_BOOL = {16}
_DATETIME = {1082, 1114, 1184}  # date, timestamp, timestamptz


def translate(sql: str) -> tuple[str, int]:
    """``sql`` with its ``?`` placeholders numbered ``$1``, ``$2``, …; and their count.

    Text inside '…' literals (also E'…' with backslash escapes), "…" identifiers, -- and
    /* */ comments and $tag$…$tag$ strings is copied unchanged. A ``$n`` placeholder already in
    the SQL is refused, so that the two styles can never be mixed up.
    """
    out: list[str] = []
    count = 0
    i, n = 0, len(sql)
    while i < n:
        char = sql[i]
        if char == "'":
            escaped = i > 0 and sql[i - 1] in "eE" and (i < 2 or not _IDENT_CHAR.match(sql[i - 2]))
            end = _literal_end(sql, i, "'", backslash=escaped)
        elif char == '"':
            end = _literal_end(sql, i, '"', backslash=False)
        elif sql.startswith("--", i):
            newline = sql.find("\n", i)
            end = n if newline < 0 else newline
        elif sql.startswith("/*", i):
            end = _comment_end(sql, i)
        elif char == "$" and not (i > 0 and _IDENT_CHAR.match(sql[i - 1])):
            tag = _DOLLAR_TAG.match(sql, i)
            if tag is None:
                if i + 1 < n and sql[i + 1].isdigit():
                    raise ValueError("write ? placeholders, not $n")
                end = i + 1
            else:
                close = sql.find(tag.group(0), tag.end())
                if close < 0:
                    raise ValueError("unterminated dollar-quoted string")
                end = close + len(tag.group(0))
        elif char == "?":
            count += 1
            out.append(f"${count}")
            i += 1
            continue
        else:
            end = i + 1
        out.append(sql[i:end])
        i = end
    return "".join(out), count


def _literal_end(sql: str, start: int, quote: str, *, backslash: bool) -> int:
    i = start + 1
    while True:
        j = sql.find(quote, i)
        if backslash:
            k = sql.find("\\", i)
            if 0 <= k < (j if j >= 0 else len(sql)):
                i = k + 2
                continue
        if j < 0:
            raise ValueError(f"unterminated {quote} in SQL")
        if sql.startswith(quote * 2, j):
            i = j + 2
            continue
        return j + 1


def _comment_end(sql: str, start: int) -> int:
    depth, i = 0, start
    while i < len(sql):
        if sql.startswith("/*", i):
            depth += 1
            i += 2
        elif sql.startswith("*/", i):
            depth -= 1
            i += 2
            if depth == 0:
                return i
        else:
            i += 1
    raise ValueError("unterminated comment in SQL")


def _bind(sql: str, params: Sequence[Any] | None) -> tuple[str, list[Any]]:
    query, count = translate(sql)
    values = list(params) if params is not None else []
    if len(values) != count:
        import psycopg

        raise psycopg.ProgrammingError(
            f"the query has {count} placeholders but {len(values)} parameters were given"
        )
    return query, values


class PgResult:
    """The result of one statement: rows to fetch once, or a DataFrame."""

    def __init__(self, cursor: psycopg.Cursor) -> None:
        self._cursor = cursor
        self.description = cursor.description

    def fetchone(self) -> tuple | None:
        return self._cursor.fetchone()

    def fetchall(self) -> list[tuple]:
        return self._cursor.fetchall()

    def df(self) -> pd.DataFrame:
        import pandas as pd

        """The rows as a DataFrame with DuckDB-like dtypes (see :func:`_frame`)."""
        if self.description is None:
            return pd.DataFrame()
        return _frame(self.description, self._cursor.fetchall())


def _frame(description: Sequence[psycopg.Column], rows: list[tuple]) -> pd.DataFrame:
    import pandas as pd

    """Rows to a DataFrame typed as DuckDB's ``df()`` types them.

    Integers become int32/int64 (nullable Int32/Int64 when a NULL is present), doubles
    float64 with NaN, booleans bool (nullable boolean), dates and timestamps datetime64[us].
    """
    names = [c.name for c in description]
    columns: dict[str, pd.Series] = {}
    for index, column in enumerate(description):
        values = [row[index] for row in rows]
        has_null = any(v is None for v in values)
        oid = column.type_code
        if oid in _INT32 or oid in _INT64:
            width = "32" if oid in _INT32 else "64"
            series = pd.Series(values, dtype=f"Int{width}" if has_null else f"int{width}")
        elif oid in _FLOAT:
            series = pd.Series([float("nan") if v is None else float(v) for v in values])
            series = series.astype("float64")
        elif oid in _BOOL:
            series = pd.Series(values, dtype="boolean" if has_null else "bool")
        elif oid in _DATETIME:
            series = pd.Series(pd.to_datetime(values)).astype("datetime64[us]")
        elif values and all(v is None for v in values):
            series = pd.Series(values, dtype=object)
        else:
            series = pd.Series(values)
        columns[str(index)] = series
    frame = pd.DataFrame(columns)
    frame.columns = names
    return frame


_POOLS: dict[tuple[str, str | None], ConnectionPool] = {}
_POOLS_LOCK = threading.Lock()
POOL_WAIT_SECONDS = 30.0


def pool(url: str, tenant: str | None = None) -> ConnectionPool:
    """The process's connection pool for ``url`` and ``tenant`` (opened on first use).

    Each tenant has a pool of its own, whose connections are set up once for that tenant
    (role and search path, :func:`core.store.tenants.session_sql`) and never serve another.
    """
    import psycopg
    from psycopg_pool import ConnectionPool

    statements: tuple[str, ...] = ()
    if tenant is not None:
        from core.store import tenants  # tenants builds on this module

        statements = tenants.session_sql(tenant)

    def configure(conn: psycopg.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    from core import settings  # the pool size is read when the pool opens

    with _POOLS_LOCK:
        found = _POOLS.get((url, tenant))
        if found is None or found.closed:
            found = ConnectionPool(
                url,
                min_size=1,
                max_size=settings.get("pg_pool_size"),
                timeout=POOL_WAIT_SECONDS,
                kwargs={"autocommit": True, "cursor_factory": psycopg.RawCursor},
                configure=configure,
                reset=configure,  # a returned connection is set up for its tenant again
                open=True,
                name=f"cockpit-{tenant or 'single'}",
            )
            _POOLS[(url, tenant)] = found
        return found


def close_pool(url: str) -> None:
    """Close the pools of ``url`` (every tenant's) if this process opened any."""
    with _POOLS_LOCK:
        keys = [key for key in _POOLS if key[0] == url]
        found = [_POOLS.pop(key) for key in keys]
    for each in found:
        each.close()


def close_pools() -> None:
    """Close every pool of this process (tests, shutdown)."""
    with _POOLS_LOCK:
        for found in _POOLS.values():
            found.close()
        _POOLS.clear()


class PgConnection:
    """One pooled PostgreSQL connection, used like a DuckDB connection by the store."""

    dialect = POSTGRESQL

    def __init__(self, url: str, *, read_only: bool = False, tenant: str | None = None) -> None:
        self.url = url
        self.read_only = read_only
        self.tenant = tenant
        self._pool = pool(url, tenant)  # imports psycopg
        from psycopg_pool import PoolTimeout

        self._raw: psycopg.Connection | None = None
        try:
            self._raw = self._pool.getconn()
        except PoolTimeout as exc:  # every pooled connection stayed in use for the whole wait
            raise StoreError(
                "store_pool_exhausted", size=self._pool.max_size, seconds=POOL_WAIT_SECONDS
            ) from exc
        if read_only:
            self._raw.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")

    @property
    def raw(self) -> psycopg.Connection:
        if self._raw is None:
            import psycopg

            raise psycopg.InterfaceError("connection already closed")
        return self._raw

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> PgResult:
        """Run one statement with bound parameters."""
        query, values = _bind(sql, params)
        return PgResult(self.raw.execute(query, values))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each parameter row (pipelined by psycopg)."""
        query, count = translate(sql)
        rows = [list(r) for r in rows]
        if any(len(r) != count for r in rows):
            import psycopg

            raise psycopg.ProgrammingError(f"every row needs {count} parameters")
        with self.raw.cursor() as cur:
            cur.executemany(query, rows)

    def cursor(self) -> PgConnection:
        """Another pooled connection (DuckDB: a cursor per thread); close it after use."""
        return PgConnection(self.url, read_only=self.read_only, tenant=self.tenant)

    def close(self) -> None:
        """Give the connection back to the pool (rolling back anything left open)."""
        raw, self._raw = self._raw, None
        if raw is not None:
            import psycopg

            if raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                raw.execute("ROLLBACK")
            if self.read_only:
                raw.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")
            self._pool.putconn(raw)

    def __enter__(self) -> PgConnection:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __del__(self) -> None:  # a forgotten connection still returns to its pool
        if getattr(self, "_raw", None) is not None:
            try:
                self.close()
            except Exception:  # noqa: S110 - interpreter shutdown; nothing to report to
                pass
