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

import psycopg

from core.errors import InputError
from core.store import migrations
from core.store.dialect import is_postgres_url
from core.store.pg import PgConnection

SLUG = re.compile(r"[a-z][a-z0-9_]{0,39}")
REGISTRY_DDL = (
    "CREATE TABLE IF NOT EXISTS public.cockpit_tenants ("
    " slug VARCHAR PRIMARY KEY CHECK (slug ~ '^[a-z][a-z0-9_]{0,39}$'),"
    " name VARCHAR NOT NULL CHECK (length(trim(name)) > 0),"
    " created_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
)


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
    with psycopg.connect(url, autocommit=True) as admin, admin.transaction():
        admin.execute(REGISTRY_DDL)
        admin.execute(
            "INSERT INTO public.cockpit_tenants (slug, name) VALUES (%s, %s)", [slug, name]
        )
        # Identifiers cannot be bound; slug passed check_slug, so they are plain words.
        admin.execute(f'CREATE ROLE "{role}" NOLOGIN')
        admin.execute(f'GRANT "{role}" TO CURRENT_USER')
        admin.execute(f'CREATE SCHEMA "{schema}" AUTHORIZATION "{role}"')
    with PgConnection(url, tenant=slug) as conn:
        migrations.migrate(conn)


def listing(url: str) -> list[tuple[str, str]]:
    """(slug, name) of every tenant, by slug; empty before the first tenant exists."""
    _require_postgres(url)
    with psycopg.connect(url, autocommit=True) as admin:
        found = admin.execute("SELECT to_regclass('public.cockpit_tenants') IS NOT NULL")
        if not found.fetchone()[0]:
            return []
        rows = admin.execute("SELECT slug, name FROM public.cockpit_tenants ORDER BY slug")
        return [(r[0], r[1]) for r in rows.fetchall()]
