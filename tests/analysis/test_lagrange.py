"""The reduced-cost portfolio solver (core.analysis.lagrange): the same optimum as trying every
combination, with and without links, one or two budgets, unlimited and infeasible budgets,
and whatever its tuning (growth of the gap, first pass, floor); the bound U it rests on
(LP duals with links as rows) never below the optimum; the dynamic programme's starting
state and the bounds priced at given multipliers; and the app's solver taking this path on
large instances (merging linked groups: test_linked.py)."""

from __future__ import annotations

import itertools
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings, strategies as st

from bench import portfolio as bench_portfolio
from core.analysis import knapsack, lagrange, linked, milp, portfolio

Link = tuple[tuple[int, int], tuple[int, int]]


@st.composite
def problems(
    draw: st.DrawFn,
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray], float, float, list[Link]]:
    """1–6 groups of 1–5 items; values continuous or on a coarse grid (ties); budgets None,
    0, tight or loose; up to four links between items of different groups (chains too)."""
    sizes = draw(st.lists(st.integers(1, 5), min_size=1, max_size=6))
    ties = draw(st.booleans())
    number = st.integers(0, 8).map(float) if ties else st.floats(0, 100, allow_nan=False)
    cost1 = [np.array(draw(st.lists(number, min_size=n, max_size=n))) * 1000 for n in sizes]
    cost2 = [np.array(draw(st.lists(number, min_size=n, max_size=n))) * 100 for n in sizes]
    value = [np.array(draw(st.lists(number, min_size=n, max_size=n))) for n in sizes]
    top1 = float(sum(c.max() for c in cost1))
    top2 = float(sum(c.max() for c in cost2))
    share = st.sampled_from([None, 0.0, 0.2, 0.4, 0.7, 1.0])
    s1, s2 = draw(share), draw(share)
    budget1 = np.inf if s1 is None else s1 * top1
    budget2 = np.inf if s2 is None else s2 * top2
    links: list[Link] = []
    if len(sizes) > 1:
        for _ in range(draw(st.integers(0, 4))):
            ga, gb = draw(st.lists(st.integers(0, len(sizes) - 1), min_size=2, max_size=2,
                                   unique=True))  # fmt: skip
            ia = draw(st.integers(0, sizes[ga] - 1))
            ib = draw(st.integers(0, sizes[gb] - 1))
            links.append(((ga, ia), (gb, ib)))
    return cost1, cost2, value, budget1, budget2, links


def _fits(cost: list[np.ndarray], picks: list[int], budget: float) -> bool:
    return bool(knapsack.fits(sum(c[i] for c, i in zip(cost, picks, strict=True)), budget))


# An item dearer than the budget by less than fits()' tolerance fits (the LP said infeasible).
AT_THE_TOLERANCE = ([np.array([0.0])], [np.array([1e-306])], [np.array([0.0])], np.inf, 2e-307, [])


# The links leave one combination, dearer than the budget: the pass fixes it as the starting
# state and must not return it.
ONLY_COMBINATION_TOO_DEAR = (
    [np.array([0.0, 0.0]), np.array([0.0, 1000.0])],
    [np.zeros(2), np.zeros(2)],
    [np.zeros(2), np.zeros(2)],
    700.0,
    np.inf,
    [((0, 0), (1, 0)), ((1, 0), (0, 0)), ((0, 0), (1, 1))],
)


@settings(max_examples=300, deadline=None)
@given(problems())
@example(AT_THE_TOLERANCE)
@example(ONLY_COMBINATION_TOO_DEAR)
def test_same_optimum_as_trying_every_combination(problem) -> None:
    cost1, cost2, value, budget1, budget2, links = problem
    found = lagrange.solve(cost1, cost2, value, budget1, budget2, links)
    _check(problem, found)


# (growth of U − target per failed pass, groups per first choice, floor's beam, its items):
# the optimum must not depend on them. Growth 1.01 makes many passes, 50 a first pass that
# keeps everything; a floor of one state over one item per group often finds nothing.
TUNINGS = [(1.5, 20, 64, 4), (1.01, 1, 1, 1), (50.0, 1, 2, 2), (2.0, 1000, 1, 1)]


@settings(max_examples=150, deadline=None)
@given(problems(), st.sampled_from(TUNINGS))
def test_the_optimum_does_not_depend_on_the_tuning(problem, tuning) -> None:
    growth, share, beam, items = tuning
    with mock.patch.multiple(
        lagrange,
        GAP_GROWTH=growth,
        FIRST_SHARE=share,
        INCUMBENT_BEAM=beam,
        INCUMBENT_ITEMS=items,
    ):
        found = lagrange.solve(*problem)
    _check(problem, found)


