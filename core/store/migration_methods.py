"""Migration ``0004_method_key_format``: the store no longer lists the scoring methods.

``weight_profiles.method`` was created with ``CHECK (method IN ('wsm', 'topsis',
'promethee2'))``, so adding a scoring method meant changing the schema. The scoring-method
registry (:mod:`core.scoring.methods`) is the one authority on which methods exist and the
write path (:class:`core.scoring.weightset.WeightSet`) checks against it; the store keeps
a format check only: a method key is a lower-case slug (``[a-z][a-z0-9_]*``, the registry's
``KEY_PATTERN``).

DuckDB (2.0) has no ``ALTER TABLE … DROP CONSTRAINT``, cannot change the type of a column with
a CHECK, and refuses to drop or rename a column of a table that foreign keys point at
(``profile_criterion_weights``). So the table is rebuilt with
:func:`core.store.rebuild.rebuild_table`: same columns in the same order (including
``removed_at`` from migration 0003), same constraints except the method check; the child
table is recreated from its stored definition and every row is copied back. PostgreSQL can
drop a constraint, so there the check is replaced in place.
"""

from __future__ import annotations

from core.store import dialect
from core.store.dialect import Connection
from core.store.rebuild import rebuild_table

NAME = "0004_method_key_format"
METHOD_KEY = "[a-z][a-z0-9_]*"

WEIGHT_PROFILES_DDL = f"""
    CREATE TABLE weight_profiles (
        slug VARCHAR PRIMARY KEY CHECK (regexp_full_match(slug, '[a-z0-9]+(-[a-z0-9]+)*')),
        name_de VARCHAR NOT NULL CHECK (length(trim(name_de)) > 0),
        name_en VARCHAR NOT NULL DEFAULT '',
        kind VARCHAR NOT NULL DEFAULT 'preset'
            CHECK (kind IN ('preset', 'scenario', 'stakeholder')),
        w_cost DOUBLE NOT NULL CHECK (isfinite(w_cost) AND w_cost >= 0),
        w_citizen_value DOUBLE NOT NULL
            CHECK (isfinite(w_citizen_value) AND w_citizen_value >= 0),
        w_feasibility DOUBLE NOT NULL CHECK (isfinite(w_feasibility) AND w_feasibility >= 0),
        method VARCHAR NOT NULL DEFAULT 'wsm' CHECK (regexp_full_match(method, '{METHOD_KEY}')),
        description_de VARCHAR NOT NULL DEFAULT '',
        author VARCHAR NOT NULL DEFAULT '',
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        removed_at TIMESTAMP,
        CHECK (w_cost + w_citizen_value + w_feasibility > 0)
    )"""
WEIGHT_PROFILE_COLUMNS = (
    "slug, name_de, name_en, kind, w_cost, w_citizen_value, w_feasibility, method,"
    " description_de, author, created_at, removed_at"
)


def apply(conn: Connection) -> None:
    """Rebuild ``weight_profiles`` with the method format check instead of the method list."""
    d = dialect.of(conn)
    if d.is_postgres:
        # PostgreSQL's name for the column check on ``method`` of migration 0001.
        conn.execute("ALTER TABLE weight_profiles DROP CONSTRAINT weight_profiles_method_check")
        conn.execute(
            "ALTER TABLE weight_profiles ADD CONSTRAINT weight_profiles_method_check"
            f" CHECK ({d.full_match('method', METHOD_KEY)})"
        )
    else:
        rebuild_table(conn, "weight_profiles", WEIGHT_PROFILES_DDL, WEIGHT_PROFILE_COLUMNS, NAME)
