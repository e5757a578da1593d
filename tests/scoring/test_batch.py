"""Batch scoring reproduces decision.evaluate (via rank_area) for every method and weighting."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from core.errors import WeightError
from core.scoring import area_model, batch as batch_scoring, methods as scoring_methods
from core.scoring.methods import METHODS
from core.scoring.weightset import WeightSet
from tests.analysis_factory import make_model, random_model

FAST = settings(max_examples=40, deadline=None)


def _reference(model: area_model.AreaModel, weights: WeightSet, method: str) -> np.ndarray:
    ranking = area_model.rank_area(model, weights, method).set_index("option_id")
    return ranking.loc[list(model.options["id"]), "score"].to_numpy()


@pytest.mark.parametrize("method", METHODS)
def test_seed_areas_match_rank_area(conn, method: str) -> None:
    models = area_model.load_areas(conn, 5, 0.009)
    rng = np.random.default_rng(5)
    for model in models.values():
        for _ in range(4):
            groups = dict(zip(("cost", "citizen_value", "feasibility"), rng.uniform(0, 100, 3)))
            within = {k: float(rng.uniform(1, 100)) for k in model.criteria["key"][::2]}
            weights = WeightSet(groups, within)
            scorer = batch_scoring.build_scorer(model, weights, method)
            got = scorer.group_scores(scorer.current_shares(weights))[0]
            assert got == pytest.approx(_reference(model, weights, method), abs=1e-12)


@FAST
@given(
    seed=st.integers(0, 10_000),
    m=st.integers(1, 7),
    raw=st.lists(st.floats(0, 100), min_size=3, max_size=3).filter(lambda w: sum(w) > 1e-3),
    method=st.sampled_from(METHODS),
)
def test_random_models_match_rank_area(seed: int, m: int, raw: list[float], method: str) -> None:
    model = random_model(seed, m)
    weights = WeightSet(dict(zip(("cost", "citizen_value", "feasibility"), raw)))
    scorer = batch_scoring.build_scorer(model, weights, method)
    got = scorer.group_scores(scorer.current_shares(weights))[0]
    assert got == pytest.approx(_reference(model, weights, method), abs=1e-12)


def test_criterion_weights_equal_the_hierarchical_weights(conn) -> None:
    model = area_model.load_areas(conn, 5, 0.009)["ozg"]
    weights = WeightSet({"cost": 10, "citizen_value": 70, "feasibility": 20}, {"reach": 90})
    scorer = batch_scoring.build_scorer(model, weights)
    expected = weights.criterion_weights(model.criteria)
    assert scorer.criterion_weights(scorer.current_shares(weights))[0] == pytest.approx(expected)


def test_group_without_weighted_criteria_is_not_effective() -> None:
    model = make_model([[1, 2, 3], [3, 2, 1]], ["cost", "citizen_value", "feasibility"])
    weights = WeightSet({"cost": 50, "citizen_value": 50, "feasibility": 0}, {"c2": 0})
    scorer = batch_scoring.build_scorer(model, weights)
    assert scorer.groups == ("cost", "citizen_value")
    assert scorer.criterion_weights([0.5, 0.5])[0].tolist() == [0.5, 0.5, 0.0]


def test_wrong_number_of_shares_is_rejected() -> None:
    model = random_model(1, 3)
    scorer = batch_scoring.build_scorer(model, WeightSet())
    with pytest.raises(WeightError):
        scorer.criterion_weights([0.5, 0.5])


@pytest.mark.parametrize("method", METHODS)
def test_weight_path_scores_equal_the_kernel_on_the_line(method: str) -> None:
    """Each kernel's path (TOPSIS: quadratics in t; linear methods: lines) and the sampled
    fallback give the kernel's scores at (1 − t)·u + t·v, for all options and pointwise."""
    from core.scoring.methods import weight_path
    from core.scoring.methods.spec import SampledPath

    groups = [g for g in ("cost", "citizen_value", "feasibility") for _ in range(3)]
    matrix = np.random.default_rng(4).integers(0, 10, size=(25, 9)).astype(float)
    matrix[[0, 5], 3:6] = 10.0  # options 0 and 5 at the ideal on every citizen_value criterion
    model = make_model(matrix, groups)
    scorer = batch_scoring.build_scorer(model, WeightSet(), method)
    u = scorer.criterion_weights([0.2, 0.5, 0.3])[0]
    v = scorer.criterion_weights([0.0, 1.0, 0.0])[0]  # zero weights at the end
    t = np.array([0.0, 0.13, 0.5, 0.999, 1.0])
    expected = scorer.scores((1 - t)[:, None] * u + t[:, None] * v)
    options = np.array([0, 3, 7, 24, 11])
    for path in (weight_path(scorer.kernel, u, v), SampledPath(scorer.kernel, u, v)):
        np.testing.assert_allclose(path.scores(t), expected, rtol=0, atol=1e-13)
        np.testing.assert_allclose(
            path.option_scores(t, options), expected[np.arange(5), options], rtol=0, atol=1e-13
        )
    # Exact where it matters for ties: an option at the ideal on every criterion weighted at
    # the end has closeness exactly 1 there, not 1 − 1e-9 (a sum of non-negative terms).
    at_end = weight_path(scorer.kernel, u, v).scores(np.array([1.0]))[0]
    kernel_end = scorer.scores(v[None, :])[0]
    np.testing.assert_array_equal(at_end == 1.0, kernel_end == 1.0)
    if method == "topsis":
        assert (kernel_end == 1.0).any()


