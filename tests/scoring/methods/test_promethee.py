"""PROMETHEE II: published example, pymcdm cross-check, flows, thresholds and speed."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp
from pymcdm.methods import PROMETHEE_II

from core.errors import InputError, WeightError
from core.scoring.methods.promethee import pairwise_flows, preference, promethee2
from core.scoring.normalization import normalize
from core.scoring.ranking import competition_ranks

FAST = settings(max_examples=60, deadline=None)


def test_zhao_peng_li_2013_example() -> None:
    """Zhao, H., Peng, Y. & Li, W. (2013). Revised PROMETHEE II for improving efficiency in
    emergency response. Procedia Computer Science 17, 181–188: three alternatives, three
    benefit criteria, weights 0.5, 0.3, 0.2, usual preference function; net flows 0.1, −0.3,
    0.2. The example is reproduced in pymcdm's test suite (TestPROMETHEE_II, citing this paper)
    and in the pymcdm 1.4 docstrings of PROMETHEE_I/PROMETHEE_II, which also print the
    positive flows 0.55, 0.35, 0.6 and negative flows 0.45, 0.65, 0.4. We could not open the
    paper itself here, so table/page are not given; the flows were also recomputed by hand:
    π(a1,a2)=0.8, π(a2,a1)=0.2, π(a1,a3)=0.3, π(a3,a1)=0.7, π(a2,a3)=0.5, π(a3,a2)=0.5.
    """
    matrix = np.array([[4.0, 3.0, 2.0], [3.0, 2.0, 4.0], [5.0, 1.0, 3.0]])
    result = promethee2(matrix, [0.5, 0.3, 0.2], ["usual"] * 3)
    np.testing.assert_array_equal(np.round(result.net_flow, 2), [0.1, -0.3, 0.2])
    np.testing.assert_array_equal(np.round(result.positive_flow, 2), [0.55, 0.35, 0.6])
    np.testing.assert_array_equal(np.round(result.negative_flow, 2), [0.45, 0.65, 0.4])
    np.testing.assert_array_equal(competition_ranks(result.net_flow), [2, 3, 1])


PYMCDM_FUNCTION = {"usual": "usual", "vshape": "vshape", "linear": "vshape_2"}


@pytest.mark.parametrize("function", sorted(PYMCDM_FUNCTION))
@pytest.mark.parametrize("seed", range(6))
def test_matches_pymcdm_promethee_ii(function: str, seed: int) -> None:
    rng = np.random.default_rng(200 + seed)
    m, n = rng.integers(3, 15), rng.integers(2, 7)
    matrix = rng.integers(0, 20, size=(m, n)).astype(float)  # integers: many exact ties
    benefit = rng.random(n) < 0.5
    weights = rng.random(n) + 0.05
    weights /= weights.sum()
    spread = np.ptp(matrix, axis=0) + 1.0
    p = spread * rng.uniform(0.3, 0.9, size=n)
    q = p * rng.uniform(0.0, 0.6, size=n)
    ours = promethee2(normalize(matrix, benefit, "none"), weights, [function] * n, q, p)
    theirs = PROMETHEE_II(PYMCDM_FUNCTION[function], p=list(p), q=list(q))(
        matrix, weights, np.where(benefit, 1, -1)
    )
    np.testing.assert_allclose(ours.net_flow, theirs, rtol=1e-12, atol=1e-14)


def test_preference_functions() -> None:
    d = np.array([-1.0, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0])
    np.testing.assert_array_equal(preference(d, "usual"), [0, 0, 1, 1, 1, 1, 1])
    np.testing.assert_allclose(preference(d, "linear", 1.0, 2.0), [0, 0, 0, 0, 0.5, 1, 1])
    np.testing.assert_allclose(preference(d, "vshape", 99.0, 2.0), [0, 0, 0.25, 0.5, 0.75, 1, 1])


def test_mixed_functions_per_criterion() -> None:
    matrix = np.array([[0.0, 0.0], [1.0, 4.0]])
    result = promethee2(matrix, [0.5, 0.5], ["usual", "vshape"], q=[0, 0], p=[1, 8])
    # a2 beats a1 fully on criterion 1 and by 4/8 on criterion 2
    np.testing.assert_allclose(result.criterion_net_flows, [[-1.0, -0.5], [1.0, 0.5]])
    np.testing.assert_allclose(result.net_flow, [-0.75, 0.75])


@FAST
@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=8),
        elements=st.floats(-1e3, 1e3),
    ),
    st.data(),
)
def test_flows_are_bounded_and_contributions_add_up(
    matrix: np.ndarray, data: st.DataObject
) -> None:
    n = matrix.shape[1]
    weights = data.draw(hnp.arrays(np.float64, n, elements=st.floats(0.01, 1.0)))
    weights = weights / weights.sum()
    functions = data.draw(
        st.lists(st.sampled_from(["usual", "linear", "vshape"]), min_size=n, max_size=n)
    )
    p = data.draw(hnp.arrays(np.float64, n, elements=st.floats(0.5, 100.0)))
    q = p * data.draw(hnp.arrays(np.float64, n, elements=st.floats(0.0, 0.9)))
    result = promethee2(matrix, weights, functions, q, p)
    tol = 1e-12
    assert np.all(np.abs(result.net_flow) <= 1.0 + tol)
    assert np.all(np.abs(result.criterion_net_flows) <= 1.0 + tol)
    assert np.all((result.positive_flow >= -tol) & (result.positive_flow <= 1.0 + tol))
    np.testing.assert_array_equal(
        (result.criterion_net_flows * weights).sum(axis=1), result.net_flow
    )
    np.testing.assert_allclose(
        result.positive_flow - result.negative_flow, result.net_flow, atol=tol
    )
    np.testing.assert_allclose(result.criterion_net_flows.sum(axis=0), 0.0, atol=1e-9)


def test_single_alternative_has_zero_flows() -> None:
    result = promethee2(np.array([[1.0, 2.0]]), [0.5, 0.5], ["usual", "usual"])
    for flow in (result.net_flow, result.positive_flow, result.negative_flow):
        np.testing.assert_array_equal(flow, [0.0])
    np.testing.assert_array_equal(result.criterion_net_flows, [[0.0, 0.0]])


@pytest.mark.parametrize(
    ("functions", "q", "p", "key"),
    [
        (["gaussian", "usual"], None, None, "unknown_preference"),
        (["usual"], None, None, "preference_length"),
        (["linear", "usual"], [2.0, 0.0], [2.0, 0.0], "preference_thresholds"),
        (["linear", "usual"], [-1.0, 0.0], [2.0, 0.0], "preference_thresholds"),
        (["linear", "usual"], [0.0, 0.0], [np.inf, 0.0], "preference_thresholds"),
        (["vshape", "usual"], None, [0.0, 0.0], "preference_thresholds"),
        (["vshape", "usual"], None, None, "preference_thresholds"),
        (["usual", "usual"], [0.0], None, "preference_length"),
    ],
)
def test_parameter_errors(
    functions: list[str], q: list[float] | None, p: list[float] | None, key: str
) -> None:
    with pytest.raises(InputError) as info:
        promethee2(np.ones((3, 2)), [0.5, 0.5], functions, q, p)
    assert info.value.key == key


def test_threshold_error_names_the_criterion() -> None:
    with pytest.raises(InputError) as info:
        promethee2(np.ones((2, 2)), [0.5, 0.5], ["usual", "linear"], [0, 3.0], [0, 1.0])
    assert info.value.params == {"criterion": 2, "q": 3.0, "p": 1.0}


def test_weight_errors() -> None:
    with pytest.raises(WeightError) as info:
        promethee2(np.ones((3, 2)), [0.5, -0.5], ["usual", "usual"])
    assert info.value.key == "weights_negative"


def _assert_same_flows(ours, reference) -> None:  # noqa: ANN001 - two PrometheeResults
    for name in ("net_flow", "positive_flow", "negative_flow", "criterion_net_flows"):
        np.testing.assert_allclose(
            getattr(ours, name), getattr(reference, name), rtol=0, atol=1e-12
        )


@pytest.mark.parametrize("function", ["usual", "linear", "vshape"])
@pytest.mark.parametrize(
    ("m", "scale", "integers"),
    [(2, 1.0, False), (40, 1.0, True), (300, 1e6, False), (1000, 10.0, True), (1000, 1.0, False)],
)
def test_sorted_sums_equal_the_pairwise_definition(
    function: str, m: int, scale: float, integers: bool
) -> None:
    """The O(m log m) flows equal the pair-by-pair definition to 1e-12, also with many ties
    (integer values), values at the thresholds and euro-sized values (NPV columns)."""
    rng = np.random.default_rng(m + int(scale))
    n = 6
    raw = rng.integers(0, 12, size=(m, n)) if integers else rng.random((m, n))
    matrix = raw.astype(float) * scale
    spread = np.ptp(matrix, axis=0)
    if integers:  # thresholds exactly on the value grid: differences equal to q and p
        q, p = np.full(n, 2.0 * scale), np.full(n, 5.0 * scale)
    else:
        q, p = 0.1 * spread, 0.5 * spread
    weights = rng.random(n) + 0.1
    weights /= weights.sum()
    ours = promethee2(matrix, weights, [function] * n, q, p)
    _assert_same_flows(ours, pairwise_flows(matrix, weights, [function] * n, q, p))


@FAST
@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=12),
        elements=st.floats(-1e3, 1e3) | st.sampled_from([0.0, 1.0, 2.0, 3.0]),
    ),
    st.data(),
)
def test_sorted_sums_equal_pairwise_on_any_matrix(matrix: np.ndarray, data: st.DataObject) -> None:
    n = matrix.shape[1]
    weights = np.full(n, 1.0 / n)
    functions = data.draw(
        st.lists(st.sampled_from(["usual", "linear", "vshape"]), min_size=n, max_size=n)
    )
    p = data.draw(hnp.arrays(np.float64, n, elements=st.floats(0.5, 100.0) | st.just(1.0)))
    q = p * data.draw(hnp.arrays(np.float64, n, elements=st.floats(0.0, 0.9) | st.just(0.5)))
    _assert_same_flows(
        promethee2(matrix, weights, functions, q, p),
        pairwise_flows(matrix, weights, functions, q, p),
    )


def test_usual_keeps_differences_far_below_the_values() -> None:
    """Found by hypothesis: 1.2e-38 against 0 next to −1 (a shift by the minimum would
    round it to a tie)."""
    matrix = np.array([[1.17549435e-38, -1.0], [-1.0, -1.0], [-1.0, -1.0], [0.0, -1.0]])
    args = (matrix, [0.5, 0.5], ["usual", "usual"])
    _assert_same_flows(promethee2(*args), pairwise_flows(*args))


def test_pairwise_reference_reproduces_the_published_example() -> None:
    matrix = np.array([[4.0, 3.0, 2.0], [3.0, 2.0, 4.0], [5.0, 1.0, 3.0]])
    result = pairwise_flows(matrix, [0.5, 0.3, 0.2], ["usual"] * 3)
    np.testing.assert_array_equal(np.round(result.net_flow, 2), [0.1, -0.3, 0.2])
