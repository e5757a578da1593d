"""The two SQL back-ends of the store and the few places where their SQL differs.

The store runs on DuckDB (embedded, the default) and on PostgreSQL (``COCKPIT_DB=
postgresql://…``, see :mod:`core.store.pg`). Queries are written in the SQL both understand;
what they cannot share — column types and check functions in the schema, catalogue look-ups
— is spelled here, once, and the migrations build their DDL through a :class:`Dialect`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

import duckdb

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

# Errors of either back-end, as functions: psycopg (about 70 ms to import) is loaded only by
# a PostgreSQL store, when it connects (core.store.pg), and no psycopg error can be raised
# before that; so a DuckDB store and the command line never import it.


def _psycopg() -> Any:
    """The psycopg module if something has loaded it, else None."""
    return sys.modules.get("psycopg")


def db_errors() -> tuple[type[Exception], ...]:
    """Any database error of either back-end."""
    pg = _psycopg()
    return (duckdb.Error,) if pg is None else (duckdb.Error, pg.Error)


def constraint_errors() -> tuple[type[Exception], ...]:
    """A violated constraint (check, unique, foreign key, not null) of either back-end."""
    pg = _psycopg()
    found: tuple[type[Exception], ...] = (duckdb.ConstraintException,)
    return found if pg is None else (*found, pg.errors.IntegrityError)


def conflict_errors() -> tuple[type[Exception], ...]:
    """A write that collided with a concurrent one (DuckDB: write-write conflict;
    PostgreSQL: serialization failure or deadlock); the caller may retry."""
    pg = _psycopg()
    found: tuple[type[Exception], ...] = (duckdb.TransactionException,)
    if pg is None:
        return found
    return (*found, pg.errors.SerializationFailure, pg.errors.DeadlockDetected)


def is_postgres_url(target: str) -> bool:
    """True when the ``COCKPIT_DB`` value names a PostgreSQL database (not a DuckDB file)."""
    return target.startswith(POSTGRES_SCHEMES)


def of(conn: Any) -> Dialect:
    """The dialect of an open store connection."""
    return POSTGRESQL if getattr(conn, "dialect", None) is POSTGRESQL else DUCKDB
