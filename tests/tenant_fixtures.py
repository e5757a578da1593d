"""Two seeded tenants on the run's PostgreSQL server, for the page and server tests.

"muelheim" holds the full seed, "musterstadt" two of its areas (a test subset of the same
sourced rows, :func:`tests.store.test_tenants.small_seed`); both are at data version 1, so a
cache keyed by the version alone would mix them up.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from core import store
from core.store import pg, seed, tenants
from tests.store.test_tenants import SMALL_AREAS, small_seed


@dataclass(frozen=True)
class TwoTenants:
    url: str
    full: str  # tenant slug with the full seed (six areas)
    small: str  # tenant slug with SMALL_AREAS only

    small_areas = SMALL_AREAS


@pytest.fixture
def two_tenants_url(pg_url: str, tmp_path: Path) -> Iterator[TwoTenants]:
    suffix = tmp_path.name.replace("-", "_").lower()[-12:]
    found = TwoTenants(pg_url, f"muelheim_{suffix}", f"musterstadt_{suffix}")
    tenants.create(pg_url, found.full, "Mülheim an der Ruhr")
    tenants.create(pg_url, found.small, "Musterstadt (Testauszug)")
    with store.connect(pg_url, tenant=found.full) as conn:
        seed.load_seed(conn)
    with store.connect(pg_url, tenant=found.small) as conn:
        seed.load_seed(conn, small_seed(tmp_path / "small"))
    yield found
    pg.close_pool(pg_url)
