"""The store: connection, migrations, reads, seed and the one transaction helper.

It runs on DuckDB (embedded, the default) or PostgreSQL (``COCKPIT_DB=postgresql://…``);
:mod:`core.store.dialect` holds what differs, :mod:`core.store.pg` the PostgreSQL connection.

Pages, ui and the other subpackages use the names below (``from core import store``,
``store.options(conn, area)``). Opening a store (:func:`connect`) never seeds
it: the caller seeds an empty store, usually through :func:`open_seeded`.
"""

from core.store import sourcerefs
from core.store.connection import (
    bump_data_version,
    close,
    connect,
    data_version,
    is_current,
    is_empty,
    store_id,
)
from core.store.dialect import Connection, conflict_errors, constraint_errors, db_errors
from core.store.locking import StoreBusyError, is_lock_conflict
from core.store.migration_english import (
    ENGLISH,
    localize,
    row_key as english_row_key,
    row_keys as english_row_keys,
)
from core.store.pg import close_pools
from core.store.reads import (
    PATHWAYS,
    SYSTEM_KINDS,
    Catalogue,
    area_rows,
    area_slugs,
    areas,
    assessments,
    catalogue,
    cited_rows,
    cost_lines,
    cost_totals,
    criteria,
    dangling_source_refs,
    english_texts,
    estimate_share,
    options,
    require_area,
    source_keys,
    sources,
    systems,
    weight_profiles,
)
from core.store.seed import load_seed, open_seeded, opened
from core.store.tenants import (
    check_slug as check_tenant,
    create as create_tenant,
    listing as list_tenants,
)
from core.store.transactions import (
    WRITE_LOCK,
    OutsideDoorError,
    Transaction,
    door,
    in_door,
    require_door,
    transaction,
)

__all__ = [
    "ENGLISH",
    "localize",
    "english_row_key",
    "english_row_keys",
    "english_texts",
    "Connection",
    "PATHWAYS",
    "StoreBusyError",
    "SYSTEM_KINDS",
    "Catalogue",
    "WRITE_LOCK",
    "OutsideDoorError",
    "Transaction",
    "area_rows",
    "area_slugs",
    "areas",
    "assessments",
    "bump_data_version",
    "catalogue",
    "check_tenant",
    "cited_rows",
    "close",
    "close_pools",
    "conflict_errors",
    "connect",
    "constraint_errors",
    "cost_lines",
    "cost_totals",
    "db_errors",
    "create_tenant",
    "criteria",
    "dangling_source_refs",
    "data_version",
    "door",
    "estimate_share",
    "in_door",
    "is_current",
    "is_empty",
    "is_lock_conflict",
    "list_tenants",
    "load_seed",
    "open_seeded",
    "opened",
    "options",
    "require_area",
    "require_door",
    "sources",
    "source_keys",
    "sourcerefs",
    "store_id",
    "systems",
    "transaction",
    "weight_profiles",
]
