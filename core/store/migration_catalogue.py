"""Migration ``0010_shared_catalogue``: the shared catalogue ("Nachnutzung") and adoptions.

The catalogue is a schema ``catalogue`` next to the store's own tables, with one table
``catalogue.revisions``: every publication of an option is one append-only row (publisher,
option key, revision number, area, pathway, name and a JSON payload with the option, its
sources, assessments, cost lines and ranges). A correction is a new revision of the same key;
nothing in the catalogue is updated or deleted.

* **PostgreSQL with tenants**: one ``catalogue`` schema for the whole database, created by
  :func:`ensure_shared` (run by :func:`core.store.tenants.create` as the login role). Every
  tenant role may read every row and insert rows; row-level security lets a role insert
  only rows whose ``publisher_role`` is itself (the column's default is ``current_user``),
  so no tenant can publish in another's name or add a revision to another's entry. Tenant
  roles get no UPDATE or DELETE.
* **PostgreSQL without tenants** and **DuckDB** (one municipality): the same schema in the
  same database file, created by this migration. A single city can publish and adopt there
  (it holds this city's own publications); sharing with other municipalities needs the
  server store with tenants.

The store's own schema gets ``adoptions``: which local option was adopted from which
catalogue entry and revision, and the latest revision the adopter declined. It has no
foreign key to ``options`` (options are soft-deleted, and the Excel import rebuilds the
tables that reference them on DuckDB).
"""

from __future__ import annotations

from core.store import dialect
from core.store.dialect import Connection, Dialect

NAME = "0010_shared_catalogue"
SCHEMA = "catalogue"
LOCAL_PUBLISHER = "local"  # publisher_role of a store without tenants


def shared_ddl(d: Dialect) -> tuple[str, ...]:
    """The catalogue schema, its id sequence and its one table, in the back-end's spelling."""
    default_role = "current_user" if d.is_postgres else f"'{LOCAL_PUBLISHER}'"
    return (
        f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
        f"CREATE SEQUENCE IF NOT EXISTS {SCHEMA}.revision_ids START 1",
        f"""
        CREATE TABLE IF NOT EXISTS {SCHEMA}.revisions (
            id BIGINT PRIMARY KEY DEFAULT nextval('{SCHEMA}.revision_ids'),
            publisher_role VARCHAR NOT NULL DEFAULT {default_role},
            publisher VARCHAR NOT NULL CHECK (length(trim(publisher)) > 0),
            option_key VARCHAR NOT NULL CHECK (length(trim(option_key)) > 0),
            revision INTEGER NOT NULL CHECK (revision >= 1),
            area VARCHAR NOT NULL,
            area_name VARCHAR NOT NULL,
            pathway VARCHAR NOT NULL CHECK (pathway IN
                ('status_quo', 'standard', 'best_practice', 'joint_kdn')),
            name VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
            note VARCHAR NOT NULL DEFAULT '',
            payload VARCHAR NOT NULL,
            published_by VARCHAR NOT NULL,
            published_at TIMESTAMP NOT NULL,
            UNIQUE (publisher_role, option_key, revision)
        )""",
    )


POLICIES = (
    ("catalogue_read", "FOR SELECT USING (true)"),
    ("catalogue_publish", "FOR INSERT WITH CHECK (publisher_role = current_user)"),
)


def ensure_shared(conn: Connection) -> None:
    """Create the shared catalogue if missing (PostgreSQL: with row-level security).

    Runs as a role that may create schemas (the login role); idempotent. On PostgreSQL an
    advisory lock keeps two creators (two tenants made at once) from racing.
    """
    d = dialect.of(conn)
    if d.is_postgres:
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('cockpit-catalogue'))")
    for statement in shared_ddl(d):
        conn.execute(statement)
    if not d.is_postgres:
        return
    conn.execute(f"ALTER TABLE {SCHEMA}.revisions ENABLE ROW LEVEL SECURITY")
    for name, rule in POLICIES:
        found = conn.execute(
            "SELECT 1 FROM pg_policies WHERE schemaname = ? AND tablename = 'revisions'"
            " AND policyname = ?",
            [SCHEMA, name],
        ).fetchone()
        if found is None:
            conn.execute(f"CREATE POLICY {name} ON {SCHEMA}.revisions {rule}")


def grant_sql(role: str) -> tuple[str, ...]:
    """What a tenant role may do in the catalogue: read everything, publish as itself."""
    return (
        f'GRANT USAGE ON SCHEMA {SCHEMA} TO "{role}"',
        f'GRANT SELECT, INSERT ON {SCHEMA}.revisions TO "{role}"',
        f'GRANT USAGE ON SEQUENCE {SCHEMA}.revision_ids TO "{role}"',
    )


ADOPTIONS_DDL = """
    CREATE TABLE adoptions (
        option_id VARCHAR PRIMARY KEY,
        origin_role VARCHAR NOT NULL,
        origin_key VARCHAR NOT NULL,
        origin_publisher VARCHAR NOT NULL,
        revision INTEGER NOT NULL CHECK (revision >= 1),
        declined_revision INTEGER,
        adopted_at TIMESTAMP NOT NULL
    )"""


def apply(conn: Connection) -> None:
    """The local ``adoptions`` table; the catalogue itself where this role may create it."""
    d = dialect.of(conn)
    if d.is_postgres:
        present = conn.execute("SELECT to_regclass(?) IS NOT NULL", [f"{SCHEMA}.revisions"])
        if not present.fetchone()[0]:
            ensure_shared(conn)  # a store without tenants: the login role creates it
    else:
        ensure_shared(conn)
    conn.execute(ADOPTIONS_DDL)
