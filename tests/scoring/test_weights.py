"""Weights: validation keys, normalisation and the group → criterion scheme."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from core.errors import InputError, WeightError
from core.scoring.weights import GROUPS, hierarchical_weights, normalize_weights, validate_weights

FAST = settings(max_examples=100, deadline=None)
weight_value = st.floats(min_value=0.0, max_value=1e6, allow_nan=False, allow_infinity=False)


def test_validate_weights_returns_a_float_copy() -> None:
    source = np.array([1, 2, 3])
    result = validate_weights(source, expected=3)
    assert result.dtype == float
    result[0] = 99.0
    assert source[0] == 1


@pytest.mark.parametrize(
    ("weights", "expected", "key"),
    [
        ([1.0, -1.0], None, "weights_negative"),
        ([1.0, float("nan")], None, "weights_nan"),
        ([1.0, math.inf], None, "weights_nan"),
        (["a", 1.0], None, "weights_nan"),
        ([0.0, 0.0], None, "weights_all_zero"),
        ([], None, "weights_all_zero"),
        ([1.0, 2.0], 3, "weights_length"),
        ([[1.0, 2.0]], None, "weights_length"),
    ],
)
def test_validate_weights_errors(weights: object, expected: int | None, key: str) -> None:
    with pytest.raises(WeightError) as info:
        validate_weights(weights, expected=expected)  # type: ignore[arg-type]
    assert info.value.key == key


def test_negative_weight_reports_the_value() -> None:
    with pytest.raises(WeightError) as info:
        validate_weights([1.0, -2.5])
    assert info.value.params == {"value": -2.5}


def test_normalize_weights_handles_huge_values() -> None:
    result = normalize_weights([1e308, 1e308])
    np.testing.assert_allclose(result, [0.5, 0.5])


@FAST
@given(st.lists(weight_value, min_size=1, max_size=30).filter(lambda w: max(w) > 0))
def test_normalized_weights_sum_to_one_and_are_non_negative(weights: list[float]) -> None:
    result = normalize_weights(weights)
    assert np.all(result >= 0)
    assert math.isclose(result.sum(), 1.0, rel_tol=1e-12)
    # proportions are kept
    expected = np.asarray(weights) / sum(weights)
    np.testing.assert_allclose(result, expected, rtol=1e-9, atol=1e-15)


def test_hierarchical_weights_worked_example() -> None:
    # groups 2:1:1 → shares 0.5, 0.25, 0.25; within cost 1:3, citizen_value 1, feasibility 1:1
    result = hierarchical_weights(
        {"cost": 2, "citizen_value": 1, "feasibility": 1},
        ["cost", "cost", "citizen_value", "feasibility", "feasibility"],
        [1, 3, 5, 2, 2],
    )
    np.testing.assert_allclose(result, [0.125, 0.375, 0.25, 0.125, 0.125])


def test_zero_group_contributes_nothing_even_with_zero_sub_weights() -> None:
    result = hierarchical_weights(
        {"cost": 1, "citizen_value": 0, "feasibility": 1},
        ["cost", "citizen_value", "feasibility"],
        [1, 0, 1],
    )
    np.testing.assert_allclose(result, [0.5, 0.0, 0.5])


def test_weighted_group_with_zero_sub_weights_is_an_error() -> None:
    with pytest.raises(WeightError) as info:
        hierarchical_weights(
            {"cost": 1, "citizen_value": 1, "feasibility": 0},
            ["cost", "citizen_value", "citizen_value"],
            [1, 0, 0],
        )
    assert info.value.key == "group_weights_all_zero"
    assert info.value.params == {"group": "citizen_value"}


def test_weighted_group_without_criteria_is_dropped_and_rest_renormalised() -> None:
    result = hierarchical_weights(
        {"cost": 1, "citizen_value": 1, "feasibility": 2}, ["cost", "citizen_value"], [1, 1]
    )
    np.testing.assert_allclose(result, [0.5, 0.5])


def test_nothing_left_after_dropping_groups_is_all_zero() -> None:
    with pytest.raises(WeightError) as info:
        hierarchical_weights({"cost": 0, "citizen_value": 0, "feasibility": 1}, ["cost"], [1])
    assert info.value.key == "weights_all_zero"


@pytest.mark.parametrize(
    ("groups", "key"),
    [
        ({"cost": -1, "citizen_value": 1}, "weights_negative"),
        ({"cost": float("nan"), "citizen_value": 1}, "weights_nan"),
        ({"cost": 0, "citizen_value": 0, "feasibility": 0}, "weights_all_zero"),
        ({}, "weights_all_zero"),
    ],
)
def test_group_weights_are_validated_like_weights(groups: dict[str, float], key: str) -> None:
    with pytest.raises(WeightError) as info:
        hierarchical_weights(groups, ["cost", "citizen_value"], [1, 1])
    assert info.value.key == key


def test_unknown_group_name_is_an_input_error() -> None:
    with pytest.raises(InputError) as info:
        hierarchical_weights({"price": 1}, ["cost"], [1])
    assert info.value.key == "unknown_group"
    assert not isinstance(info.value, WeightError)
    with pytest.raises(InputError) as info:
        hierarchical_weights({"cost": 1}, ["cost", "price"], [1, 1])
    assert info.value.key == "unknown_group"


@pytest.mark.parametrize(
    ("within", "key"),
    [
        ([1.0], "weights_length"),
        ([1.0, -1.0], "weights_negative"),
        ([1.0, math.nan], "weights_nan"),
    ],
)
def test_within_group_weights_are_validated(within: list[float], key: str) -> None:
    with pytest.raises(WeightError) as info:
        hierarchical_weights({"cost": 1}, ["cost", "cost"], within)
    assert info.value.key == key


@st.composite
def hierarchies(draw: st.DrawFn) -> tuple[dict[str, float], list[str], list[float]]:
    """Group weights, group labels and within weights with every weighted group usable."""
    labels = draw(st.lists(st.sampled_from(GROUPS), min_size=1, max_size=12))
    within = [draw(st.floats(min_value=0.01, max_value=100)) for _ in labels]
    groups = {g: draw(st.floats(min_value=0.0, max_value=100)) for g in GROUPS}
    groups[labels[0]] = draw(st.floats(min_value=0.01, max_value=100))
    return groups, labels, within


@FAST
@given(hierarchies())
def test_hierarchical_weights_sum_to_one_and_respect_group_shares(
    case: tuple[dict[str, float], list[str], list[float]],
) -> None:
    groups, labels, within = case
    result = hierarchical_weights(groups, labels, within)
    assert np.all(result >= 0)
    assert math.isclose(result.sum(), 1.0, rel_tol=1e-12)
    present = [g for g in GROUPS if g in labels]
    total = sum(groups[g] for g in present)
    for group in present:
        mask = np.array([label == group for label in labels])
        assert math.isclose(result[mask].sum(), groups[group] / total, abs_tol=1e-12)
        # inside the group, weights keep the proportions of the sub-weights
        sub = np.asarray(within)[mask]
        np.testing.assert_allclose(
            result[mask], groups[group] / total * sub / sub.sum(), rtol=1e-9, atol=1e-15
        )
