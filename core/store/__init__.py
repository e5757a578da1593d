"""The store: connection, migrations, reads, seed and the one transaction helper.

It runs on DuckDB (embedded, the default) or PostgreSQL (``COCKPIT_DB=postgresql://…``);
:mod:`core.store.dialect` holds what differs, :mod:`core.store.pg` the PostgreSQL connection.

Pages, ui and the other subpackages use the names below (``from core import store``,
``store.options(conn, area)``). Opening a store (:func:`connect`) never seeds
it: the caller seeds an empty store, usually through :func:`open_seeded`.
"""

from core.store.connection import bump_data_version, connect, data_version, is_empty
from core.store.dialect import CONFLICT_ERRORS, CONSTRAINT_ERRORS, DB_ERRORS, Connection
from core.store.pg import close_pools
from core.store.reads import (
    PATHWAYS,
    SYSTEM_KINDS,
    area_slugs,
    areas,
    assessments,
    cost_lines,
    cost_totals,
    criteria,
    estimate_share,
    options,
    require_area,
    sources,
    systems,
    weight_profiles,
)
from core.store.seed import load_seed, open_seeded
from core.store.tenants import create as create_tenant, listing as list_tenants
from core.store.transactions import WRITE_LOCK, Transaction, transaction

__all__ = [
    "CONFLICT_ERRORS",
    "CONSTRAINT_ERRORS",
    "DB_ERRORS",
    "Connection",
    "PATHWAYS",
    "SYSTEM_KINDS",
    "WRITE_LOCK",
    "Transaction",
    "area_slugs",
    "areas",
    "assessments",
    "bump_data_version",
    "close_pools",
    "connect",
    "cost_lines",
    "cost_totals",
    "create_tenant",
    "criteria",
    "data_version",
    "estimate_share",
    "is_empty",
    "list_tenants",
    "load_seed",
    "open_seeded",
    "options",
    "require_area",
    "sources",
    "systems",
    "transaction",
    "weight_profiles",
]
