"""AHP: Saaty's published drink example, consistency measures and input validation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from core.errors import InputError
from core.scoring.methods.ahp import RANDOM_INDEX, ahp_priorities

FAST = settings(max_examples=60, deadline=None)

# Rows/columns: coffee, wine, tea, beer, sodas, milk, water.
DRINKS = np.array(
    [
        [1, 9, 5, 2, 1, 1, 1 / 2],
        [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
        [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
        [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [1, 9, 4, 2, 1, 2, 1 / 2],
        [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [2, 9, 9, 3, 2, 3, 1],
    ]
)


def test_saaty_2008_drink_consumption_example() -> None:
    """Saaty, T. L. (2008). Decision making with the analytic hierarchy process. Int. J.
    Services Sciences 1(1), 83–98: "Which drink is consumed more in the U.S.?" — a 7×7
    judgment matrix (coffee, wine, tea, beer, sodas, milk, water) with derived priorities
    .177, .019, .042, .116, .190, .129, .327 and consistency ratio 0.022 (Saaty's RI, n = 7:
    1.32). Matrix and printed results as reproduced in the AHPy test suite
    (PhilipGriffith/AHPy, tests/test_ahp.py, citing this paper); the table number and page
    were not verified here.
    """
    result = ahp_priorities(DRINKS)
    np.testing.assert_array_equal(
        np.round(result.weights, 3), [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    )
    assert round(result.consistency_ratio, 3) == 0.022
    assert result.random_index == 1.32
    assert result.lambda_max == pytest.approx(7 + 6 * result.consistency_index)
    # ranking of the drinks: water > sodas > coffee > milk > beer > tea > wine
    assert list(np.argsort(-result.weights)) == [6, 4, 0, 5, 3, 2, 1]


def test_random_index_table() -> None:
    assert RANDOM_INDEX == {
        1: 0.0,
        2: 0.0,
        3: 0.58,
        4: 0.90,
        5: 1.12,
        6: 1.24,
        7: 1.32,
        8: 1.41,
        9: 1.45,
        10: 1.49,
    }


@pytest.mark.parametrize("n", [1, 2])
def test_tiny_matrices_are_consistent(n: int) -> None:
    matrix = np.array([[1.0]]) if n == 1 else np.array([[1.0, 3.0], [1 / 3, 1.0]])
    result = ahp_priorities(matrix)
    assert result.consistency_index == 0.0
    assert result.consistency_ratio == 0.0
    np.testing.assert_allclose(result.weights, [1.0] if n == 1 else [0.75, 0.25])


@FAST
@given(st.lists(st.floats(0.1, 10.0), min_size=1, max_size=10))
def test_consistent_matrix_recovers_the_weights(raw: list[float]) -> None:
    w = np.asarray(raw) / sum(raw)
    result = ahp_priorities(w[:, None] / w[None, :])
    np.testing.assert_allclose(result.weights, w, rtol=1e-8)
    assert result.lambda_max == pytest.approx(len(raw), abs=1e-8)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-8)
    assert np.all(result.weights > 0)


@pytest.mark.parametrize(
    ("matrix", "key"),
    [
        (np.ones((2, 3)), "ahp_not_square"),
        (np.ones(3), "ahp_not_square"),
        (np.ones((0, 0)), "ahp_not_square"),
        (np.ones((11, 11)), "ahp_too_many"),
        (np.array([[1.0, -2.0], [-0.5, 1.0]]), "ahp_not_positive"),
        (np.array([[1.0, 0.0], [np.inf, 1.0]]), "ahp_not_positive"),
        (np.array([[1.0, np.nan], [1.0, 1.0]]), "ahp_not_positive"),
        (np.array([[1.0, 2.0], [2.0, 1.0]]), "ahp_not_reciprocal"),
        (np.array([[2.0, 1.0], [1.0, 1.0]]), "ahp_not_reciprocal"),
    ],
)
def test_invalid_matrices(matrix: np.ndarray, key: str) -> None:
    with pytest.raises(InputError) as info:
        ahp_priorities(matrix)
    assert info.value.key == key


def test_reciprocity_tolerance_is_relative_1e_minus_6() -> None:
    ahp_priorities(np.array([[1.0, 3.0], [1 / 3 * (1 + 5e-7), 1.0]]))
    with pytest.raises(InputError) as info:
        ahp_priorities(np.array([[1.0, 3.0], [1 / 3 * (1 + 5e-6), 1.0]]))
    assert info.value.params == {"i": 0, "j": 1}
