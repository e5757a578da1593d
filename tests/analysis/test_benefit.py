"""Comparable benefit across areas (issue 13): global value scales, area weights, the
portfolio with must-haves and links against exhaustive search, best buys, data ranges and
Monte Carlo over data and weights."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings, strategies as st

from core.analysis import milp, montecarlo, portfolio
from core.errors import InputError, NotFoundError, WeightError
from core.scoring import area_model, global_value, ranges
from core.scoring.weightset import WeightSet
from tests.analysis_factory import make_model


@pytest.fixture
def models(conn) -> dict[str, area_model.AreaModel]:
    return area_model.load_areas(conn, 5, 0.009)


def _scale_costs(model: area_model.AreaModel, factor: float) -> area_model.AreaModel:
    """The same area with every euro figure (options, cost columns, their bounds) × factor."""
    opts = model.options.copy()
    for column in opts.columns:
        if column.startswith(("investment", "annual_cost", "npv_cost")):
            opts[column] = opts[column] * factor
    euro = model.criteria["derived_from"].isin(["npv", "investment"]).to_numpy()
    scaled = [np.where(euro, x * factor, x) for x in (model.matrix, *model.bounds)]
    return dataclasses.replace(model, options=opts, matrix=scaled[0], low=scaled[1], high=scaled[2])


def test_scaling_one_areas_costs_by_100_leaves_other_areas_unchanged(models) -> None:
    """The flaw of within-area normalisation is gone: euros of one area do not rescale the
    points of another, and the portfolio reacts as a treasurer expects."""
    weights = WeightSet()
    before = portfolio.portfolio_items(models, weights)
    scaled = {**models, "ozg": _scale_costs(models["ozg"], 100.0)}
    after = portfolio.portfolio_items(scaled, weights)
    pd.testing.assert_series_equal(before["value"], after["value"])  # every area, incl. ozg
    others = before["area"] != "ozg"
    for column in ("investment", "annual_cost", "npv_cost"):
        pd.testing.assert_series_equal(before.loc[others, column], after.loc[others, column])
    budget = (200_000.0, None)  # binding: the free choice invests about 270,000 €
    old = portfolio.solve(before, *budget)
    new = portfolio.solve(after, *budget)
    ozg = after[after["area"] == "ozg"]
    cheapest_ozg = ozg.loc[ozg["investment"].idxmin(), "option_id"]
    # OZG now costs a hundred times as much: the portfolio falls back to its cheapest option
    # (its status quo) and spends the money freed on the other areas, never less benefit there.
    chosen = dict(zip(new.choices["area"], new.choices["option_id"], strict=True))
    assert chosen["ozg"] == cheapest_ozg
    old_others = old.choices[old.choices["area"] != "ozg"]["value"].sum()
    new_others = new.choices[new.choices["area"] != "ozg"]["value"].sum()
    assert new_others >= old_others - 1e-9
    assert new.total_value <= old.total_value + 1e-9
    assert old.total_value < portfolio.solve(before).total_value


def test_same_raw_value_is_worth_the_same_in_every_area(models) -> None:
    criteria = next(iter(models.values())).criteria
    reach = int(np.flatnonzero(criteria["key"] == "reach")[0])
    matrix = np.full((2, len(criteria)), 5.0)
    matrix[1, reach] = 8.0
    values = global_value.values(matrix, criteria)
    # reach is 0–10 in the catalogue: 5 → 50 points, 8 → 80 points, wherever it is assessed
    assert values[0, reach] == pytest.approx(50.0)
    assert values[1, reach] == pytest.approx(80.0)
    assert (values[:, (criteria["grp"] == "cost").to_numpy()] == 0).all()


BINDING_BUDGETS = [
    (150_000.0, 250_000.0),
    (250_000.0, 300_000.0),
    (250_000.0, 160_000.0),
    (200_000.0, 180_000.0),
    (100_000.0, None),
    (None, 150_000.0),
    (60_000.0, 140_000.0),
]
LINKS = [("city-app-koeln", "homepage-gsb"), ("open-data-koeln", "gis-masterportal")]
PINS = {"ozg": "ozg-kommunalportal"}


@pytest.mark.parametrize("budget", BINDING_BUDGETS)
def test_portfolio_equals_exhaustive_search_on_seed_data(models, budget) -> None:
    items = portfolio.portfolio_items(models, WeightSet())
    for constraints in (
        {},
        {"requires": LINKS},
        {"pinned": PINS, "requires": LINKS, "excluded_options": ["homepage-kdn"]},
    ):
        found = portfolio.solve(items, *budget, **constraints)
        brute = portfolio.solve(items, *budget, exhaustive=True, **constraints)
        milp_result = portfolio.solve(items, *budget, solver="milp", **constraints)
        assert found.feasible and brute.feasible
        assert found.total_value == pytest.approx(brute.total_value, abs=1e-9)
        assert milp_result.total_value == pytest.approx(brute.total_value, abs=1e-9)
        free = portfolio.solve(items, **constraints)
        assert found.total_value < free.total_value - 1e-9  # the budget binds
        chosen = set(found.choices["option_id"])
        for option, needed in constraints.get("requires", []):
            assert option not in chosen or needed in chosen
        for _area, option in constraints.get("pinned", {}).items():
            assert option in chosen
        assert "homepage-kdn" not in chosen or not constraints.get("excluded_options")
    assert found.solver == "exhaustive"  # 12,000 sets with links: enumeration beats HiGHS
    big = pd.concat([items.assign(area=items["area"] + f"-{k}") for k in range(3)])
    big["option_id"] = big["area"] + "/" + big["option_id"]
    link = [("homepage-0/homepage-gsb", "ozg-1/ozg-paderborn")]
    linked = portfolio.solve(big, 600_000, 500_000, requires=link)
    assert linked.solver == "lagrange"  # too many sets to enumerate: the reduced-cost method
    highs = portfolio.solve(big, 600_000, 500_000, requires=link, solver="milp")
    assert linked.total_value == pytest.approx(highs.total_value, abs=1e-9)


@st.composite
def linked_instances(draw: st.DrawFn):
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4))
    ints = st.integers(0, 10)
    cost1 = [np.array([draw(ints) for _ in range(s)], dtype=float) for s in sizes]
    cost2 = [np.array([draw(ints) for _ in range(s)], dtype=float) for s in sizes]
    value = [np.array([draw(st.integers(-5, 20)) for _ in range(s)], dtype=float) for s in sizes]
    n_links = draw(st.integers(0, 3)) if len(sizes) > 1 else 0
    links = []
    for _ in range(n_links):
        ga, gb = draw(
            st.sampled_from(
                [(a, b) for a in range(len(sizes)) for b in range(len(sizes)) if a != b]
            )
        )
        links.append(
            ((ga, draw(st.integers(0, sizes[ga] - 1))), (gb, draw(st.integers(0, sizes[gb] - 1))))
        )
    budget = st.one_of(st.just(np.inf), st.integers(0, 30).map(float))
    return cost1, cost2, value, draw(budget), draw(budget), links


@settings(max_examples=120, deadline=None)
@given(linked_instances())
# a subnormal budget: the row scaled by it overflowed, so nothing seemed to fit
@example(
    ([np.array([0.0, 10.0])], [np.array([0.0, 0.0])], [np.array([0.0, 1.0])], 5e-324, np.inf, [])
)
def test_milp_agrees_with_exhaustive_search_with_links(instance) -> None:
    cost1, cost2, value, b1, b2, links = instance
    found = milp.solve(cost1, cost2, value, b1, b2, links)
    brute = portfolio.exhaustive_search(cost1, cost2, value, b1, b2, links)
    assert (found is None) == (brute is None)
    if found is not None:
        assert found[1] == pytest.approx(brute[1])
        picks = found[0]
        for (ga, ia), (gb, ib) in links:
            assert picks[ga] != ia or picks[gb] == ib


def test_link_to_an_unavailable_option_drops_the_option(models) -> None:
    items = portfolio.portfolio_items(models, WeightSet())
    # the Kölner app needs the GSB homepage, but the homepage area is pinned to KDN
    result = portfolio.solve(
        items, pinned={"homepage": "homepage-kdn"}, requires=[("city-app-koeln", "homepage-gsb")]
    )
    assert "city-app-koeln" not in set(result.choices["option_id"])
    with pytest.raises(NotFoundError):
        portfolio.solve(items, requires=[("no-such-option", "homepage-gsb")])
    with pytest.raises(InputError):
        portfolio.solve(items, solver="dp", requires=[("city-app-koeln", "homepage-gsb")])


def test_next_step_and_best_buys(models) -> None:
    items = portfolio.portfolio_items(models, WeightSet())
    base = portfolio.solve(items, 100_000.0, 250_000.0)
    steps = portfolio.next_steps(items, base)
    assert [s.budget for s in steps] == ["investment", "annual"]
    for step in steps:
        richer = portfolio.solve(
            items,
            100_000.0 + (50_000.0 if step.budget == "investment" else 0.0),
            250_000.0 + (50_000.0 if step.budget == "annual" else 0.0),
        )
        assert step.gain == pytest.approx(richer.total_value - base.total_value)
        assert step.gain >= 0
    buys = portfolio.best_buys(items)
    ratios = buys["value_per_100k"].to_numpy()
    assert (np.diff(ratios[np.isfinite(ratios)]) <= 1e-9).all()  # best buys first
    assert (buys["extra_value"] > 0).all()
    vfm = portfolio.value_for_money(items)
    assert set(vfm["pathway"]) <= {"standard", "best_practice", "joint_kdn"}
    on_hull = vfm[vfm["best_buy"] > 0]
    assert set(on_hull["option_id"]) == set(buys["option_id"])


def test_area_weights_multiply_benefit_and_parse() -> None:
    weights = global_value.parse_area_weights("homepage=2, ozg=0.5", ["homepage", "ozg", "gis"])
    assert weights.of("homepage") == 2 and weights.of("ozg") == 0.5 and weights.of("gis") == 1
    assert weights.to_spec() == "homepage=2,ozg=0.5"
    assert global_value.parse_area_weights(weights.to_spec()) == weights
    for bad in ("homepage=-1", "homepage=nan", "homepage=x", "homepage"):
        with pytest.raises(InputError):
            global_value.parse_area_weights(bad)
    with pytest.raises(InputError):
        global_value.parse_area_weights("nowhere=2", ["homepage"])
    with pytest.raises(WeightError):
        global_value.benefit_weights(
            make_model([[1.0]], ["citizen_value"]).criteria,
            WeightSet({"cost": 1, "citizen_value": 0, "feasibility": 0}),
        )


def test_default_ranges_by_kind() -> None:
    criteria = pd.DataFrame({"key": ["reach"], "min_value": [0.0], "max_value": [10.0]})
    frame = pd.DataFrame(
        {
            "option_id": ["a", "b", "c", "d"],
            "criterion": "reach",
            "value": [5.0, 9.5, 5.0, 5.0],
            "is_estimate": [True, True, False, True],
            "value_low": [np.nan, np.nan, np.nan, 2.0],
            "value_high": [np.nan, np.nan, np.nan, 6.0],
        }
    )
    bounds = ranges.assessment_bounds(frame, criteria)
    assert bounds["low"].tolist() == pytest.approx([3.5, 8.0, 5.0, 2.0])
    assert bounds["high"].tolist() == pytest.approx([6.5, 10.0, 5.0, 6.0])
    assert bounds["range_kind"].tolist() == ["default", "default", "exact", "explicit"]
    lines = pd.DataFrame(
        {
            "option_id": ["a", "a"],
            "investment_eur": [1000.0, 500.0],
            "annual_cost_eur": [100.0, 0.0],
            "is_estimate": [True, False],
        }
    )
    totals = ranges.option_cost_bounds(lines).iloc[0]
    assert totals["investment_low"] == pytest.approx(1300.0)
    assert totals["investment_high"] == pytest.approx(2000.0)
    assert totals["annual_cost_high"] == pytest.approx(150.0)
    with pytest.raises(InputError):
        ranges.check_range(6.0, 5.0, 7.0, field="reach")
    with pytest.raises(InputError):
        ranges.check_range(4.0, 5.0, None, field="reach")


def test_seed_model_carries_ranges(models) -> None:
    for model in models.values():
        low, high = model.bounds
        assert (low <= model.matrix + 1e-9).all() and (model.matrix <= high + 1e-9).all()
    # 225 of 232 seed assessments are estimates: most cells have a range
    assert any((high > low).any() for low, high in (m.bounds for m in models.values()))


def test_exact_data_gives_the_weights_only_result() -> None:
    """With zero-width ranges the data draws change nothing: same as weights alone."""
    model = make_model(
        [[1, 5, 3], [4, 2, 6], [5, 5, 1], [2, 8, 4]], ["cost", "citizen_value", "feasibility"]
    )
    weights = WeightSet()
    for method in ("wsm", "topsis", "promethee2"):
        alone = montecarlo.rank_acceptability(model, weights, method, samples=500)
        both = montecarlo.rank_acceptability(model, weights, method, samples=500, data=True)
        assert both.acceptability == pytest.approx(alone.acceptability)


def test_data_draws_score_like_the_single_ranking(models) -> None:
    """stack_scores on a stack of the point matrix equals rank_area for every method."""
    model = models["homepage"]
    weights = WeightSet()
    w = weights.criterion_weights(model.criteria)
    for method in ("wsm", "topsis", "promethee2"):
        stack = np.stack([model.matrix, model.matrix])
        scores = montecarlo.stack_scores(stack, np.stack([w, w]), model, method)
        ranking = area_model.rank_area(model, weights, method).set_index("option_id")
        expected = ranking.loc[list(model.options["id"]), "score"].to_numpy()
        assert scores[0] == pytest.approx(expected)


def test_monte_carlo_over_data_and_weights_converges(models) -> None:
    """10,000 draws of data and weights: two seeds agree within 2 percentage points."""
    weights = WeightSet()
    widest = 0.0
    for model in models.values():
        a = montecarlo.rank_acceptability(model, weights, samples=10_000, seed=1, data=True)
        b = montecarlo.rank_acceptability(model, weights, samples=10_000, seed=2, data=True)
        widest = max(widest, float(np.abs(a.acceptability - b.acceptability).max()))
        assert a.data
    assert widest < 0.02
    # and the data matter: with ranges the top share differs from weights alone somewhere
    alone = montecarlo.rank_acceptability(models["homepage"], weights, samples=10_000, seed=1)
    both = montecarlo.rank_acceptability(
        models["homepage"], weights, samples=10_000, seed=1, data=True
    )
    assert np.abs(alone.acceptability - both.acceptability).max() > 0.02


def test_portfolio_confidence(models) -> None:
    items = portfolio.portfolio_items(models, WeightSet())
    base = portfolio.solve(items, 300_000.0, 400_000.0)
    confidence = portfolio.portfolio_confidence(models, WeightSet(), None, base, items, samples=300)
    assert confidence is not None
    assert 0 <= confidence.optimal_share <= confidence.within_budget_share <= 1
    for _area, shares in confidence.chosen_share.items():
        assert sum(shares.values()) <= 1 + 1e-9
    unlimited = portfolio.solve(items)
    sure = portfolio.portfolio_confidence(models, WeightSet(), None, unlimited, items, samples=300)
    assert sure is not None and sure.within_budget_share == 1.0