@FAST
@given(seed=st.integers(0, 10_000), lo=st.floats(0, 1), width=st.floats(0, 1))
def test_topsis_path_bounds_hold_on_their_block(seed: int, lo: float, width: float) -> None:
    """Every option's closeness stays within the path's bounds over a block of shares."""
    from core.scoring.methods import weight_path

    model = random_model(seed, 30, n_per_group=3)
    scorer = batch_scoring.build_scorer(model, WeightSet(), "topsis")
    rng = np.random.default_rng(seed)
    u = scorer.criterion_weights(rng.dirichlet(np.ones(3)))[0]
    v = scorer.criterion_weights(rng.dirichlet(np.ones(3)))[0]
    path = weight_path(scorer.kernel, u, v)
    hi = min(1.0, lo + width)
    low, high = path.bounds(lo, hi)
    scores = path.scores(np.linspace(lo, hi, 41))
    assert (scores >= low - 1e-12).all() and (scores <= high + 1e-12).all()


def test_scorer_is_kept_per_within_weighting_and_read_only() -> None:
    """A slider move changes the group weights only: the area's scorer is reused (its
    values do not depend on them), a new within-group weighting gets its own, and the
    models keep a bounded number."""
    model = make_model([[1.0, 2.0, 3.0], [3.0, 1.0, 2.0]], ["cost", "feasibility", "cost"])
    build_scorer = batch_scoring.build_scorer
    first = build_scorer(model, WeightSet({"cost": 1.0, "feasibility": 1.0}), "wsm")
    moved = build_scorer(model, WeightSet({"cost": 7.0, "feasibility": 2.0}), "wsm")
    assert moved is first
    assert not first.group_index.flags.writeable and not first.within_share.flags.writeable
    other = build_scorer(model, WeightSet({"cost": 1.0}, {"c0": 3.0}), "wsm")
    assert other is not first
    assert not np.array_equal(other.within_share, first.within_share)
    assert build_scorer(model, WeightSet(), "topsis") is not first
    for i in range(batch_scoring.SCORERS_KEPT + 3):
        build_scorer(model, WeightSet({"cost": 1.0}, {"c0": float(i + 10)}), "wsm")
    assert (
        len(model._derived[("scorers", scoring_methods.get("wsm"))]) <= batch_scoring.SCORERS_KEPT
    )


@FAST
@given(
    seed=st.integers(0, 10_000),
    m=st.integers(1, 12),
    shares=st.lists(st.sampled_from([0.0, 1.0, 0.5, 1e-9]) | st.floats(0, 1), max_size=40),
    corners=st.booleans(),
)
def test_topsis_gaps_equal_the_option_scores_difference(
    seed: int, m: int, shares: list[float], corners: bool
) -> None:
    """TopsisPath.gaps (the stability sweep's bisection) gives exactly the difference of
    two option_scores calls it replaces, value for value: with ties (identical options,
    distances of 0 at a corner weighting) and at the ends of the line."""
    from core.scoring.methods import weight_path

    model = random_model(seed, m, n_per_group=2)
    if corners:  # every option equal on some criteria: d⁺ = d⁻ = 0 where only they weigh
        matrix = model.matrix.copy()
        matrix[:, :2] = 3.0
        model = area_model.AreaModel(model.area, model.options, model.criteria, matrix)
    scorer = batch_scoring.build_scorer(model, WeightSet(), "topsis")
    rng = np.random.default_rng(seed)
    u = scorer.criterion_weights(rng.dirichlet(np.ones(3)))[0]
    if corners:
        u = np.zeros_like(u)
        u[:2] = 0.5
    v = scorer.criterion_weights(rng.dirichlet(np.ones(3)))[0]
    path = weight_path(scorer.kernel, u, v)
    t = np.asarray(shares, dtype=float)
    for top in {0, m - 1}:
        others = rng.integers(0, m, size=t.size)
        expected = path.option_scores(t, np.full(t.size, top)) - path.option_scores(t, others)
        got = path.gaps(top, others)(t)
        assert got.shape == expected.shape
        np.testing.assert_array_equal(got, expected)  # NaN-free, bit for bit
        assert got.tobytes() == expected.tobytes()  # -0.0 and 0.0 alike
