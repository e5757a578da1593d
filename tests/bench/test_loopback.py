"""The bench's baseline store: a baseline checkout seeds its store with its own code."""

from __future__ import annotations

import asyncio
from pathlib import Path

import duckdb
import pytest

from bench import loopback
from core import settings


def test_baseline_store_is_seeded_by_that_checkouts_code(tmp_path: Path) -> None:
    """Seeded through the checkout's own ``python -m core seed`` (here: this checkout),
    the store holds the same options as one this process seeds."""
    ours, theirs = str(tmp_path / "ours.duckdb"), str(tmp_path / "theirs.duckdb")
    loopback.seeded_store(ours)
    loopback.baseline_store(settings.REPO_ROOT, theirs)
    query = "SELECT id, area, name FROM options ORDER BY ALL"
    with duckdb.connect(ours, read_only=True) as a, duckdb.connect(theirs, read_only=True) as b:
        rows = b.execute(query).fetchall()
        assert rows and rows == a.execute(query).fetchall()


def test_baseline_store_names_the_failure(tmp_path: Path) -> None:
    """A checkout that cannot seed (here: a folder without the app) is a clear error,
    not a bench run against an empty store."""
    with pytest.raises(RuntimeError, match="seeding the baseline"):
        loopback.baseline_store(tmp_path, str(tmp_path / "store.duckdb"))


def test_a_served_baseline_runs_its_pages_on_its_own_store(tmp_path: Path) -> None:
    """``serve_baseline`` seeds the store with the checkout's code, then serves that
    checkout's app on it: a session opens the Bereich and sees its weight sliders."""
    db = str(tmp_path / "before.duckdb")
    with loopback.serve_baseline(settings.REPO_ROOT, db) as server:
        client = loopback.Client(server.url, "bereich", "area=ozg")

        async def open_and_close() -> None:
            await client.open()
            await client.close()

        asyncio.run(open_and_close())
    assert {"w_cost", "w_feasibility"} <= set(client.sliders)
    with duckdb.connect(db, read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM options").fetchone()[0] > 0
