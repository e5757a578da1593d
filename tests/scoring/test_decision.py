"""DecisionProblem validation, the JSON format, and evaluate() across methods."""

from __future__ import annotations

import copy
import json
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp
from pymcdm import normalizations as pn
from pymcdm.methods import PROMETHEE_II, TOPSIS

from core.errors import CockpitError, InputError, WeightError
from core.scoring.decision import DecisionProblem, Evaluation, evaluate
from core.scoring.methods import METHODS

FAST = settings(max_examples=40, deadline=None)

README_PROBLEM: dict[str, Any] = {
    "alternatives": ["A1", "A2"],
    "criteria": [
        {"name": "Preis", "direction": "cost", "weight": 2},
        {"name": "Qualität", "direction": "benefit", "weight": 1},
    ],
    "matrix": [[100, 7], [80, 5]],
}


def problem(matrix: np.ndarray, benefit: np.ndarray, weights: np.ndarray) -> DecisionProblem:
    m, n = matrix.shape
    return DecisionProblem(
        tuple(f"a{i}" for i in range(m)), tuple(f"c{j}" for j in range(n)), matrix, benefit, weights
    )


def test_from_dict_builds_a_validated_read_only_problem() -> None:
    p = DecisionProblem.from_dict(README_PROBLEM)
    assert p.alternatives == ("A1", "A2")
    assert p.criteria == ("Preis", "Qualität")
    np.testing.assert_array_equal(p.matrix, [[100.0, 7.0], [80.0, 5.0]])
    np.testing.assert_array_equal(p.benefit, [False, True])
    np.testing.assert_allclose(p.weights, [2 / 3, 1 / 3])
    for array in (p.matrix, p.benefit, p.weights):
        with pytest.raises(ValueError):
            array[0] = 0
    assert p.matrix.dtype == float and p.benefit.dtype == bool


def test_problem_copies_its_inputs() -> None:
    matrix = np.array([[1.0, 2.0], [3.0, 4.0]])
    weights = np.array([1.0, 1.0])
    p = problem(matrix, np.array([True, False]), weights)
    matrix[0, 0] = 99.0
    weights[0] = 5.0
    assert p.matrix[0, 0] == 1.0
    np.testing.assert_allclose(p.weights, [0.5, 0.5])


def broken(path: list[Any], value: Any) -> dict[str, Any]:
    """README_PROBLEM with the item at ``path`` replaced (or deleted if value is ...)."""
    data = copy.deepcopy(README_PROBLEM)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("data", "key", "params"),
    [
        ([1, 2], "problem_bad_type", {"field": "(root)"}),
        (broken(["alternatives"], ...), "problem_missing_field", {"field": "alternatives"}),
        (broken(["criteria"], ...), "problem_missing_field", {"field": "criteria"}),
        (broken(["matrix"], ...), "problem_missing_field", {"field": "matrix"}),
        (
            broken(["criteria", 0, "weight"], ...),
            "problem_missing_field",
            {"field": "criteria[0].weight"},
        ),
        (
            broken(["criteria", 1, "direction"], ...),
            "problem_missing_field",
            {"field": "criteria[1].direction"},
        ),
        (broken(["alternatives"], "A1"), "problem_bad_type", {"field": "alternatives"}),
        (broken(["alternatives"], ["A1", 2]), "problem_bad_type", {"field": "alternatives"}),
        (broken(["criteria", 0], "Preis"), "problem_bad_type", {"field": "criteria[0]"}),
        (broken(["criteria", 0, "name"], 7), "problem_bad_type", {"field": "criteria[0].name"}),
        (
            broken(["criteria", 0, "weight"], "2"),
            "problem_bad_type",
            {"field": "criteria[0].weight"},
        ),
        (
            broken(["criteria", 0, "weight"], True),
            "problem_bad_type",
            {"field": "criteria[0].weight"},
        ),
        (broken(["matrix"], "[[1, 2]]"), "problem_bad_type", {"field": "matrix"}),
        (broken(["matrix"], [[1, 2], 3]), "problem_bad_type", {"field": "matrix"}),
        (broken(["criteria", 0, "direction"], "min"), "unknown_direction", {"direction": "min"}),
        (broken(["matrix"], [[1, 2], [3]]), "matrix_shape", None),
        (broken(["matrix"], [[1, 2, 3], [4, 5, 6]]), "matrix_shape", None),
        (broken(["matrix"], [[1, 2]]), "matrix_shape", None),
        (broken(["matrix"], [[1, None], [3, 4]]), "matrix_not_finite", None),
        (broken(["matrix"], [[1, "x"], [3, 4]]), "matrix_not_finite", None),
        (broken(["matrix"], [[1, float("nan")], [3, 4]]), "matrix_not_finite", None),
        (broken(["alternatives"], ["A1", "A1"]), "duplicate_names", {"names": "A1"}),
        (broken(["criteria", 1, "name"], "Preis"), "duplicate_names", {"names": "Preis"}),
        (broken(["alternatives"], []), "no_alternatives", None),
        ({**README_PROBLEM, "criteria": [], "matrix": [[], []]}, "no_criteria", None),
    ],
)
def test_from_dict_errors(data: Any, key: str, params: dict[str, str] | None) -> None:
    with pytest.raises(InputError) as info:
        DecisionProblem.from_dict(data)
    assert info.value.key == key
    if params is not None:
        assert info.value.params == params
    assert info.value.message("en")  # every key exists in the catalogue


