"""Batch scoring reproduces decision.evaluate (via rank_area) for every method and weighting."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from core.errors import WeightError
from core.scoring import area_model, batch as batch_scoring
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
