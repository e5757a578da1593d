"""Competition ranking: ties share the better rank, float noise does not split ties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from core.errors import InputError
from core.scoring.ranking import competition_ranks

FAST = settings(max_examples=100, deadline=None)


def test_ties_share_the_better_rank() -> None:
    np.testing.assert_array_equal(competition_ranks([0.9, 0.5, 0.5, 0.1]), [1, 2, 2, 4])
    np.testing.assert_array_equal(competition_ranks([0.1, 0.5, 0.9, 0.5]), [4, 2, 1, 2])


def test_float_noise_does_not_break_ties() -> None:
    np.testing.assert_array_equal(competition_ranks([0.1 + 0.2, 0.3, 0.0]), [1, 1, 3])
    np.testing.assert_array_equal(competition_ranks([0.0, -0.0, -1e-13]), [1, 1, 1])


def test_decimals_controls_the_tie_resolution() -> None:
    np.testing.assert_array_equal(competition_ranks([1.004, 1.0], decimals=2), [1, 1])
    np.testing.assert_array_equal(competition_ranks([1.004, 1.0], decimals=3), [1, 2])


def test_result_is_int_and_empty_input_works() -> None:
    assert competition_ranks([2.0, 1.0]).dtype.kind == "i"
    assert competition_ranks([]).shape == (0,)


def test_non_finite_scores_are_rejected() -> None:
    with pytest.raises(InputError) as info:
        competition_ranks([1.0, float("nan")])
    assert info.value.key == "matrix_not_finite"


scores = st.lists(
    st.one_of(st.sampled_from([0.0, 0.25, 0.5, 1.0]), st.floats(-1e6, 1e6)), max_size=40
)


@FAST
@given(scores)
def test_is_a_valid_competition_ranking(values: list[float]) -> None:
    ranks = competition_ranks(values)
    rounded = np.round(np.asarray(values, dtype=float), 10)
    for i, value in enumerate(rounded):
        assert ranks[i] == 1 + int(np.sum(rounded > value))
        # equal scores share the rank, better scores get a strictly smaller rank
        assert np.all(ranks[rounded == value] == ranks[i])
        assert np.all(ranks[rounded > value] < ranks[i])
    if values:
        assert ranks.min() == 1
        assert ranks.max() <= len(values)
