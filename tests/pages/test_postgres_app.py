"""The same app on PostgreSQL: ``COCKPIT_DB=postgresql://…`` serves the pages, seeded on start."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core import store
from tests.pages.conftest import APP

PAGES = ("pages/overview.py", "pages/area.py", "pages/method.py")


def _run(db: str, monkeypatch: pytest.MonkeyPatch, page: str) -> AppTest:
    monkeypatch.setenv("COCKPIT_DB", db)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("page", PAGES)
def test_pages_render_the_same_on_postgresql(
    page: str, tmp_path: Path, pg_schema_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both stores start empty and are seeded by the app; every text and table matches."""
    on_pg = _run(pg_schema_url, monkeypatch, page)
    with store.connect(pg_schema_url) as conn:  # the app seeded the empty database
        assert store.data_version(conn)[0] == 1
        assert len(store.areas(conn)) == 6
    on_duck = _run(str(tmp_path / "cockpit.duckdb"), monkeypatch, page)
    assert [m.value for m in on_pg.markdown] == [m.value for m in on_duck.markdown]
    assert len(on_pg.dataframe) == len(on_duck.dataframe)
    for ours, theirs in zip(on_pg.dataframe, on_duck.dataframe, strict=True):
        pd.testing.assert_frame_equal(ours.value, theirs.value)
