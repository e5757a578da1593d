"""Übersicht: the lazy tabs (ui.view_tabs). Only the open tab is computed and drawn; an open
tab shows what core computes for the weighting in force and follows a slider move; the link
and the language switch keep the tab."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import core.analysis
import core.views
from core import i18n
from core.analysis import portfolio, summaries
from core.scoring.weightset import WeightSet
from core.views import fmt
from tests.pages.conftest import open_tab, settle
from ui import portfolio_section

GROUPS = {"cost": 10, "citizen_value": 70, "feasibility": 20}
QUERY = {f"w_{g}": str(w) for g, w in GROUPS.items()}


def _open_tabs(at: AppTest) -> list[str]:
    """The labels of the tabs that have content: the open one of each set of tabs."""
    return [tab.label for tab in at.tabs if tab.children]


def _table(at: AppTest, column: str) -> pd.DataFrame | None:
    return next((d.value for d in at.table if column in d.value.columns), None)


def _budgets(at: AppTest) -> tuple[float | None, float | None]:
    state = at.session_state
    invest = float(state["pf_invest"]) if state["pf_invest_on"] else None
    annual = float(state["pf_annual"]) if state["pf_annual_on"] else None
    return invest, annual


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Calls of the core functions behind the tabs' content, counted (the results' caches
    emptied first, so that an open tab has to call them)."""
    counted: Counter = Counter()

    def counting(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counted[name] += 1
            return func(*args, **kwargs)

        return wrapper

    for name in (
        "efficiency_curve",
        "best_buys",
        "value_for_money",
        "solve_portfolio_with_next_steps",
    ):
        monkeypatch.setattr(core.analysis, name, counting(name, getattr(core.analysis, name)))
    for name in ("pathway_table", "heatmap_frame_of", "efficiency_frame", "value_for_money_frame"):
        monkeypatch.setattr(core.views, name, counting(name, getattr(core.views, name)))
    for cached in (
        portfolio_section._solved,
        portfolio_section._efficiency_curve,
        portfolio_section._value_for_money,
    ):
        cached.clear()  # type: ignore[attr-defined]
    return counted


def test_a_closed_tab_computes_and_draws_nothing(make_app, calls: Counter) -> None:
    at = make_app(**QUERY)
    assert _open_tabs(at) == ["Diagramm", "Auswahl"]
    assert calls["solve_portfolio_with_next_steps"] == 1 and calls["heatmap_frame_of"] == 1
    for closed in ("efficiency_curve", "efficiency_frame", "best_buys", "value_for_money"):
        assert calls[closed] == 0, closed
    assert calls["value_for_money_frame"] == calls["pathway_table"] == 0
    at.slider(key="w_feasibility").set_value(40).run()  # a slider move: the fragments rerun
    assert not at.exception
    assert calls["solve_portfolio_with_next_steps"] == 2
    assert calls["efficiency_curve"] == calls["best_buys"] == calls["pathway_table"] == 0

    open_tab(at, "pf_tabs", "Effizienzkurve")
    assert _open_tabs(at) == ["Diagramm", "Effizienzkurve"]
    assert calls["efficiency_curve"] == 1 and calls["efficiency_frame"] == 1
    assert calls["best_buys"] == calls["value_for_money"] == 0
    assert _table(at, "Nutzen (Punkte)") is None  # the chosen set's table: its tab is closed

    open_tab(at, "pf_tabs", "Preis-Leistung")
    assert calls["best_buys"] == calls["value_for_money"] == 1
    assert calls["efficiency_frame"] == 1  # the curve is not drawn any more

    open_tab(at, "pathway_tabs", "Tabelle")
    assert calls["pathway_table"] == 1
    heatmaps = calls["heatmap_frame_of"]
    at.run()
    assert calls["heatmap_frame_of"] == heatmaps  # the chart's tab is closed


def test_the_open_tabs_show_what_core_computes(make_app, models) -> None:
    """Under a weighting other than the default: the curve's steps, the best buys and the
    pathway table hold core's values."""
    at = make_app(**QUERY)
    weights = WeightSet(GROUPS)
    items = portfolio.portfolio_items(models, weights)

    open_tab(at, "pf_tabs", "Effizienzkurve")
    curve = portfolio.efficiency_curve(items, "investment", _budgets(at)[1])
    steps = _table(at, "Ab Budget")
    assert steps is not None
    assert steps["Ab Budget"].tolist() == [fmt.eur(b) for b in curve["budget"]]
    assert steps["Gesamtnutzen"].tolist() == [fmt.number(v, 1) for v in curve["value"]]

    open_tab(at, "pf_tabs", "Preis-Leistung")
    buys = portfolio.best_buys(items)
    shown = _table(at, "Rang (beste Käufe)")
    assert shown is not None
    assert shown["Rang (beste Käufe)"].tolist() == [str(o) for o in buys["order"]]
    assert shown["Nutzengewinn"].tolist() == [fmt.number(v, 1) for v in buys["extra_value"]]

    open_tab(at, "pathway_tabs", "Tabelle")
    rankings, _ = summaries.overview(models, weights, "wsm")
    cells = summaries.pathway_cells(rankings)
    table = _table(at, "Status quo")
    assert table is not None
    areas = list(dict.fromkeys(cells["area"]))  # the table's rows, in the rankings' order
    assert len(table) == len(areas)
    for row in cells.itertuples(index=False):
        shown = table.iloc[areas.index(row.area)][i18n.t(f"pathway_{row.pathway}", "de")]
        assert shown == fmt.number(row.score * 100, 1), (row.area, row.pathway)  # points


def test_a_slider_move_updates_the_open_tab(make_app, models) -> None:
    at = make_app(**QUERY)
    open_tab(at, "pf_tabs", "Effizienzkurve")
    before = _table(at, "Ab Budget")
    at.slider(key="w_citizen_value").set_value(0).run()  # reruns the fragments alone
    assert not at.exception
    moved = _table(at, "Ab Budget")
    assert moved is not None and before is not None
    items = portfolio.portfolio_items(models, WeightSet({**GROUPS, "citizen_value": 0}))
    curve = portfolio.efficiency_curve(items, "investment", _budgets(at)[1])
    assert moved["Gesamtnutzen"].tolist() == [fmt.number(v, 1) for v in curve["value"]]
    assert moved["Gesamtnutzen"].tolist() != before["Gesamtnutzen"].tolist()
    settle(at)  # the whole run shows the same, in the same tab
    assert _open_tabs(at) == ["Diagramm", "Effizienzkurve"]


def _param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def test_the_link_carries_a_tab_other_than_the_default(make_app) -> None:
    at = make_app(pf_tab="value", pathway_tab="table")
    assert _open_tabs(at) == ["Tabelle", "Preis-Leistung"]
    assert _param(at, "pf_tab") == "value" and _param(at, "pathway_tab") == "table"
    open_tab(at, "pf_tabs", "Auswahl")
    assert _param(at, "pf_tab") is None  # the default tab is not named
    assert _param(at, "pathway_tab") == "table"


def test_an_unknown_tab_in_the_link_opens_the_default_one_with_a_note(make_app) -> None:
    at = make_app(pf_tab="kurve", pathway_tab="<b>")
    assert not at.exception
    assert _open_tabs(at) == ["Diagramm", "Auswahl"]
    note = " ".join(w.value for w in at.warning)
    assert "pf_tab" in note and "pathway_tab" in note
    assert _param(at, "pf_tab") is None and _param(at, "pathway_tab") is None


def test_the_tab_stays_open_in_the_other_language(make_app) -> None:
    at = make_app(pf_tab="curve")
    assert _open_tabs(at) == ["Diagramm", "Effizienzkurve"]
    at.selectbox(key="lang").set_value("en").run()
    assert not at.exception
    assert _open_tabs(at) == ["Chart", "Efficiency curve"]
    assert [tab.label for tab in at.tabs] == [
        "Chart",
        "Table",
        "Selection",
        "Efficiency curve",
        "Value for money",
    ]
    assert _table(at, "From budget") is not None


def test_the_tab_is_kept_across_a_visit_to_another_page(make_app) -> None:
    """Streamlit forgets the tabs' widget state while another page is shown; the choice
    itself (``pf_tab``) survives and opens the same tab on the way back."""
    at = make_app()
    open_tab(at, "pf_tabs", "Preis-Leistung")
    at.switch_page("pages/area.py").run()
    assert not at.exception
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert _open_tabs(at) == ["Diagramm", "Preis-Leistung"]
