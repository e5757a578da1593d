"""The bench's baseline store: a baseline checkout seeds its store with its own code."""

from __future__ import annotations

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
