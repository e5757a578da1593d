"""Tenants on PostgreSQL: one schema and one database role per municipality.

A tenant (``muelheim``, ``musterstadt``) owns the whole store schema – areas, systems,
options, assessments, cost lines, weights, scenarios, committee data, audit and import log,
data version – in its own PostgreSQL schema ``tenant_<slug>``, created by and belonging to
the role ``cockpit_tenant_<slug>`` (NOLOGIN). A connection for a tenant comes from a pool of
its own whose connections run ``SET ROLE`` to that role and put the schema first on the
``search_path`` (:class:`core.store.pg.PgConnection`), so the store's unqualified SQL reads
and writes only that tenant's tables, and the database refuses any reach into another
tenant's schema (no ``USAGE`` on it) – the separation does not depend on a ``WHERE`` clause
that a query might forget. The list of tenants lives in ``public.cockpit_tenants``.

DuckDB (the embedded default) holds exactly one municipality: asking it for a tenant is an
error. The login role of the app must be a member of every tenant role (this module grants
that when it creates a tenant) and should not be a superuser in production.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from core import settings
from core.errors import InputError
from core.store import migration_catalogue, migrations
from core.store.dialect import is_postgres_url
from core.store.pg import PgConnection
from core.store.transactions import transaction

SLUG = re.compile(r"[a-z][a-z0-9_]{0,39}")
REGISTRY_DDL = (
    "CREATE TABLE IF NOT EXISTS public.cockpit_tenants ("
    " slug VARCHAR PRIMARY KEY CHECK (slug ~ '^[a-z][a-z0-9_]{0,39}$'),"
    " name VARCHAR NOT NULL CHECK (length(trim(name)) > 0),"
    " created_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
)


@dataclass(frozen=True)
class Example:
    """A tenant the repository ships data for: its display name and its seed folder."""

    slug: str
    name: str
    seed_dir: Path


# The seed of the single-city install is the tenant "Mülheim an der Ruhr"; Moers is a small
# second example (two areas, its own sourced rows; data/tenants/moers/README.md says how).
EXAMPLES: dict[str, Example] = {
    "muelheim": Example("muelheim", "Mülheim an der Ruhr", settings.SEED_DIR),
    "moers": Example("moers", "Moers", settings.REPO_ROOT / "data" / "tenants" / "moers"),
}


def check_slug(slug: str) -> str:
    """``slug`` if it is a valid tenant key (it becomes part of SQL identifiers)."""
    if not SLUG.fullmatch(slug):
        raise InputError("bad_tenant", tenant=slug)
    return slug


def schema_name(slug: str) -> str:
    return f"tenant_{check_slug(slug)}"


def role_name(slug: str) -> str:
    return f"cockpit_tenant_{check_slug(slug)}"


def session_sql(slug: str) -> tuple[str, ...]:
    """What a pooled connection of tenant ``slug`` runs once: its role and its schema."""
    return (
        f'SET ROLE "{role_name(slug)}"',
        f'SET search_path = "{schema_name(slug)}"',
    )


def _require_postgres(url: str) -> None:
    if not is_postgres_url(url):
        raise InputError("tenants_need_postgres")


def create(url: str, slug: str, name: str) -> None:
    """Create tenant ``slug`` (role, schema, registry row) and migrate its empty store.

    Runs as the login role of ``url``, which needs CREATEROLE and CREATE on the database.
    Creating an existing tenant is an error (the registry's primary key).
    """
    _require_postgres(url)
    role, schema = role_name(slug), schema_name(slug)
    if not name.strip():
        raise InputError("tenant_name_missing", tenant=slug)
    if exists(url, slug):
        raise InputError("tenant_exists", tenant=slug)
    import psycopg  # only for a PostgreSQL store (fast CLI start)

    with psycopg.connect(url, autocommit=True) as admin, admin.transaction():
        admin.execute(REGISTRY_DDL)
        admin.execute(
            "INSERT INTO public.cockpit_tenants (slug, name) VALUES (%s, %s)", [slug, name]
        )
        # Identifiers cannot be bound; slug passed check_slug, so they are plain words.
        admin.execute(f'CREATE ROLE "{role}" NOLOGIN')
        admin.execute(f'GRANT "{role}" TO CURRENT_USER')
        admin.execute(f'CREATE SCHEMA "{schema}" AUTHORIZATION "{role}"')
        admin.execute(f'GRANT SELECT ON public.cockpit_tenants TO "{role}"')  # publisher names
    with PgConnection(url) as login, transaction(login):  # the shared catalogue (Nachnutzung)
        migration_catalogue.ensure_shared(login)
        for statement in migration_catalogue.grant_sql(role):
            login.execute(statement)
    with PgConnection(url, tenant=slug) as conn:
        migrations.migrate(conn)


def listing(url: str) -> list[tuple[str, str]]:
    """(slug, name) of every tenant, by slug; empty before the first tenant exists."""
    _require_postgres(url)
    import psycopg  # only for a PostgreSQL store (fast CLI start)

    with psycopg.connect(url, autocommit=True) as admin:
        found = admin.execute("SELECT to_regclass('public.cockpit_tenants') IS NOT NULL")
        if not found.fetchone()[0]:
            return []
        rows = admin.execute("SELECT slug, name FROM public.cockpit_tenants ORDER BY slug")
        return [(r[0], r[1]) for r in rows.fetchall()]


def name_of(url: str, slug: str) -> str | None:
    """The municipality's name of tenant ``slug`` (None if there is no such tenant)."""
    return dict(listing(url)).get(check_slug(slug))


def exists(url: str, slug: str) -> bool:
    """Whether tenant ``slug`` is registered in the database of ``url``."""
    check_slug(slug)
    return slug in {found for found, _ in listing(url)}


def seed(url: str, slug: str, seed_dir: Path | None = None, *, reset: bool = False) -> int:
    """Load a seed into tenant ``slug``; return the new data version.

    ``seed_dir`` defaults to the example's folder (:data:`EXAMPLES`); an example tenant that
    does not exist yet is created first. Another tenant needs ``seed_dir`` and must exist.
    Without ``reset`` the tenant's store must be empty (:func:`core.store.seed.load_seed`).
    """
    from core.store import connection, seed as seeding  # seed builds on connection

    _require_postgres(url)
    example = EXAMPLES.get(check_slug(slug))
    if seed_dir is None:
        if example is None:
            raise InputError("tenant_seed_dir_missing", tenant=slug)
        seed_dir = example.seed_dir
    if not Path(seed_dir).is_dir():
        raise InputError("file_not_found", path=str(seed_dir))
    if not exists(url, slug):
        if example is None:
            raise InputError("tenant_unknown", tenant=slug)
        create(url, slug, example.name)
    with PgConnection(url, tenant=slug) as conn:
        migrations.migrate(conn)
        if not reset and not connection.is_empty(conn):
            raise InputError("tenant_not_empty", tenant=slug)
        return seeding.load_seed(conn, Path(seed_dir), reset=reset)
