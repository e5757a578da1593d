"""Normalisation: pymcdm agreement, constant columns, direction handling, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp
from pymcdm import normalizations as pn

from core.errors import InputError
from core.scoring.normalization import CONSTANT_VALUE, NORMALIZATIONS, normalize

FAST = settings(max_examples=50, deadline=None)
PYMCDM = {
    "max": pn.max_normalization,
    "minmax": pn.minmax_normalization,
    "vector": pn.vector_normalization,
    "sum": pn.sum_normalization,
}


def positive_matrices() -> st.SearchStrategy[np.ndarray]:
    """Integer-valued positive matrices (exact comparisons, no float ties from noise)."""
    shape = hnp.array_shapes(min_dims=2, max_dims=2, min_side=2, max_side=8)
    return hnp.arrays(np.float64, shape, elements=st.integers(1, 10**6).map(float))


@pytest.mark.parametrize("method", sorted(PYMCDM))
@pytest.mark.parametrize("seed", range(5))
def test_agrees_with_pymcdm(method: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    matrix = rng.uniform(0.5, 1000.0, size=(7, 6))
    benefit = np.array([True, False, True, False, True, False])
    result = normalize(matrix, benefit, method)
    for j in range(matrix.shape[1]):
        expected = PYMCDM[method](matrix[:, j], cost=not benefit[j])
        np.testing.assert_allclose(result[:, j], expected, rtol=1e-12, atol=1e-15)


def test_none_keeps_benefit_and_negates_cost() -> None:
    matrix = np.array([[1.0, 2.0], [3.0, -4.0]])
    np.testing.assert_array_equal(
        normalize(matrix, [True, False], "none"), [[1.0, -2.0], [3.0, 4.0]]
    )


@pytest.mark.parametrize("method", [m for m in NORMALIZATIONS if m != "none"])
@pytest.mark.parametrize("value", [0.0, 5.0, -3.0])
@pytest.mark.parametrize("benefit", [True, False])
def test_constant_column_maps_to_documented_constant(
    method: str, value: float, benefit: bool
) -> None:
    matrix = np.column_stack([np.full(4, value), [1.0, 2.0, 3.0, 4.0]])
    with np.errstate(all="raise"):
        result = normalize(matrix, [benefit, True], method)
    np.testing.assert_array_equal(result[:, 0], CONSTANT_VALUE)
    assert np.all(np.isfinite(result))


def test_float_noise_counts_as_constant() -> None:
    matrix = np.array([[0.1 + 0.2], [0.3], [0.3]])
    np.testing.assert_array_equal(normalize(matrix, [True], "minmax")[:, 0], CONSTANT_VALUE)


def test_single_alternative_is_constant_everywhere() -> None:
    result = normalize(np.array([[3.0, 0.0, -2.0]]), [True, False, True], "vector")
    np.testing.assert_array_equal(result, CONSTANT_VALUE)


@pytest.mark.parametrize(
    ("method", "column"),
    [("sum", [1.0, 0.0, 2.0]), ("sum", [1.0, -1.0, 2.0]), ("max", [-1.0, -2.0, -3.0])],
)
def test_methods_needing_positive_values(method: str, column: list[float]) -> None:
    matrix = np.column_stack([[1.0, 2.0, 3.0], column])
    with pytest.raises(InputError) as info:
        normalize(matrix, [True, True], method)
    assert info.value.key == "normalization_nonpositive"
    assert info.value.params == {"normalization": method, "criterion": 2}


def test_unknown_method_is_rejected() -> None:
    with pytest.raises(InputError) as info:
        normalize(np.ones((2, 2)), [True, True], "zscore")
    assert info.value.key == "unknown_normalization"


def test_shape_and_finiteness_are_checked() -> None:
    with pytest.raises(InputError) as info:
        normalize(np.ones((2, 3)), [True, True], "minmax")
    assert info.value.key == "matrix_shape"
    with pytest.raises(InputError) as info:
        normalize(np.array([[1.0, np.nan], [2.0, 3.0]]), [True, True], "minmax")
    assert info.value.key == "matrix_not_finite"


@pytest.mark.parametrize("method", [m for m in NORMALIZATIONS if m != "none"])
@FAST
@given(matrix=positive_matrices(), factor=st.floats(min_value=0.01, max_value=100.0))
def test_scaling_a_benefit_column_does_not_change_its_normalised_values(
    method: str, matrix: np.ndarray, factor: float
) -> None:
    benefit = np.ones(matrix.shape[1], dtype=bool)
    scaled = matrix.copy()
    scaled[:, 0] *= factor
    np.testing.assert_allclose(
        normalize(scaled, benefit, method), normalize(matrix, benefit, method), rtol=1e-9
    )


@FAST
@given(matrix=positive_matrices())
def test_minmax_cost_column_equals_negated_benefit_column(matrix: np.ndarray) -> None:
    n = matrix.shape[1]
    as_cost = normalize(matrix, np.zeros(n, dtype=bool), "minmax")
    as_negated_benefit = normalize(-matrix, np.ones(n, dtype=bool), "minmax")
    np.testing.assert_allclose(as_cost, as_negated_benefit, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("method", NORMALIZATIONS)
@FAST
@given(matrix=positive_matrices())
def test_reversing_direction_reverses_the_normalised_order(method: str, matrix: np.ndarray) -> None:
    n = matrix.shape[1]
    as_benefit = normalize(matrix, np.ones(n, dtype=bool), method)
    as_cost = normalize(matrix, np.zeros(n, dtype=bool), method)
    for j in range(n):
        x = matrix[:, j]
        lower = x[:, None] < x[None, :]  # lower[a, b]: a has the smaller raw value
        assert np.all((as_benefit[:, j][:, None] < as_benefit[:, j][None, :])[lower])
        assert np.all((as_cost[:, j][:, None] > as_cost[:, j][None, :])[lower])
        assert np.all(np.isfinite(as_benefit[:, j])) and np.all(np.isfinite(as_cost[:, j]))
