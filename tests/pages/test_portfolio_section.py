"""Übersicht: the budget portfolio controls (objective, budget sliders, pins, exclusions) and the
stability sentence on every card."""

from __future__ import annotations

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from core.analysis import portfolio, sensitivity
from core.scoring import global_value
from core.scoring.weightset import WeightSet
from core.views import fmt, stability_text
from tests.pages.conftest import open_tab, settle
from ui import portfolio_section

OPEN_KEYS = (
    portfolio_section.AREA_WEIGHTS_OPEN_KEY,
    portfolio_section.PINS_OPEN_KEY,
    portfolio_section.CONSTRAINTS_OPEN_KEY,
)


def _open_inputs(at: AppTest, keys: tuple[str, ...] = OPEN_KEYS) -> AppTest:
    """Open the input expanders (their widgets are drawn only while open), as a click does."""
    for key in keys:
        at.session_state[key] = True
    at.run()
    assert not at.exception, at.exception
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _choice_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.table if "Nutzen (Punkte)" in d.value.columns)


def _budgets(at: AppTest) -> tuple[float | None, float | None]:
    state = at.session_state
    invest = float(state["pf_invest"]) if state["pf_invest_on"] else None
    annual = float(state["pf_annual"]) if state["pf_annual_on"] else None
    return invest, annual


def _expect(
    at: AppTest, models, objective: str = "benefit", pinned=None, excluded=()
) -> portfolio.PortfolioResult:
    items = portfolio.portfolio_items(models, WeightSet(), None, objective)
    return portfolio.solve(items, *_budgets(at), pinned or {}, list(excluded))


def _assert_shows(at: AppTest, result: portfolio.PortfolioResult) -> None:
    metrics = _metrics(at)
    assert metrics["Gesamtnutzen"] == f"{fmt.number(result.total_value, 1)} Punkte"
    assert metrics["Investition gesamt"] == fmt.eur(result.total_investment)
    assert metrics["Laufende Kosten p. a. gesamt"] == fmt.eur(result.total_annual)
    assert _choice_table(at)["Option"].tolist() == result.choices["option"].tolist()


def test_default_budgets_show_the_optimal_set_and_the_curve(make_app, models) -> None:
    at = make_app()
    assert not at.exception
    result = _expect(at, models)
    assert result.feasible
    _assert_shows(at, result)
    open_tab(at, "pf_tabs", "Effizienzkurve")
    charts = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert any(
        "Bester Gesamtnutzen je Budget" in json.dumps(json.loads(c.proto.spec), ensure_ascii=False)
        for c in charts
    )
    items = portfolio.portfolio_items(models, WeightSet())
    curve = portfolio.efficiency_curve(items, "investment", _budgets(at)[1])
    steps = next(d.value for d in at.table if "Ab Budget" in d.value.columns)
    assert len(steps) == len(curve)
    assert steps["Ab Budget"].tolist() == [fmt.eur(b) for b in curve["budget"]]


def test_budget_sliders_and_limits_change_the_result(make_app, models) -> None:
    at = make_app()
    at.select_slider(key="pf_invest").set_value(0).run()
    assert not at.exception
    result = _expect(at, models)
    _assert_shows(at, result)  # the results rerun alone (the inputs are not redrawn)
    assert not at.select_slider  # the inputs sit outside the results: not redrawn
    settle(at)
    _assert_shows(at, result)
    assert (result.choices["investment"] == 0).all()

    at.checkbox(key="pf_invest_on").uncheck().run()
    assert not at.exception
    assert _budgets(at)[0] is None
    _assert_shows(at, _expect(at, models))
    assert at.select_slider(key="pf_invest").disabled  # the checkbox reran the whole page

    at.select_slider(key="pf_annual").set_value(0).run()
    assert not at.exception
    settle(at)
    errors = [e.value for e in at.error]
    assert any(e.startswith("Kein Satz von Optionen passt in dieses Budget.") for e in errors)


def test_pin_exclude_and_objective(make_app, models) -> None:
    at = _open_inputs(make_app())
    items = portfolio.portfolio_items(models, WeightSet())
    worst_gis = items[items["area"] == "gis"].sort_values("value").iloc[0]
    at.selectbox(key="pf_pin_gis").set_value(worst_gis["option_id"]).run()
    settle(at)
    at.selectbox(key="pf_pin_ozg").set_value("__exclude__").run()
    settle(at)
    result = _expect(at, models, pinned={"gis": worst_gis["option_id"]}, excluded=["ozg"])
    _assert_shows(at, result)
    table = _choice_table(at)
    assert worst_gis["option"] in table["Option"].tolist()
    assert not any("Onlinezugangsgesetz" in a for a in table["Prüfbereich"])

    at.radio(key="pf_objective").set_value("citizen_value").run()
    settle(at)
    _assert_shows(
        at, _expect(at, models, "citizen_value", {"gis": worst_gis["option_id"]}, ["ozg"])
    )


def test_every_card_carries_its_stability_sentence(make_app, models) -> None:
    at = make_app()
    # a card's lines are one caption, its stability sentence the last line
    last_lines = [c.value.split("  \n")[-1] for c in at.caption]
    for slug, model in models.items():
        stability = sensitivity.area_stability(model, WeightSet(), "wsm")
        assert stability_text.area_sentence(stability) in last_lines, slug


