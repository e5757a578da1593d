"""Budget portfolio: the DP agrees with exhaustive search, budgets, pins, exclusions, the
efficiency curve, infeasible budgets and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from core.analysis import knapsack, portfolio
from core.errors import InputError, NotFoundError
from core.scoring import area_model, global_value
from core.scoring.weightset import WeightSet

FAST = settings(max_examples=150, deadline=None)


@pytest.fixture
def items(conn) -> pd.DataFrame:
    models = area_model.load_areas(conn, 5, 0.009)
    return portfolio.portfolio_items(models, WeightSet())


@st.composite
def instances(draw: st.DrawFn) -> tuple[pd.DataFrame, float | None, float | None]:
    """Random items (0–5 areas, 1–5 options), costs on a coarse grid so ties happen, budgets."""
    n_areas = draw(st.integers(0, 5))
    rows = []
    for a in range(n_areas):
        for o in range(draw(st.integers(1, 5))):
            rows.append(
                {
                    "area": f"a{a}",
                    "option_id": f"a{a}-o{o}",
                    "option": f"Option {a}.{o}",
                    "pathway": "standard",
                    "value": float(draw(st.integers(-20, 100))),
                    "investment": float(draw(st.integers(0, 20)) * 5_000),
                    "annual_cost": float(draw(st.integers(0, 20)) * 1_000),
                }
            )
    frame = pd.DataFrame(rows, columns=portfolio.ITEM_COLUMNS)
    budget = st.one_of(st.none(), st.just(0.0), st.integers(0, 400_000).map(float))
    return frame, draw(budget), draw(budget)


@FAST
@given(instances())
def test_dp_agrees_with_exhaustive_search(instance) -> None:
    frame, invest, annual = instance
    dp = portfolio.solve(
        frame, invest, annual, solver="dp"
    )  # "auto" enumerates instances this small
    brute = portfolio.solve(frame, invest, annual, exhaustive=True)
    assert dp.feasible == brute.feasible
    if dp.feasible:
        assert dp.total_value == pytest.approx(brute.total_value)
        assert dp.total_value == pytest.approx(dp.choices["value"].sum())
        assert invest is None or dp.total_investment <= invest + 1e-6
        assert annual is None or dp.total_annual <= annual + 1e-6
        assert list(dp.choices["area"]) == list(dict.fromkeys(frame["area"]))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.tuples(*[st.integers(0, 6)] * 3), min_size=1, max_size=6), max_size=4),
    st.one_of(st.none(), st.integers(0, 20)),
    st.one_of(st.none(), st.integers(0, 20)),
)
def test_knapsack_solver_agrees_with_exhaustive_search_on_small_integer_costs(
    groups, b1, b2
) -> None:
    cost1 = [np.array([g[0] for g in grp], dtype=float) for grp in groups]
    cost2 = [np.array([g[1] for g in grp], dtype=float) for grp in groups]
    value = [np.array([g[2] for g in grp], dtype=float) for grp in groups]
    budgets = (np.inf if b1 is None else float(b1), np.inf if b2 is None else float(b2))
    dp = knapsack.solve(cost1, cost2, value, *budgets)
    brute = knapsack.solve_exhaustive(cost1, cost2, value, *budgets)
    assert (dp is None) == (brute is None)
    if dp is not None:
        assert dp[1] == pytest.approx(brute[1])
        assert sum(v[i] for v, i in zip(value, dp[0], strict=True)) == pytest.approx(dp[1])


@FAST
@given(
    st.lists(st.lists(st.tuples(*[st.integers(0, 6)] * 3), min_size=1, max_size=5), max_size=4),
    st.lists(st.tuples(st.integers(0, 6), st.integers(0, 20), st.integers(0, 20)), max_size=12),
    st.lists(st.tuples(*[st.integers(0, 4)] * 4), max_size=3),
)
def test_enumeration_picks_what_the_reference_search_picks(groups, budgets, links) -> None:
    """One enumeration asked for many budgets gives, for each, exactly the set (and value) of
    a fresh exhaustive search: same tie rule (value, then cost₁, then cost₂, then order)."""
    cost1 = [np.array([g[0] for g in grp], dtype=float) for grp in groups]
    cost2 = [np.array([g[1] for g in grp], dtype=float) for grp in groups]
    value = [np.array([g[2] for g in grp], dtype=float) for grp in groups]
    sizes = [len(v) for v in value]
    links = [
        ((ga, ia), (gb, ib))
        for ga, ia, gb, ib in links
        if ga < len(sizes) and gb < len(sizes) and ia < sizes[ga] and ib < sizes[gb]
    ]
    enumeration = knapsack.Enumeration(cost1, cost2, value, links)
    for kind, b1, b2 in budgets:
        bound1 = np.inf if kind in (1, 3) else float(b1)
        bound2 = np.inf if kind in (2, 3) else float(b2)
        expected = portfolio.exhaustive_search(cost1, cost2, value, bound1, bound2, links)
        assert enumeration.best(bound1, bound2) == expected


def test_small_instances_are_enumerated_and_equal_benefit_goes_to_the_cheaper_set() -> None:
    """With no budget limited, two options of equal benefit: the cheaper one is chosen (the
    dynamic programme, which ignores the costs of unlimited budgets, took the first)."""
    rows = [
        ("a", "a-dear", 10.0, 90_000.0, 9_000.0),
        ("a", "a-cheap", 10.0, 40_000.0, 9_000.0),
        ("a", "a-weak", 4.0, 0.0, 0.0),
        ("b", "b-one", 7.0, 10_000.0, 1_000.0),
    ]
    frame = pd.DataFrame(
        [(a, o, o, "standard", v, i, c) for a, o, v, i, c in rows], columns=portfolio.ITEM_COLUMNS
    )
    result = portfolio.solve(frame)
    assert result.solver == "exhaustive"
    assert result.choices["option_id"].tolist() == ["a-cheap", "b-one"]
    assert result.total_investment == 50_000.0
    assert portfolio.solve(frame, None, 20_000.0).choices["option_id"].tolist() == [
        "a-cheap",
        "b-one",
    ]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(*[st.integers(0, 5)] * 3), max_size=40))
def test_pareto_filter_keeps_exactly_the_undominated_states(points) -> None:
    c1, c2, v = (np.array([p[k] for p in points], dtype=float) for k in range(3))
    kept = set(knapsack.pareto_3d(c1, c2, v).tolist())
    for i in range(len(points)):
        dominated = any(
            c1[j] <= c1[i]
            and c2[j] <= c2[i]
            and v[j] >= v[i]
            and (c1[j], c2[j], v[j]) != (c1[i], c2[i], v[i])
            for j in range(len(points))
        )
        duplicate_kept = any((c1[j], c2[j], v[j]) == (c1[i], c2[i], v[i]) for j in kept if j != i)
        assert (i in kept) == (not dominated and not duplicate_kept)


def test_seed_items_are_global_benefit_and_citizen_value(conn) -> None:
    """Items carry the benefit on the global scales (× area weight), not the area ranking."""
    models = area_model.load_areas(conn, 5, 0.009)
    weights = WeightSet({"cost": 20, "citizen_value": 60, "feasibility": 20})
    area_weights = global_value.AreaWeights({"ozg": 2.0})
    benefit = portfolio.portfolio_items(models, weights, area_weights).set_index("option_id")
    citizen = portfolio.portfolio_items(models, weights, None, "citizen_value").set_index(
        "option_id"
    )
    for slug, model in models.items():
        ids = list(model.options["id"])
        expected = global_value.option_benefit(
            model.matrix, model.criteria, weights, area_weights.of(slug)
        )
        assert benefit.loc[ids, "value"].to_numpy() == pytest.approx(expected)
        alone = global_value.group_value(model.matrix, model.criteria, weights, "citizen_value")
        assert citizen.loc[ids, "value"].to_numpy() == pytest.approx(alone)


def test_no_budget_takes_the_best_option_of_every_area(items) -> None:
    result = portfolio.solve(items)
    best = items.loc[items.groupby("area", sort=False)["value"].idxmax()]
    assert result.total_value == pytest.approx(best["value"].sum())


def test_budget_of_zero_allows_only_free_options(items) -> None:
    result = portfolio.solve(items, budget_investment=0.0)
    assert result.feasible
    assert (result.choices["investment"] == 0).all()
    brute = portfolio.solve(items, budget_investment=0.0, exhaustive=True)
    assert result.total_value == pytest.approx(brute.total_value)


def test_budget_nothing_fits_is_a_result_with_the_cheapest_totals(items) -> None:
    cheapest_annual = items.groupby("area")["annual_cost"].min().sum()
    result = portfolio.solve(items, budget_annual=cheapest_annual - 1)
    assert not result.feasible and result.choices.empty
    assert result.min_annual == pytest.approx(cheapest_annual)
    assert result.min_investment == pytest.approx(items.groupby("area")["investment"].min().sum())
    assert portfolio.solve(items, budget_annual=cheapest_annual).feasible


def test_pins_and_exclusions_are_respected(items) -> None:
    pin = items[(items["area"] == "gis")].sort_values("value").iloc[0]["option_id"]
    result = portfolio.solve(items, 300_000, None, pinned={"gis": pin}, excluded=["ozg"])
    assert "ozg" not in set(result.choices["area"]) and result.excluded == ("ozg",)
    assert result.choices.set_index("area").loc["gis", "option_id"] == pin
    brute = portfolio.solve(
        items, 300_000, None, pinned={"gis": pin}, excluded=["ozg"], exhaustive=True
    )
    assert result.total_value == pytest.approx(brute.total_value)


def test_all_areas_excluded_is_an_empty_feasible_set(items) -> None:
    result = portfolio.solve(items, 0.0, 0.0, excluded=list(items["area"].unique()))
    assert result.feasible and result.choices.empty and result.total_value == 0.0


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"budget_investment": -1.0}, InputError),
        ({"budget_annual": float("nan")}, InputError),
        ({"budget_investment": float("inf")}, InputError),
        ({"excluded": ["atlantis"]}, NotFoundError),
        ({"pinned": {"atlantis": "x"}}, NotFoundError),
        ({"pinned": {"ozg": "homepage-kdn"}}, NotFoundError),
        ({"pinned": {"ozg": "ozg-kommunalportal"}, "excluded": ["ozg"]}, InputError),
    ],
)
def test_bad_input_raises_a_clear_error(items, kwargs: dict, error: type) -> None:
    with pytest.raises(error) as info:
        portfolio.solve(items, **kwargs)
    assert info.value.message("de")


@pytest.mark.parametrize("annual", [None, 150_000.0])
def test_efficiency_curve_steps_are_the_optimum_at_every_budget(items, annual) -> None:
    curve = portfolio.efficiency_curve(items, "investment", annual)
    assert curve["exact"].all()
    assert curve["value"].is_monotonic_increasing and curve["budget"].is_monotonic_increasing
    for row in curve.itertuples(index=False):
        at = portfolio.solve(items, row.budget, annual)
        assert at.total_value == pytest.approx(row.value)
        if row.budget > 0:
            below = portfolio.solve(items, row.budget - 1, annual)
            assert not below.feasible or below.total_value < row.value - 1e-9
    rng = np.random.default_rng(4)
    for budget in rng.uniform(0, curve["budget"].max() * 1.2, 15):
        reachable = curve.loc[curve["budget"] <= budget, "value"]
        result = portfolio.solve(items, budget, annual)
        assert result.feasible == (not reachable.empty)
        if result.feasible:
            assert result.total_value == pytest.approx(reachable.iloc[-1])


def test_efficiency_curve_names_a_set_that_fits(items) -> None:
    curve = portfolio.efficiency_curve(items, "annual", 300_000.0)
    by_id = items.set_index("option_id")
    areas = list(curve.columns[3:])
    for _, row in curve.iterrows():
        chosen = by_id.loc[[row[a] for a in areas]]
        assert chosen["annual_cost"].sum() == pytest.approx(row["budget"])
        assert chosen["investment"].sum() <= 300_000.0
        assert chosen["value"].sum() == pytest.approx(row["value"])


def test_sampled_curve_is_used_when_the_state_set_is_too_large(items, monkeypatch) -> None:
    monkeypatch.setattr(portfolio, "CURVE_STATE_LIMIT", 1)
    curve = portfolio.efficiency_curve(items, "investment", None)
    assert not curve["exact"].any()
    for row in curve.itertuples(index=False):
        assert portfolio.solve(items, row.budget).total_value == pytest.approx(row.value)


def test_larger_random_instance_with_two_budgets_matches_a_relaxation_bound() -> None:
    """60 areas × 10 options: the optimum fits both budgets and is at least as good as the
    best portfolio found by a restricted search (which is feasible by construction)."""
    rng = np.random.default_rng(9)
    cost1 = [rng.uniform(0, 500_000, 10) for _ in range(60)]
    cost2 = [rng.uniform(0, 100_000, 10) for _ in range(60)]
    value = [rng.uniform(0, 100, 10) for _ in range(60)]
    b1, b2 = 0.3 * sum(c.max() for c in cost1), 0.3 * sum(c.max() for c in cost2)
    picks, total = knapsack.solve(cost1, cost2, value, b1, b2)
    assert sum(c[i] for c, i in zip(cost1, picks, strict=True)) <= b1 + 1e-6
    assert sum(c[i] for c, i in zip(cost2, picks, strict=True)) <= b2 + 1e-6
    beam = knapsack.forward(
        cost1,
        cost2,
        value,
        b1,
        b2,
        bound=knapsack.relaxation_bound(cost1, cost2, value, b1, b2),
        beam=16,
    )
    assert total >= beam.value.max() - 1e-9
    root = knapsack.relaxation_bound(cost1, cost2, value, b1, b2)(0, np.zeros(1), np.zeros(1))[0]
    assert total <= root + 1e-9


@pytest.mark.parametrize("objective", portfolio.OBJECTIVES)
def test_the_portfolio_does_not_read_the_cost_weight(conn, objective: str) -> None:
    """The Übersicht keys its cached portfolio by the weighting without the cost weight (only
    whether it is zero): the items must not change when only the cost weight does."""
    models = area_model.load_areas(conn, 5, 0.009)
    groups = {"cost": 10.0, "citizen_value": 40.0, "feasibility": 25.0}
    low = portfolio.portfolio_items(models, WeightSet(groups), None, objective)
    high = portfolio.portfolio_items(models, WeightSet({**groups, "cost": 90.0}), None, objective)
    pd.testing.assert_frame_equal(low, high)
    other = portfolio.portfolio_items(
        models, WeightSet({**groups, "feasibility": 60.0}), None, objective
    )
    if objective == "benefit":  # and the check can fail: feasibility does count
        assert not np.allclose(low["value"], other["value"])


def _assert_same_result(a: portfolio.PortfolioResult, b: portfolio.PortfolioResult) -> None:
    """Every field equal, the floats exactly (not approximately)."""
    pd.testing.assert_frame_equal(a.choices, b.choices)
    for name in portfolio.PortfolioResult.__dataclass_fields__:
        if name != "choices":
            assert getattr(a, name) == getattr(b, name), name


def _assert_steps_are_fresh_solves(items, base, constraints) -> None:
    """Each next step (prepared once for both solves) equals a fresh solve with the budget
    raised, which is how the steps were computed before."""
    steps = portfolio.next_steps(items, base, **constraints)
    invest, annual = base.budget_investment, base.budget_annual
    expected = []
    if invest is not None:
        expected.append((invest + portfolio.NEXT_STEP_EUR, annual))
    if annual is not None:
        expected.append((invest, annual + portfolio.NEXT_STEP_EUR))
    assert len(steps) == len(expected)
    for step, budgets in zip(steps, expected, strict=True):
        _assert_same_result(step.result, portfolio.solve(items, *budgets, **constraints))


def _assert_choices_are_the_rows_of_the_items(items: pd.DataFrame, result) -> None:
    """The choices are the chosen rows of the items as ``iloc`` and a column selection give
    them (how they were built before the single ``take``)."""
    if result.feasible:
        position = {o: i for i, o in enumerate(items["option_id"])}
        rows = [position[o] for o in result.choices["option_id"]]
        columns = [
            c for c in items.columns if c in [*portfolio.ITEM_COLUMNS, *portfolio.EXTRA_COLUMNS]
        ]
        expected = items.iloc[rows][columns].reset_index(drop=True)
        pd.testing.assert_frame_equal(result.choices, expected)


def _assert_totals_are_the_sums_of_the_choices(result: portfolio.PortfolioResult) -> None:
    """The totals (summed without the frame) equal the pandas sums of the chosen rows."""
    if result.feasible and len(result.choices):
        assert result.total_value == float(result.choices["value"].sum())
        assert result.total_investment == float(result.choices["investment"].sum())
        assert result.total_annual == float(result.choices["annual_cost"].sum())
        if "value_gain" in result.choices:
            assert result.total_gain == float(result.choices["value_gain"].sum())


@FAST
@given(instances(), st.data())
def test_next_steps_equal_fresh_solves_on_random_instances(instance, data) -> None:
    frame, invest, annual = instance
    areas = list(dict.fromkeys(frame["area"]))
    constraints: dict = {}
    if areas and data.draw(st.booleans()):
        constraints["excluded"] = [data.draw(st.sampled_from(areas))]
    ids = list(frame["option_id"])
    if len(ids) > 1 and data.draw(st.booleans()):
        constraints["requires"] = [(ids[0], ids[-1])]
    if ids and data.draw(st.booleans()):
        constraints["excluded_options"] = [data.draw(st.sampled_from(ids))]
    base = portfolio.solve(frame, invest, annual, **constraints)
    _assert_totals_are_the_sums_of_the_choices(base)
    _assert_choices_are_the_rows_of_the_items(frame, base)
    _assert_steps_are_fresh_solves(frame, base, constraints)


@pytest.mark.parametrize(
    ("groups", "share", "constraints"),
    [
        ({"citizen_value": 33.0, "feasibility": 33.0}, 0.5, {}),
        ({"citizen_value": 70.0, "feasibility": 5.0}, 0.45, {}),
        ({"citizen_value": 10.0, "feasibility": 60.0}, 0.8, {"excluded": ["gis"]}),
        ({"citizen_value": 40.0, "feasibility": 20.0}, 0.4, "pin"),
    ],
)
def test_next_steps_equal_fresh_solves_on_the_seed_data(conn, groups, share, constraints) -> None:
    models = area_model.load_areas(conn, 5, 0.009)
    items = portfolio.portfolio_items(models, WeightSet({"cost": 34.0, **groups}))
    if constraints == "pin":
        first = items.iloc[1]
        constraints = {"pinned": {first["area"]: first["option_id"]}}
    budgets = [
        portfolio.budget_range(items, column)[1] * share for column in ("investment", "annual_cost")
    ]
    for invest, annual in [(budgets[0], budgets[1]), (budgets[0], None), (None, budgets[1])]:
        base = portfolio.solve(items, invest, annual, **constraints)
        assert base.feasible
        _assert_totals_are_the_sums_of_the_choices(base)
        _assert_choices_are_the_rows_of_the_items(items, base)
        _assert_steps_are_fresh_solves(items, base, constraints)


BEST_BUY_COLUMNS = [
    "order", "area", "from_option", "option_id", "option", "extra_cost", "extra_value",
    "value_per_100k", "cumulative_cost", "cumulative_value",
]  # fmt: skip


def _best_buys_with_frames(items: pd.DataFrame) -> pd.DataFrame:
    """The best-buys order as built before (steps as dicts, sorted and summed by pandas):
    the reference the list-built :func:`portfolio.best_buys` must equal."""
    steps = []
    for _, rows in items.groupby("area", sort=False):
        cost = rows["npv_cost"].to_numpy(dtype=float)
        value = rows["value"].to_numpy(dtype=float)
        names, ids = list(rows["option"]), list(rows["option_id"])
        sq = np.flatnonzero(rows["pathway"].to_numpy(dtype=object) == "status_quo")
        at = int(sq[0]) if len(sq) else int(np.argmin(cost))
        while True:
            dv, dc = value - value[at], cost - cost[at]
            better = dv > knapsack.VALUE_TOLERANCE
            if not better.any():
                break
            free = better & (dc <= 0)
            if free.any():
                candidates = np.flatnonzero(free)
                nxt = int(candidates[np.lexsort((cost[candidates], -value[candidates]))[0]])
                ratio = np.inf
            else:
                slope = np.where(better, dv / np.where(dc > 0, dc, 1.0), -np.inf)
                top = slope.max()
                tied = np.flatnonzero(slope >= top * (1 - 1e-12))
                nxt = int(tied[np.argmax(value[tied])])
                ratio = float(top) * 100_000
            steps.append(
                {
                    "area": rows["area"].iloc[0],
                    "from_option": names[at],
                    "option_id": ids[nxt],
                    "option": names[nxt],
                    "extra_cost": float(cost[nxt] - cost[at]),
                    "extra_value": float(value[nxt] - value[at]),
                    "value_per_100k": ratio,
                }
            )
            at = nxt
    if not steps:
        return pd.DataFrame(columns=BEST_BUY_COLUMNS)
    frame = pd.DataFrame(steps)
    frame = frame.sort_values("value_per_100k", ascending=False, kind="stable")
    frame = frame.reset_index(drop=True)
    frame.insert(0, "order", np.arange(1, len(frame) + 1))
    frame["cumulative_cost"] = frame["extra_cost"].cumsum()
    frame["cumulative_value"] = frame["extra_value"].cumsum()
    return frame[BEST_BUY_COLUMNS]


@FAST
@given(instances(), st.data())
def test_best_buys_equal_the_frame_built_order_on_random_instances(instance, data) -> None:
    frame, _, _ = instance
    frame = frame.copy()
    frame["npv_cost"] = [float(data.draw(st.integers(0, 6)) * 10_000) for _ in range(len(frame))]
    frame["pathway"] = [
        "status_quo" if data.draw(st.integers(0, 3)) == 0 else "standard" for _ in range(len(frame))
    ]
    pd.testing.assert_frame_equal(portfolio.best_buys(frame), _best_buys_with_frames(frame))


@pytest.mark.parametrize("groups", [{}, {"citizen_value": 80.0, "feasibility": 5.0}])
def test_best_buys_equal_the_frame_built_order_on_the_seed_data(conn, groups) -> None:
    models = area_model.load_areas(conn, 5, 0.009)
    items = portfolio.portfolio_items(models, WeightSet({**WeightSet().groups, **groups}))
    pd.testing.assert_frame_equal(portfolio.best_buys(items), _best_buys_with_frames(items))