@pytest.mark.parametrize(
    ("weights", "key"),
    [
        ((-1, 1), "weights_negative"),
        ((float("nan"), 1), "weights_nan"),
        ((0, 0), "weights_all_zero"),
    ],
)
def test_from_dict_weight_errors(weights: tuple[float, float], key: str) -> None:
    data = copy.deepcopy(README_PROBLEM)
    for spec, weight in zip(data["criteria"], weights, strict=True):
        spec["weight"] = weight
    with pytest.raises(WeightError) as info:
        DecisionProblem.from_dict(data)
    assert info.value.key == key


def test_constructor_errors() -> None:
    ok = {"matrix": np.ones((2, 2)), "benefit": np.array([True, False]), "weights": [1, 1]}
    cases: list[tuple[dict[str, Any], str]] = [
        ({**ok, "matrix": np.ones((2, 3))}, "matrix_shape"),
        ({**ok, "matrix": np.array([[1.0, np.inf], [1.0, 1.0]])}, "matrix_not_finite"),
        ({**ok, "benefit": np.array([True])}, "matrix_shape"),
        ({**ok, "benefit": np.array([1, 0])}, "problem_bad_type"),
        ({**ok, "weights": [1.0]}, "weights_length"),
    ]
    for kwargs, key in cases:
        with pytest.raises(InputError) as info:
            DecisionProblem(("a", "b"), ("x", "y"), **kwargs)
        assert info.value.key == key
    with pytest.raises(InputError) as info:
        DecisionProblem("ab", ("x", "y"), **ok)  # type: ignore[arg-type]
    assert info.value.key == "problem_bad_type"


@pytest.mark.parametrize(
    ("method", "default"), [("wsm", "minmax"), ("topsis", "vector"), ("promethee2", "none")]
)
def test_default_normalisation_per_method(method: str, default: str) -> None:
    result = evaluate(DecisionProblem.from_dict(README_PROBLEM), method)
    assert result.method == method
    assert result.normalization == default


def test_json_view_and_ranking() -> None:
    result = evaluate(DecisionProblem.from_dict(README_PROBLEM), "wsm")
    # minmax: A1 = 2/3·0 + 1/3·1, A2 = 2/3·1 + 1/3·0
    assert result.to_json_dict() == {
        "scores": {"A1": pytest.approx(1 / 3), "A2": pytest.approx(2 / 3)},
        "ranks": {"A1": 2, "A2": 1},
        "ranking": ["A2", "A1"],
    }
    json.dumps(result.to_json_dict())  # plain JSON types only


