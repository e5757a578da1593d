"""Weighted sum model: published example, pymcdm cross-check, bounds and additivity."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp
from pymcdm import normalizations as pn
from pymcdm.methods import WSM

from core.errors import InputError, WeightError
from core.scoring.decision import DecisionProblem, evaluate
from core.scoring.methods.wsm import weighted_sum
from core.scoring.normalization import normalize
from core.scoring.ranking import competition_ranks

FAST = settings(max_examples=60, deadline=None)

TRIANTAPHYLLOU_MATRIX = np.array(
    [
        [25.0, 20.0, 15.0, 30.0],
        [10.0, 30.0, 20.0, 30.0],
        [30.0, 10.0, 30.0, 10.0],
    ]
)
TRIANTAPHYLLOU_WEIGHTS = np.array([0.20, 0.15, 0.40, 0.25])


def test_triantaphyllou_2000_wsm_example() -> None:
    """Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: A Comparative Study.
    Kluwer Academic Publishers (Applied Optimization 44), Section 2.2.1 "The WSM Method",
    pp. 6–8: three alternatives, four benefit criteria in the same unit, weights 0.20, 0.15,
    0.40, 0.25; printed WSM scores A1 = 21.50, A2 = 22.00, A3 = 22.00.

    The example is also reproduced in Wikipedia's "Weighted sum model" article. The data are
    already commensurable, so no normalisation ("none") is applied. A2 and A3 tie; the
    competition ranking gives both rank 1 and A1 rank 3.
    """
    benefit = np.ones(4, dtype=bool)
    scores = weighted_sum(normalize(TRIANTAPHYLLOU_MATRIX, benefit, "none"), TRIANTAPHYLLOU_WEIGHTS)
    np.testing.assert_array_equal(np.round(scores, 2), [21.50, 22.00, 22.00])
    np.testing.assert_array_equal(competition_ranks(scores), [3, 1, 1])

    problem = DecisionProblem(
        ("A1", "A2", "A3"),
        ("C1", "C2", "C3", "C4"),
        TRIANTAPHYLLOU_MATRIX,
        benefit,
        TRIANTAPHYLLOU_WEIGHTS,
    )
    result = evaluate(problem, "wsm", normalization="none")
    np.testing.assert_allclose(result.scores, [21.5, 22.0, 22.0], rtol=0, atol=1e-12)
    assert result.ranking == ["A2", "A3", "A1"]


PYMCDM_NORMALIZATIONS = {
    "minmax": pn.minmax_normalization,
    "max": pn.max_normalization,
    "vector": pn.vector_normalization,
    "sum": pn.sum_normalization,
}


@pytest.mark.parametrize("normalization", sorted(PYMCDM_NORMALIZATIONS))
@pytest.mark.parametrize("seed", range(8))
def test_matches_pymcdm_wsm(normalization: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = rng.integers(3, 12), rng.integers(2, 7)
    matrix = rng.uniform(1.0, 100.0, size=(m, n))
    benefit = rng.random(n) < 0.5
    weights = rng.random(n) + 0.05
    weights /= weights.sum()
    ours = weighted_sum(normalize(matrix, benefit, normalization), weights)
    theirs = WSM(PYMCDM_NORMALIZATIONS[normalization])(matrix, weights, np.where(benefit, 1, -1))
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-14)


matrices = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=8),
    elements=st.floats(-1e6, 1e6),
)


@FAST
@given(matrices, st.data())
def test_minmax_scores_are_in_unit_interval_and_contributions_add_up(
    matrix: np.ndarray, data: st.DataObject
) -> None:
    n = matrix.shape[1]
    benefit = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    weights = data.draw(hnp.arrays(np.float64, n, elements=st.floats(0.01, 10.0)))
    problem = DecisionProblem(
        tuple(f"a{i}" for i in range(matrix.shape[0])),
        tuple(f"c{j}" for j in range(n)),
        matrix,
        benefit,
        weights,
    )
    result = evaluate(problem, "wsm")
    assert np.all(result.scores >= 0.0) and np.all(result.scores <= 1.0 + 1e-12)
    np.testing.assert_array_equal(result.contributions.sum(axis=1), result.scores)


@pytest.mark.parametrize(
    ("weights", "error", "key"),
    [
        ([0.5, 0.5, 0.5], WeightError, "weights_length"),
        ([1.0, -0.5], WeightError, "weights_negative"),
        ([1.0, np.nan], WeightError, "weights_nan"),
        ([0.0, 0.0], WeightError, "weights_all_zero"),
    ],
)
def test_weight_errors(weights: list[float], error: type[InputError], key: str) -> None:
    with pytest.raises(error) as info:
        weighted_sum(np.ones((3, 2)), weights)
    assert info.value.key == key


def test_matrix_errors() -> None:
    with pytest.raises(InputError) as info:
        weighted_sum(np.array([[1.0, np.inf]]), [0.5, 0.5])
    assert info.value.key == "matrix_not_finite"
    with pytest.raises(InputError) as info:
        weighted_sum(np.ones(3), [1.0])
    assert info.value.key == "matrix_shape"
