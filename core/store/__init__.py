"""The DuckDB store: connection, migrations, reads, seed and the one transaction helper.

Pages, ui and the other subpackages use the names below (``from core import store``,
``store.options(conn, area)``). Opening a store (:func:`connect`) never seeds
it: the caller seeds an empty store, usually through :func:`open_seeded`.
"""

from core.store.connection import (
    bump_data_version,
    close,
    connect,
    data_version,
    is_current,
    is_empty,
)
from core.store.locking import StoreBusyError, is_lock_conflict
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
from core.store.seed import load_seed, open_seeded, opened
from core.store.transactions import WRITE_LOCK, Transaction, transaction

__all__ = [
    "PATHWAYS",
    "StoreBusyError",
    "SYSTEM_KINDS",
    "WRITE_LOCK",
    "Transaction",
    "area_slugs",
    "areas",
    "assessments",
    "bump_data_version",
    "close",
    "connect",
    "cost_lines",
    "cost_totals",
    "criteria",
    "data_version",
    "estimate_share",
    "is_current",
    "is_empty",
    "is_lock_conflict",
    "load_seed",
    "open_seeded",
    "opened",
    "options",
    "require_area",
    "sources",
    "systems",
    "transaction",
    "weight_profiles",
]