def test_ranking_is_stable_for_ties() -> None:
    p = problem(np.array([[1.0], [2.0], [2.0], [1.0]]), np.array([True]), np.array([1.0]))
    result = evaluate(p, "wsm")
    np.testing.assert_array_equal(result.ranks, [3, 1, 1, 3])
    assert result.ranking == ["a1", "a2", "a0", "a3"]


def test_evaluation_arrays_are_read_only() -> None:
    result = evaluate(DecisionProblem.from_dict(README_PROBLEM), "topsis")
    assert isinstance(result, Evaluation)
    for array in (result.scores, result.ranks, result.contributions):
        with pytest.raises(ValueError):
            array[0] = 0


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"method": "electre"}, "unknown_method"),
        ({"method": 3}, "unknown_method"),
        ({"method": "wsm", "normalization": "zscore"}, "unknown_normalization"),
        ({"method": "promethee2", "preference": [{"function": "gauss"}] * 2}, "unknown_preference"),
        ({"method": "promethee2", "preference": [{"function": "usual"}]}, "preference_length"),
        (
            {"method": "promethee2", "preference": [{"function": "vshape", "p": 0}] * 2},
            "preference_thresholds",
        ),
        ({"method": "promethee2", "preference": ["usual", "usual"]}, "problem_bad_type"),
        (
            {"method": "promethee2", "preference": [{"function": "linear", "q": "1", "p": 2}] * 2},
            "problem_bad_type",
        ),
    ],
)
def test_evaluate_errors(kwargs: dict[str, Any], key: str) -> None:
    with pytest.raises(CockpitError) as info:
        evaluate(DecisionProblem.from_dict(README_PROBLEM), **kwargs)
    assert isinstance(info.value, InputError)
    assert info.value.key == key


def test_unknown_method_lists_the_allowed_ones() -> None:
    with pytest.raises(InputError) as info:
        evaluate(DecisionProblem.from_dict(README_PROBLEM), "ahp")
    assert info.value.params == {"method": "ahp", "allowed": ", ".join(METHODS)}


def test_preference_is_ignored_by_other_methods() -> None:
    p = DecisionProblem.from_dict(README_PROBLEM)
    a = evaluate(p, "wsm", preference=[{"function": "nonsense"}])
    np.testing.assert_array_equal(a.scores, evaluate(p, "wsm").scores)


def test_promethee_preference_in_raw_units() -> None:
    # Preis differs by 20 (A2 cheaper), Qualität by 2 (A1 better).
    p = DecisionProblem.from_dict(README_PROBLEM)
    preference = [{"function": "vshape", "p": 40.0}, {"function": "linear", "q": 1.0, "p": 3.0}]
    result = evaluate(p, "promethee2", preference=preference)
    # A2 over A1 on Preis: 20/40 = 0.5; A1 over A2 on Qualität: (2 − 1)/(3 − 1) = 0.5
    np.testing.assert_allclose(result.contributions, [[-1 / 3, 1 / 6], [1 / 3, -1 / 6]])
    np.testing.assert_allclose(result.scores, [-1 / 6, 1 / 6])


def test_topsis_contributions_apportion_the_closeness() -> None:
    p = DecisionProblem.from_dict(README_PROBLEM)
    result = evaluate(p, "topsis")
    np.testing.assert_allclose(result.contributions.sum(axis=1), result.scores, rtol=1e-12)
    normalized_weighted = result.contributions / result.scores[:, None]
    assert np.all(normalized_weighted >= 0)


def test_topsis_contributions_fall_back_to_weights_for_zero_rows() -> None:
    # under minmax the worst alternative is 0 everywhere; its closeness is 0 as well
    p = problem(np.array([[0.0, 0.0], [1.0, 1.0], [0.5, 0.2]]), np.array([True, True]), [1, 3])
    result = evaluate(p, "topsis", normalization="minmax")
    assert result.scores[0] == 0.0
    np.testing.assert_array_equal(result.contributions[0], [0.0, 0.0])
    assert np.all(np.isfinite(result.contributions))