def _check(problem, found) -> None:
    cost1, cost2, value, budget1, budget2, links = problem
    brute = portfolio.exhaustive_search(cost1, cost2, value, budget1, budget2, links)
    assert (found is None) == (brute is None)
    if found is None:
        return
    picks, total = found
    assert total == pytest.approx(brute[1], abs=1e-6)
    assert total == pytest.approx(sum(v[i] for v, i in zip(value, picks, strict=True)))
    assert _fits(cost1, picks, budget1) and _fits(cost2, picks, budget2)
    for (ga, ia), (gb, ib) in links:
        assert picks[ga] != ia or picks[gb] == ib


def test_lp_feasible_but_no_portfolio_fits_is_none_without_endless_passes() -> None:
    """Half of each of the two items fits both budgets, neither item does: the LP has a
    solution, the passes find none and end with the pass over every item."""
    cost1, cost2 = [np.array([0.0, 10.0])], [np.array([10.0, 0.0])]
    for value in ([np.array([1.0, 2.0])], [np.array([2.0, 1.0])]):
        assert lagrange._duals(cost1, cost2, value, 5.0, 5.0) is not None
        assert portfolio.exhaustive_search(cost1, cost2, value, 5.0, 5.0) is None
        assert lagrange.solve(cost1, cost2, value, 5.0, 5.0) is None


@settings(max_examples=200, deadline=None)
@given(problems())
@example(([np.array([0.0])], [np.array([4.94e-322])], [np.array([0.0])], np.inf, 1e-322, []))
def test_the_lagrangian_bound_is_never_below_the_optimum(problem) -> None:
    """U = Σ_g max r + λ·B, r priced with the duals of the LP with links as rows (budgets
    and links), is at least the best portfolio (what every pass rests on)."""
    cost1, cost2, value, budget1, budget2, links = problem
    brute = portfolio.exhaustive_search(cost1, cost2, value, budget1, budget2, links)
    c1 = [c if np.isfinite(budget1) else 0 * c for c in cost1]
    c2 = [c if np.isfinite(budget2) else 0 * c for c in cost2]
    duals = lagrange._duals(c1, c2, value, budget1, budget2, links)
    if duals is None:  # the LP has no solution: then no portfolio fits
        assert brute is None
        return
    l1, l2, per_link = duals
    assert l1 >= 0 and l2 >= 0 and np.all(per_link >= 0) and len(per_link) == len(links)
    if brute is None:
        return
    reduced = lagrange.reduced_values(c1, c2, value, links, duals)
    top = sum(float(r.max()) for r in reduced)
    top += l1 * lagrange._room(budget1) + l2 * lagrange._room(budget2)
    assert top >= brute[1] - 1e-6 * max(1.0, abs(brute[1]))
    # and for the best portfolio itself: value ≤ Σ r + λ·B
    picks = brute[0]
    assert brute[1] <= sum(float(r[i]) for r, i in zip(reduced, picks, strict=True)) + (
        l1 * lagrange._room(budget1) + l2 * lagrange._room(budget2)
    ) + 1e-6 * max(1.0, abs(brute[1]))


