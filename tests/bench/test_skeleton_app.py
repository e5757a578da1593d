"""The bench's skeleton: what its Bereich redraws on a key press is like the app's.

The browser figure "key press → updated ranking table" is a ratio against the skeleton, so
the skeleton's table must change on a move about as much as the app's ranking does (the
browser parses every changed ``st.table`` cell again); with ``?still=1`` it keeps the
earlier skeleton's single changed cell, for comparison."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bench.app import SKELETON, SKELETON_TOPS, _flip
from bench.loopback import seeded_store
from core import settings
from core.scoring import area_model
from core.store import seed
from ui import tables


def _ranking_after(cost: int, *, still: bool, monkeypatch: pytest.MonkeyPatch) -> pd.DataFrame:
    monkeypatch.setenv("SKELETON_AREA_FIRST", "1")
    at = AppTest.from_file(SKELETON, default_timeout=30)
    if still:
        at.query_params["still"] = "1"
    at.run()
    at.slider(key="w_cost").set_value(cost).run()
    assert not at.exception
    (table,) = [t for t in at.table if "Option" in t.value.columns]
    return table.value.astype(str)


def _changed(cost_a: int, cost_b: int, *, still: bool, mp: pytest.MonkeyPatch) -> int:
    before = _ranking_after(cost_a, still=still, monkeypatch=mp)
    after = _ranking_after(cost_b, still=still, monkeypatch=mp)
    assert before.shape == after.shape
    return int((before.to_numpy() != after.to_numpy()).sum())


def test_the_ranking_reorders_its_rows_across_the_middle(monkeypatch: pytest.MonkeyPatch) -> None:
    low = _ranking_after(0, still=False, monkeypatch=monkeypatch)
    high = _ranking_after(100, still=False, monkeypatch=monkeypatch)
    assert low["Option"].iloc[0] == SKELETON_TOPS[0]
    assert high["Option"].iloc[0] == SKELETON_TOPS[1]
    assert high["Option"].tolist() == low["Option"].tolist()[::-1]  # the options trade places
    # headers carry soft hyphens: by position, Rang 0, Gesamtpunkte 4, Barwert 8
    rank, points, money = (high.columns[i] for i in (0, 4, 8))
    assert high[money].tolist() == low[money].tolist()[::-1]  # money moves with its option
    assert high[rank].tolist() == low[rank].tolist()  # ranks stay where they are
    assert set(high[points]).isdisjoint(low[points])  # other points
    # the same side of the middle: the same table, nothing for the browser to redraw
    assert _changed(60, 100, still=False, mp=monkeypatch) == 0


def test_about_as_many_cells_change_as_in_the_apps_ranking(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    db = str(tmp_path / "flip.duckdb")
    seeded_store(db)
    slug, _, _ = _flip(db)
    with seed.opened(db, read_only=True) as conn:
        models = area_model.load_areas(
            conn, settings.get("horizon_years"), settings.get("discount_rate")
        )
    app_tables = []
    for cost in (0, 100):  # the bench's key press: End and Home with citizen value at 10
        weights = area_model.WeightSet({"cost": cost, "citizen_value": 10, "feasibility": 0})
        ranking = area_model.rank_area(models[slug], weights)
        app_tables.append(
            tables.ranking_table(ranking, settings.get("horizon_years"), "wsm").astype(str)
        )
    app_share = (app_tables[0].to_numpy() != app_tables[1].to_numpy()).mean()

    skeleton_changed = _changed(0, 100, still=False, mp=monkeypatch)
    skeleton_share = skeleton_changed / _ranking_after(0, still=False, monkeypatch=monkeypatch).size
    assert app_share > 0.5  # the flip reorders the app's ranking: most cells change
    assert abs(skeleton_share - app_share) < 0.1, (skeleton_share, app_share)


def test_still_changes_only_the_first_option(monkeypatch: pytest.MonkeyPatch) -> None:
    low = _ranking_after(0, still=True, monkeypatch=monkeypatch)
    high = _ranking_after(100, still=True, monkeypatch=monkeypatch)
    assert (low["Option"].iloc[0], high["Option"].iloc[0]) == SKELETON_TOPS
    assert _changed(0, 100, still=True, mp=monkeypatch) == 1
