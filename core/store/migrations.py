"""Named, ordered schema migrations recorded in ``schema_migrations``.

Each migration and its record commit in one transaction; a failing migration rolls back
and raises :class:`core.errors.StoreError`. Rerunning applies nothing twice.
(Model: sqlite-utils ``migrations.py``.)

Every migration runs on both back-ends (DuckDB and PostgreSQL, :mod:`core.store.dialect`).
A migration given as SQL statements must be written in SQL both understand; one whose SQL
differs is a function of the connection that builds its statements through
``dialect.of(conn)`` (as :func:`initial_schema` does) or branches on it (0003, 0004). The
store tests run every migration on both back-ends.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.errors import StoreError
from core.store import (
    dialect,
    migration_catalogue,
    migration_door,
    migration_editing,
    migration_english,
    migration_methods,
    migration_ranges,
    migration_sources,
)
from core.store.dialect import Connection, Dialect
from core.store.transactions import transaction

HONESTY = "(length(trim(source)) > 0 OR (is_estimate AND length(trim(estimate_reason)) > 0))"
SLUG = "[a-z0-9]+(-[a-z0-9]+)*"


@dataclass(frozen=True)
class Migration:
    """A named schema change: either SQL statements or a function of the connection."""

    name: str
    apply: Sequence[str] | Callable[[Connection], None]


def run(conn: Connection, statements: Sequence[str]) -> None:
    """Execute ``statements`` in order (inside the migration's transaction)."""
    for statement in statements:
        conn.execute(statement)


def initial_schema(d: Dialect) -> tuple[str, ...]:
    """The first schema, spelled for back-end ``d``."""
    return (
        f"""
    CREATE TABLE areas (
        slug VARCHAR PRIMARY KEY CHECK ({d.full_match("slug", SLUG)}),
        name_de VARCHAR NOT NULL CHECK (length(trim(name_de)) > 0),
        name_en VARCHAR NOT NULL CHECK (length(trim(name_en)) > 0),
        description_de VARCHAR NOT NULL DEFAULT '',
        sort_order INTEGER NOT NULL
    )""",
        f"""
    CREATE TABLE systems (
        id VARCHAR PRIMARY KEY CHECK ({d.full_match("id", SLUG)}),
        area VARCHAR NOT NULL REFERENCES areas (slug),
        name VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
        kind VARCHAR NOT NULL CHECK (kind IN ('in_house', 'standard', 'saas', 'shared')),
        operator VARCHAR NOT NULL DEFAULT '',
        annual_cost_eur {d.double} CHECK (annual_cost_eur IS NULL
            OR ({d.finite("annual_cost_eur")} AND annual_cost_eur >= 0)),
        reach_value {d.double}
            CHECK (reach_value IS NULL OR ({d.finite("reach_value")} AND reach_value >= 0)),
        reach_unit VARCHAR NOT NULL DEFAULT '',
        in_use_since INTEGER
            CHECK (in_use_since IS NULL OR in_use_since BETWEEN 1950 AND 2100),
        notes VARCHAR NOT NULL DEFAULT '',
        source VARCHAR NOT NULL DEFAULT '',
        is_estimate BOOLEAN NOT NULL DEFAULT FALSE,
        estimate_reason VARCHAR NOT NULL DEFAULT '',
        CHECK {HONESTY}
    )""",
        f"""
    CREATE TABLE options (
        id VARCHAR PRIMARY KEY CHECK ({d.full_match("id", SLUG)}),
        area VARCHAR NOT NULL REFERENCES areas (slug),
        replaces_system VARCHAR REFERENCES systems (id),
        pathway VARCHAR NOT NULL
            CHECK (pathway IN ('status_quo', 'standard', 'best_practice', 'joint_kdn')),
        name VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
        partner VARCHAR NOT NULL DEFAULT '',
        description VARCHAR NOT NULL DEFAULT '',
        source VARCHAR NOT NULL CHECK (length(trim(source)) > 0),
        UNIQUE (area, name)
    )""",
        f"""
    CREATE TABLE criteria (
        key VARCHAR PRIMARY KEY CHECK ({d.full_match("key", "[a-z][a-z0-9_]*")}),
        grp VARCHAR NOT NULL CHECK (grp IN ('cost', 'citizen_value', 'feasibility')),
        label_de VARCHAR NOT NULL CHECK (length(trim(label_de)) > 0),
        label_en VARCHAR NOT NULL CHECK (length(trim(label_en)) > 0),
        unit VARCHAR NOT NULL DEFAULT '',
        direction VARCHAR NOT NULL CHECK (direction IN ('benefit', 'cost')),
        min_value {d.double} NOT NULL CHECK ({d.finite("min_value")}),
        max_value {d.double} NOT NULL CHECK ({d.finite("max_value")}),
        default_weight {d.double} NOT NULL
            CHECK ({d.finite("default_weight")} AND default_weight >= 0),
        derived_from VARCHAR CHECK (derived_from IS NULL
            OR derived_from IN ('npv', 'investment', 'fte')),
        help_de VARCHAR NOT NULL DEFAULT '',
        sort_order INTEGER NOT NULL,
        CHECK (min_value < max_value)
    )""",
        f"""
    CREATE TABLE assessments (
        option_id VARCHAR NOT NULL REFERENCES options (id),
        criterion VARCHAR NOT NULL REFERENCES criteria (key),
        value {d.double} NOT NULL CHECK ({d.finite("value")}),
        rationale VARCHAR NOT NULL DEFAULT '',
        source VARCHAR NOT NULL DEFAULT '',
        is_estimate BOOLEAN NOT NULL DEFAULT FALSE,
        estimate_reason VARCHAR NOT NULL DEFAULT '',
        assessed_on DATE NOT NULL,
        PRIMARY KEY (option_id, criterion),
        CHECK {HONESTY}
    )""",
        "CREATE SEQUENCE cost_line_ids START 1",
        f"""
    CREATE TABLE cost_lines (
        id INTEGER PRIMARY KEY DEFAULT nextval('cost_line_ids'),
        option_id VARCHAR NOT NULL REFERENCES options (id),
        item VARCHAR NOT NULL CHECK (length(trim(item)) > 0),
        investment_eur {d.double} NOT NULL
            CHECK ({d.finite("investment_eur")} AND investment_eur >= 0),
        annual_cost_eur {d.double} NOT NULL
            CHECK ({d.finite("annual_cost_eur")} AND annual_cost_eur >= 0),
        staff_fte {d.double} NOT NULL CHECK ({d.finite("staff_fte")} AND staff_fte >= 0),
        source VARCHAR NOT NULL DEFAULT '',
        is_estimate BOOLEAN NOT NULL DEFAULT FALSE,
        estimate_reason VARCHAR NOT NULL DEFAULT '',
        CHECK {HONESTY}
    )""",
        f"""
    CREATE TABLE weight_profiles (
        slug VARCHAR PRIMARY KEY CHECK ({d.full_match("slug", SLUG)}),
        name_de VARCHAR NOT NULL CHECK (length(trim(name_de)) > 0),
        name_en VARCHAR NOT NULL DEFAULT '',
        kind VARCHAR NOT NULL DEFAULT 'preset'
            CHECK (kind IN ('preset', 'scenario', 'stakeholder')),
        w_cost {d.double} NOT NULL CHECK ({d.finite("w_cost")} AND w_cost >= 0),
        w_citizen_value {d.double} NOT NULL
            CHECK ({d.finite("w_citizen_value")} AND w_citizen_value >= 0),
        w_feasibility {d.double} NOT NULL
            CHECK ({d.finite("w_feasibility")} AND w_feasibility >= 0),
        method VARCHAR NOT NULL DEFAULT 'wsm' CHECK (method IN ('wsm', 'topsis', 'promethee2')),
        description_de VARCHAR NOT NULL DEFAULT '',
        author VARCHAR NOT NULL DEFAULT '',
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        CHECK (w_cost + w_citizen_value + w_feasibility > 0)
    )""",
        f"""
    CREATE TABLE profile_criterion_weights (
        profile VARCHAR NOT NULL REFERENCES weight_profiles (slug),
        criterion VARCHAR NOT NULL REFERENCES criteria (key),
        weight {d.double} NOT NULL CHECK ({d.finite("weight")} AND weight >= 0),
        PRIMARY KEY (profile, criterion)
    )""",
        """
    CREATE TABLE meta (
        key VARCHAR PRIMARY KEY,
        value VARCHAR NOT NULL
    )""",
        "INSERT INTO meta VALUES ('data_version', '0'),"
        " ('data_date', CAST(current_date AS VARCHAR))",
    )


IMPORT_LOG = (
    "CREATE SEQUENCE import_log_ids START 1",
    """
    CREATE TABLE import_log (
        id INTEGER PRIMARY KEY DEFAULT nextval('import_log_ids'),
        imported_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        imported_by VARCHAR NOT NULL CHECK (length(trim(imported_by)) > 0),
        file_name VARCHAR NOT NULL,
        file_sha256 VARCHAR NOT NULL,
        areas VARCHAR NOT NULL DEFAULT '',
        added INTEGER NOT NULL CHECK (added >= 0),
        changed INTEGER NOT NULL CHECK (changed >= 0),
        removed INTEGER NOT NULL CHECK (removed >= 0),
        details VARCHAR NOT NULL DEFAULT '{}',
        data_version INTEGER NOT NULL
    )""",
)

# Participant links revoked per participant: links issued up to ``revoked_at`` stop working.
LINK_REVOCATIONS = (
    """
    CREATE TABLE link_revocations (
        slug VARCHAR PRIMARY KEY CHECK (length(trim(slug)) > 0),
        revoked_at TIMESTAMP NOT NULL
    )""",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial_schema", lambda conn: run(conn, initial_schema(dialect.of(conn)))),
    Migration("0002_import_log", IMPORT_LOG),
    Migration("0003_editing_audit", migration_editing.apply),
    Migration(migration_methods.NAME, migration_methods.apply),
    Migration(migration_door.NAME, migration_door.apply),
    Migration(migration_door.STORE_ID, migration_door.apply_store_id),
    Migration(migration_sources.NAME, migration_sources.apply),
    Migration(migration_sources.MATURITY_NAME, migration_sources.apply_maturity),
    Migration(migration_ranges.NAME, migration_ranges.apply),
    Migration("0008_link_revocations", LINK_REVOCATIONS),
    Migration(migration_english.NAME, migration_english.apply),
    Migration(migration_catalogue.NAME, migration_catalogue.apply),
)


RECORD_DDL = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
)