def test_a_starting_state_is_the_same_as_a_first_group_of_one_item() -> None:
    rng = np.random.default_rng(4)
    cost1 = [rng.uniform(0, 10, 4) for _ in range(5)]
    cost2 = [rng.uniform(0, 10, 4) for _ in range(5)]
    value = [rng.uniform(0, 10, 4) for _ in range(5)]
    fixed = (np.array([3.0]), np.array([2.0]), np.array([7.0]))
    whole = knapsack.forward([fixed[0], *cost1], [fixed[1], *cost2], [fixed[2], *value], 35.0, 30.0)
    started = knapsack.forward(cost1, cost2, value, 35.0, 30.0, start=(3.0, 2.0, 7.0))
    assert sorted(started.value.tolist()) == pytest.approx(sorted(whole.value.tolist()))
    best = knapsack.best_state(started)
    assert best is not None
    assert started.value[best] == pytest.approx(whole.value[knapsack.best_state(whole)])
    picks = started.choices(best)
    assert started.cost1[best] == pytest.approx(3.0 + sum(c[i] for c, i in zip(cost1, picks)))
    # a starting state that breaks a budget leaves no state, with or without groups after it
    for groups in (0, 5):
        over = knapsack.forward(
            cost1[:groups], cost2[:groups], value[:groups], 35.0, 30.0, start=(36.0, 0.0, 1.0)
        )
        assert len(over.value) == 0 and knapsack.best_state(over) is None


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.floats(0, 5),
    st.floats(0, 5),
    st.sampled_from([0.0, 0.3, 0.6, 1.0]),
)
def test_bounds_at_given_multipliers_are_never_below_the_best_completion(
    seed: int, l1: float, l2: float, spent_share: float
) -> None:
    """For any λ ≥ 0 the one-budget fronts with the other budget priced at λ bound the best
    completion of a state from above, also at the budgets' tolerance."""
    rng = np.random.default_rng(seed)
    cost1 = [rng.integers(0, 6, 3).astype(float) for _ in range(4)]
    cost2 = [rng.integers(0, 6, 3).astype(float) for _ in range(4)]
    value = [rng.integers(0, 9, 3).astype(float) for _ in range(4)]
    budget1, budget2 = 10.0, 9.0
    bound = knapsack.relaxation_bound(cost1, cost2, value, budget1, budget2, multipliers=(l1, l2))
    spent1 = np.array([spent_share * budget1, budget1 * (1 + 5e-10)])
    spent2 = np.array([spent_share * budget2, 0.0])
    for k in range(len(value) + 1):
        upper = bound(k, spent1, spent2)
        best = np.full(2, -np.inf)
        for picks in itertools.product(*(range(len(v)) for v in value[k:])):
            total1 = sum(c[i] for c, i in zip(cost1[k:], picks))
            total2 = sum(c[i] for c, i in zip(cost2[k:], picks))
            total = sum(v[i] for v, i in zip(value[k:], picks))
            ok = knapsack.fits(spent1 + total1, budget1) & knapsack.fits(spent2 + total2, budget2)
            best = np.where(ok, np.maximum(best, total), best)
        assert np.all(upper >= best - 1e-9)


def test_a_merged_group_past_its_limit_is_left_to_highs(monkeypatch) -> None:
    monkeypatch.setattr(linked, "MERGE_LIMIT", 5)
    groups = [np.arange(3.0), np.arange(3.0)]
    with pytest.raises(knapsack.TooManyStates):
        lagrange.solve(groups, groups, groups, 2.0, 2.0, [((0, 0), (1, 0))])


def _instance(areas: int, options: int, seed: int) -> tuple[pd.DataFrame, float, float]:
    """The bench's instance without links (an odd seed: values rising with cost plus noise,
    the case where HiGHS needs the longest)."""
    assert seed % 2
    frame, invest, annual, _ = bench_portfolio.instance(areas, options, seed, constrained=False)
    return frame, invest, annual


@pytest.mark.parametrize("linked", [False, True])
def test_large_instances_take_this_path_and_agree_with_highs(linked: bool) -> None:
    frame, invest, annual = _instance(40, 8, seed=3)
    extra: dict[str, object] = {}
    if linked:
        extra = {
            "pinned": {"a0": "a0-o3"},
            "requires": [("a1-o2", "a2-o5"), ("a2-o5", "a3-o1"), ("a10-o0", "a11-o7")],
        }
    app = portfolio.solve(frame, invest, annual, **extra)
    highs = portfolio.solve(frame, invest, annual, solver="milp", **extra)
    assert app.solver == "lagrange"
    assert app.total_value == pytest.approx(highs.total_value, abs=1e-6)
    assert app.total_investment <= invest + 1e-6 and app.total_annual <= annual + 1e-6


def test_highs_and_this_solver_agree_without_the_merge(monkeypatch) -> None:
    """Past the merge limit the app's solver falls back to HiGHS, with the same answer."""
    frame, invest, annual = _instance(30, 6, seed=5)
    links = [("a1-o2", "a2-o5"), ("a2-o5", "a3-o1")]
    monkeypatch.setattr(linked, "MERGE_LIMIT", 10)
    fallback = portfolio.solve(frame, invest, annual, requires=links)
    assert fallback.solver == "milp"
    direct = milp.solve(
        *[portfolio._arrays(frame, _rows(frame), c) for c in ("investment", "annual_cost")],
        portfolio._arrays(frame, _rows(frame), "value"),
        invest,
        annual,
        [((1, 2), (2, 5)), ((2, 5), (3, 1))],
    )
    assert direct is not None
    assert fallback.total_value == pytest.approx(direct[1], abs=1e-6)


def _rows(frame: pd.DataFrame) -> list[np.ndarray]:
    areas = frame["area"].to_numpy()
    return [np.flatnonzero(areas == a) for a in dict.fromkeys(areas)]
