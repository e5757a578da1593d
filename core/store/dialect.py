"""The two SQL back-ends of the store and the few places where their SQL differs.

The store runs on DuckDB (embedded, the default) and on PostgreSQL (``COCKPIT_DB=
postgresql://…``, see :mod:`core.store.pg`). Queries are written in the SQL both understand;
what they cannot share — column types and check functions in the schema, catalogue look-ups
— is spelled here, once, and the migrations build their DDL through a :class:`Dialect`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

import duckdb
import psycopg

if TYPE_CHECKING:
    from core.store.pg import PgConnection

# An open store: a DuckDB connection or cursor, or a pooled PostgreSQL connection.
Connection: TypeAlias = "duckdb.DuckDBPyConnection | PgConnection"

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


@dataclass(frozen=True)
class Dialect:
    """How one back-end spells a type or a check."""

    name: str
    double: str

    @property
    def is_postgres(self) -> bool:
        return self.name == "postgresql"

    def finite(self, column: str) -> str:
        """SQL that is true when the double ``column`` is neither NaN nor infinite."""
        if self.is_postgres:
            return f"{column} NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)"
        return f"isfinite({column})"

    def full_match(self, column: str, pattern: str) -> str:
        """SQL that is true when the whole of ``column`` matches the regex ``pattern``.

        ``pattern`` is a constant of the schema (never user input); a quote in it is doubled.
        """
        literal = pattern.replace("'", "''")
        if self.is_postgres:
            return f"{column} ~ '^(?:{literal})$'"
        return f"regexp_full_match({column}, '{literal}')"


DUCKDB = Dialect("duckdb", "DOUBLE")
POSTGRESQL = Dialect("postgresql", "DOUBLE PRECISION")

# Errors of either back-end: any database error, and a violated constraint (check, unique,
# foreign key, not null) in particular.
DB_ERRORS: tuple[type[Exception], ...] = (duckdb.Error, psycopg.Error)
CONSTRAINT_ERRORS: tuple[type[Exception], ...] = (
    duckdb.ConstraintException,
    psycopg.errors.IntegrityError,
)

# A write that collided with a concurrent one (DuckDB: write-write conflict; PostgreSQL:
# serialization failure or deadlock); the caller may retry.
CONFLICT_ERRORS: tuple[type[Exception], ...] = (
    duckdb.TransactionException,
    psycopg.errors.SerializationFailure,
    psycopg.errors.DeadlockDetected,
)


def is_postgres_url(target: str) -> bool:
    """True when the ``COCKPIT_DB`` value names a PostgreSQL database (not a DuckDB file)."""
    return target.startswith(POSTGRES_SCHEMES)


def of(conn: Any) -> Dialect:
    """The dialect of an open store connection."""
    return POSTGRESQL if getattr(conn, "dialect", None) is POSTGRESQL else DUCKDB