def test_evaluate_topsis_matches_pymcdm_with_cost_criteria() -> None:
    rng = np.random.default_rng(11)
    matrix = rng.uniform(1, 100, size=(9, 5))
    benefit = np.array([True, False, True, False, False])
    weights = rng.random(5) + 0.1
    result = evaluate(problem(matrix, benefit, weights), "topsis")
    expected = TOPSIS(pn.vector_normalization)(
        matrix, weights / weights.sum(), np.where(benefit, 1, -1)
    )
    np.testing.assert_allclose(result.scores, expected, rtol=1e-12)


def test_evaluate_promethee_matches_pymcdm_with_cost_criteria() -> None:
    rng = np.random.default_rng(12)
    matrix = rng.integers(0, 9, size=(12, 4)).astype(float)
    benefit = np.array([False, True, False, True])
    weights = rng.random(4) + 0.1
    result = evaluate(problem(matrix, benefit, weights), "promethee2")
    expected = PROMETHEE_II("usual")(matrix, weights / weights.sum(), np.where(benefit, 1, -1))
    np.testing.assert_allclose(result.scores, expected, rtol=1e-12, atol=1e-14)


positive_matrices = hnp.arrays(
    np.float64,
    st.tuples(st.integers(2, 8), st.integers(1, 5)),
    elements=st.integers(1, 10**5).map(float),
)


@pytest.mark.parametrize("method", ["wsm", "topsis"])
@pytest.mark.parametrize("normalization", ["minmax", "vector", "max", "sum"])
@FAST
@given(matrix=positive_matrices, data=st.data())
def test_ranking_invariant_to_scaling_a_benefit_column(
    method: str, normalization: str, matrix: np.ndarray, data: st.DataObject
) -> None:
    n = matrix.shape[1]
    benefit = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    benefit[0] = True
    weights = data.draw(hnp.arrays(np.float64, n, elements=st.floats(0.05, 1.0)))
    factor = data.draw(st.floats(0.01, 100.0))
    scaled = matrix.copy()
    scaled[:, 0] *= factor
    before = evaluate(problem(matrix, benefit, weights), method, normalization)
    after = evaluate(problem(scaled, benefit, weights), method, normalization)
    np.testing.assert_allclose(after.scores, before.scores, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(after.ranks, before.ranks)


@pytest.mark.parametrize("method", METHODS)
@FAST
@given(matrix=positive_matrices, data=st.data())
def test_minmax_cost_column_equals_negated_benefit_column(
    method: str, matrix: np.ndarray, data: st.DataObject
) -> None:
    n = matrix.shape[1]
    benefit = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    benefit[0] = False
    weights = data.draw(hnp.arrays(np.float64, n, elements=st.floats(0.05, 1.0)))
    flipped_matrix = matrix.copy()
    flipped_matrix[:, 0] = -matrix[:, 0]
    flipped_benefit = benefit.copy()
    flipped_benefit[0] = True
    a = evaluate(problem(matrix, benefit, weights), method, "minmax")
    b = evaluate(problem(flipped_matrix, flipped_benefit, weights), method, "minmax")
    np.testing.assert_allclose(a.scores, b.scores, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(a.ranks, b.ranks)


@pytest.mark.parametrize("method", ["wsm", "promethee2"])
@FAST
@given(
    matrix=hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=8),
        elements=st.floats(-1e4, 1e4),
    ),
    data=st.data(),
)
def test_contributions_sum_exactly_to_the_score(
    method: str, matrix: np.ndarray, data: st.DataObject
) -> None:
    n = matrix.shape[1]
    benefit = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    weights = data.draw(hnp.arrays(np.float64, n, elements=st.floats(0.01, 1.0)))
    result = evaluate(problem(matrix, benefit, weights), method)
    np.testing.assert_array_equal(result.contributions.sum(axis=1), result.scores)
    bound = 1.0 + 1e-12
    assert np.all(np.abs(result.scores) <= bound)


def test_benefit_may_be_an_object_array_of_bools() -> None:
    p = problem(np.ones((2, 2)), np.array([True, False], dtype=object), np.ones(2))
    assert p.benefit.dtype == bool