def test_area_weights_links_next_step_and_best_buys(make_app, models) -> None:
    """Area weights from the URL, an excluded option and a link reach the solver; the next
    50,000 € and the order of best buys are shown; the URL keeps the area weights."""
    at = _open_inputs(make_app(aw="ozg:2,nowhere:3"))
    assert at.session_state["pf_aw_ozg"] == 2.0
    assert "pf_aw_nowhere" not in at.session_state
    at.multiselect(key="pf_excluded_options").set_value(["homepage-kdn"]).run()
    settle(at)
    at.multiselect(key="pf_requires").set_value(["city-app-koeln>homepage-gsb"]).run()
    assert not at.exception
    assert not at.multiselect  # only the results reran: the inputs are not redrawn
    weights = global_value.AreaWeights({"ozg": 2.0})
    items = portfolio.portfolio_items(models, WeightSet(), weights)
    expected = portfolio.solve(
        items,
        *_budgets(at),
        excluded_options=["homepage-kdn"],
        requires=[("city-app-koeln", "homepage-gsb")],
    )
    _assert_shows(at, expected)
    markdown = " ".join(m.value for m in at.markdown)
    assert "Weitere 50.000 €" in markdown
    open_tab(at, "pf_tabs", "Preis-Leistung")
    buys = next(d.value for d in at.table if "Rang (beste Käufe)" in d.value.columns)
    assert len(buys) == len(portfolio.best_buys(items))
    assert at.query_params["aw"] in ("ozg:2", ["ozg:2"])


def test_area_weights_read_german_and_keep_a_weight_off_the_steps(make_app) -> None:
    """The area weight sliders show "2,0" / "1,5" (a number input would show "2.00"); a
    weight from a link between the steps (1,25) is offered in its place, with its digits."""
    at = _open_inputs(make_app(aw="ozg:2,gis:1.25"))
    ozg = at.select_slider(key="pf_aw_ozg")
    assert ozg.value == 2.0
    assert ozg.options[:4] == ["0,0", "0,5", "1,0", "1,5"] and ozg.options[-1] == "10,0"
    gis = at.select_slider(key="pf_aw_gis")
    assert gis.value == 1.25 and gis.options[2:5] == ["1,0", "1,25", "1,5"]
    gis.set_value(3.0).run()
    settle(at)
    assert not at.exception
    assert at.session_state["pf_aw_gis"] == 3.0


def _input_widgets(at: AppTest) -> list[str]:
    """The keys of the pins, exclusions, links and area weights drawn in this run."""
    drawn = [*at.selectbox, *at.multiselect, *at.select_slider]
    prefixes = (
        "pf_pin_",
        "pf_excluded_options",
        "pf_requires",
        portfolio_section.AREA_WEIGHT_PREFIX,
    )
    return [w.key for w in drawn if (w.key or "").startswith(prefixes)]


def test_closed_input_expanders_draw_nothing_and_their_values_live_on(make_app, models) -> None:
    """The area weights, pins and exclusions with links are drawn only while their expander
    is open; what was set there still reaches the solver after closing, after a visit to
    another page and after a language switch, and shows again on reopening."""
    at = make_app()
    expanders = [e.label for e in at.expander]
    assert {"Bereichsgewichte", "Bereiche festlegen oder ausschließen"} <= set(expanders), expanders
    assert _input_widgets(at) == []
    _open_inputs(at)
    assert len(_input_widgets(at)) == 2 * len(models) + 2  # weights and pins, two lists
    items = portfolio.portfolio_items(models, WeightSet())
    worst_gis = items[items["area"] == "gis"].sort_values("value").iloc[0]["option_id"]
    settle(at.selectbox(key="pf_pin_gis").set_value(worst_gis).run())
    settle(at.selectbox(key="pf_pin_ozg").set_value("__exclude__").run())
    settle(at.multiselect(key="pf_excluded_options").set_value(["homepage-kdn"]).run())
    settle(at.multiselect(key="pf_requires").set_value(["city-app-koeln>homepage-gsb"]).run())
    settle(at.select_slider(key="pf_aw_social-media").set_value(3.0).run())
    weighted = portfolio.portfolio_items(
        models, WeightSet(), global_value.AreaWeights({"social-media": 3.0})
    )
    expected = portfolio.solve(
        weighted, *_budgets(at), {"gis": worst_gis}, ["ozg"],
        excluded_options=["homepage-kdn"], requires=[("city-app-koeln", "homepage-gsb")],
    )  # fmt: skip
    _assert_shows(at, expected)
    for key in OPEN_KEYS:
        at.session_state[key] = False
    at.run()
    assert not at.exception and _input_widgets(at) == []
    _assert_shows(at, expected)
    at.switch_page("pages/area.py").run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    _assert_shows(at, expected)
    at.selectbox(key="lang").set_value("en").run()
    assert not at.exception
    assert at.session_state["pf_pin_gis"] == worst_gis
    assert at.session_state["pf_excluded_options"] == ["homepage-kdn"]
    assert at.session_state["pf_aw_social-media"] == 3.0
    at.selectbox(key="lang").set_value("de").run()
    _open_inputs(at)
    assert at.selectbox(key="pf_pin_gis").value == worst_gis
    assert at.selectbox(key="pf_pin_ozg").value == "__exclude__"
    assert at.multiselect(key="pf_requires").value == ["city-app-koeln>homepage-gsb"]
    assert at.select_slider(key="pf_aw_social-media").value == 3.0
    _assert_shows(at, expected)
