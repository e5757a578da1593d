"""Migration ``0006_data_ranges_area_weights``: ranges on data and area weights in scenarios.

* ``assessments.value_low`` / ``value_high`` and ``cost_lines.investment_low`` /
  ``investment_high`` / ``annual_low`` / ``annual_high``: an optional explicit range (low –
  high) of a figure. NULL means "no explicit range": the declared default by kind applies
  (:mod:`core.scoring.ranges`). Both ends or neither; low ≤ value ≤ high is checked on every
  write path (editing, Excel import), since DuckDB cannot add a CHECK to an existing table.
* ``profile_area_weights``: the area weights of a saved scenario (profile slug, area slug,
  weight); an area without a row weighs 1. No foreign keys, so ``weight_profiles`` and
  ``areas`` can still be rebuilt by later migrations; the write path checks the slugs.
"""

from __future__ import annotations

from core.store import dialect
from core.store.dialect import Connection, Dialect

NAME = "0006_data_ranges_area_weights"

RANGE_COLUMNS = {
    "assessments": ("value_low", "value_high"),
    "cost_lines": ("investment_low", "investment_high", "annual_low", "annual_high"),
}


def area_weights_ddl(d: Dialect) -> str:
    """The ``profile_area_weights`` table in the back-end's spelling."""
    return f"""
    CREATE TABLE profile_area_weights (
        profile VARCHAR NOT NULL,
        area VARCHAR NOT NULL,
        weight {d.double} NOT NULL CHECK ({d.finite("weight")} AND weight >= 0),
        PRIMARY KEY (profile, area)
    )"""


AREA_WEIGHTS_DDL = area_weights_ddl(dialect.DUCKDB)


def apply(conn: Connection) -> None:
    """Add the nullable range columns and the area-weights table."""
    d = dialect.of(conn)
    for table, columns in RANGE_COLUMNS.items():
        for column in columns:
            conn.execute(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {d.double}')
    conn.execute(area_weights_ddl(d))