def _ensure_table(conn: Connection) -> None:
    if dialect.of(conn).is_postgres:  # two servers starting at once: one creates the table
        with transaction(conn):
            conn.execute(
                "SELECT pg_advisory_xact_lock(hashtext('cockpit-migrate:' || current_schema()))"
            )
            conn.execute(RECORD_DDL)
        return
    conn.execute(RECORD_DDL)


def _claim(conn: Connection, name: str) -> bool:
    """On PostgreSQL, wait for any other process migrating this schema (a transaction-scoped
    advisory lock) and say whether ``name`` still needs applying. Several app servers may
    start against one database at once; DuckDB has one writing process, nothing to wait for."""
    if not dialect.of(conn).is_postgres:
        return True
    conn.execute("SELECT pg_advisory_xact_lock(hashtext('cockpit-migrate:' || current_schema()))")
    found = conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", [name]).fetchone()
    return found is None


def applied(conn: Connection) -> list[str]:
    """Names of the migrations already applied, in order of application."""
    _ensure_table(conn)
    rows = conn.execute("SELECT name FROM schema_migrations ORDER BY applied_at, name").fetchall()
    return [r[0] for r in rows]


def migrate(conn: Connection, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Apply every migration not yet recorded; return the names applied now."""
    done = set(applied(conn))
    names = [m.name for m in migrations]
    if len(set(names)) != len(names):
        raise ValueError("duplicate migration names")
    newly: list[str] = []
    for migration in migrations:
        if migration.name in done:
            continue
        try:
            with transaction(conn) as tx:
                if not _claim(conn, migration.name):
                    tx.rollback()  # another process applied it meanwhile
                    continue
                if callable(migration.apply):
                    migration.apply(conn)
                else:
                    run(conn, migration.apply)
                conn.execute("INSERT INTO schema_migrations (name) VALUES (?)", [migration.name])
        except Exception as exc:
            raise StoreError("migration_failed", name=migration.name, error=str(exc)) from exc
        newly.append(migration.name)
    return newly
