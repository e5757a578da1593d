"""The weighting value object: validated once when built, new objects from its methods, one
place for group shares."""

from __future__ import annotations

import math
import pickle

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from core.errors import InputError, WeightError
from core.scoring import weights as weights_math
from core.scoring.methods import METHODS
from core.scoring.weights import GROUPS
from core.scoring.weightset import DEFAULT_GROUP_WEIGHTS, WeightSet, parse_weights_spec

FAST = settings(max_examples=100, deadline=None)
CRITERIA = pd.DataFrame(
    {
        "key": ["npv", "reach", "quality", "risk"],
        "grp": ["cost", "citizen_value", "citizen_value", "feasibility"],
        "default_weight": [50.0, 30.0, 10.0, 20.0],
    }
)

weight = st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1e6))
group_weights = st.fixed_dictionaries({g: weight for g in GROUPS}).filter(
    lambda groups: sum(groups.values()) > 0
)
within_weights = st.dictionaries(st.sampled_from(list(CRITERIA["key"])), weight)
weight_sets = st.builds(WeightSet, group_weights, within_weights, st.sampled_from(METHODS))


def test_defaults() -> None:
    weights = WeightSet()
    assert weights.groups == DEFAULT_GROUP_WEIGHTS
    assert weights.within == {}
    assert weights.method == "wsm"


def test_missing_groups_weigh_zero_and_values_become_floats() -> None:
    weights = WeightSet({"cost": 3}, {"reach": 7})
    assert weights.groups == {"cost": 3.0, "citizen_value": 0.0, "feasibility": 0.0}
    assert all(type(v) is float for v in [*weights.groups.values(), *weights.within.values()])


@pytest.mark.parametrize(
    ("groups", "within", "method", "error", "key"),
    [
        ({"cost": 1, "bogus": 1}, {}, "wsm", InputError, "unknown_group"),
        ({"cost": float("nan")}, {}, "wsm", WeightError, "weights_nan"),
        ({"cost": 1, "feasibility": math.inf}, {}, "wsm", WeightError, "weights_nan"),
        ({"cost": 1}, {"reach": float("nan")}, "wsm", WeightError, "weights_nan"),
        ({"cost": -1, "feasibility": 5}, {}, "wsm", WeightError, "weights_negative"),
        ({"cost": 1}, {"reach": -0.5}, "wsm", WeightError, "weights_negative"),
        (
            {"cost": 0, "citizen_value": 0, "feasibility": 0},
            {},
            "wsm",
            WeightError,
            "weights_all_zero",
        ),
        ({}, {}, "wsm", WeightError, "weights_all_zero"),
        ({"cost": 1}, {}, "magic", InputError, "unknown_method"),
    ],
)
def test_invalid_weightings_are_refused_when_built(
    groups: dict[str, float], within: dict[str, float], method: str, error: type, key: str
) -> None:
    with pytest.raises(error) as info:
        WeightSet(groups, within, method)
    assert info.value.key == key


@FAST
@given(group_weights, st.sampled_from(GROUPS), st.floats(max_value=-1e-9, min_value=-1e9))
def test_any_negative_group_weight_is_refused(
    groups: dict[str, float], group: str, negative: float
) -> None:
    with pytest.raises(WeightError) as info:
        WeightSet({**groups, group: negative})
    assert info.value.key == "weights_negative"


@FAST
@given(group_weights, st.sampled_from([float("nan"), math.inf, -math.inf]))
def test_any_non_finite_sub_weight_is_refused(groups: dict[str, float], bad: float) -> None:
    with pytest.raises(WeightError) as info:
        WeightSet(groups, {"reach": bad})
    assert info.value.key == "weights_nan"


@FAST
@given(weight_sets)
def test_group_shares_sum_to_one(weights: WeightSet) -> None:
    shares = weights.group_shares()
    assert list(shares) == list(GROUPS)
    assert all(0.0 <= s <= 1.0 for s in shares.values())
    assert math.isclose(sum(shares.values()), 1.0, rel_tol=1e-12)


@FAST
@given(weight_sets, st.floats(min_value=1e-3, max_value=1e3))
def test_group_shares_do_not_change_when_every_group_is_scaled(
    weights: WeightSet, factor: float
) -> None:
    scaled = weights.with_groups(**{g: v * factor for g, v in weights.groups.items()})
    for group, share in weights.group_shares().items():
        assert math.isclose(scaled.group_shares()[group], share, rel_tol=1e-9, abs_tol=1e-12)


def test_group_shares_over_some_groups_are_renormalised() -> None:
    weights = WeightSet({"cost": 20, "citizen_value": 60, "feasibility": 20})
    assert weights.group_shares(("cost", "feasibility")) == {"cost": 0.5, "feasibility": 0.5}
    assert weights.group_shares() == {"cost": 0.2, "citizen_value": 0.6, "feasibility": 0.2}
    for nothing in ((), ("feasibility",)):
        with pytest.raises(WeightError) as info:
            WeightSet({"cost": 1, "feasibility": 0}).group_shares(nothing)
        assert info.value.key == "weights_all_zero"


def test_is_immutable_and_methods_return_new_objects() -> None:
    weights = WeightSet({"cost": 60, "citizen_value": 25, "feasibility": 15}, {"reach": 80})
    with pytest.raises(TypeError):
        weights.groups["cost"] = 0  # type: ignore[index]
    with pytest.raises(TypeError):
        weights.within["reach"] = 0  # type: ignore[index]
    topsis = weights.with_method("topsis")
    more = topsis.with_groups(cost=90).with_within({"risk": 5})
    assert (weights.method, topsis.method, more.method) == ("wsm", "topsis", "topsis")
    assert more.groups == {"cost": 90, "citizen_value": 25, "feasibility": 15}
    assert more.within == {"reach": 80, "risk": 5}
    assert weights.groups["cost"] == 60 and weights.within == {"reach": 80}
    with pytest.raises(InputError):
        weights.with_method("magic")
    with pytest.raises(WeightError):
        weights.with_groups(cost=0, citizen_value=0, feasibility=0)


@FAST
@given(weight_sets)
def test_equal_weightings_hash_alike_and_survive_pickling(weights: WeightSet) -> None:
    copy = pickle.loads(pickle.dumps(weights))
    assert copy == weights
    assert hash(copy) == hash(weights)
    rebuilt = WeightSet(
        dict(weights.groups), dict(reversed(weights.within.items())), weights.method
    )
    assert rebuilt == weights and hash(rebuilt) == hash(weights)


def test_from_row_reads_a_weight_profile_row() -> None:
    row = {"slug": "x", "w_cost": 60.0, "w_citizen_value": 25.0, "w_feasibility": 15.0}
    assert WeightSet.from_row(row) == WeightSet(
        {"cost": 60, "citizen_value": 25, "feasibility": 15}
    )
    stored = WeightSet.from_row({**row, "method": "promethee2"}, {"reach": 12.5})
    assert (stored.method, dict(stored.within)) == ("promethee2", {"reach": 12.5})


def test_criterion_weights_and_the_criteria_a_weighting_may_name() -> None:
    weights = WeightSet({"cost": 50, "citizen_value": 50, "feasibility": 0}, {"reach": 10})
    assert weights.criterion_weights(CRITERIA).tolist() == pytest.approx([0.5, 0.25, 0.25, 0.0])
    stale = weights.with_within({"removed": 3})
    with pytest.raises(InputError) as info:
        stale.criterion_weights(CRITERIA)
    assert info.value.key == "unknown_criterion"
    assert stale.for_criteria(CRITERIA) == weights
    stale.validate(CRITERIA)  # a stale sub-weight alone does not stop a saved weighting
    with pytest.raises(WeightError) as info:
        WeightSet({"cost": 1}, {"npv": 0}).validate(CRITERIA)
    assert info.value.key == "group_weights_all_zero"


def test_parse_weights_spec() -> None:
    assert parse_weights_spec(None) == WeightSet()
    assert parse_weights_spec("cost=40, reach=7", {"reach"}) == WeightSet(
        {"cost": 40, "citizen_value": 0, "feasibility": 0}, {"reach": 7}
    )
    assert parse_weights_spec("reach=7") == WeightSet(within={"reach": 7})
    for spec, key in (("cost", "bad_weights_spec"), ("cost=x", "bad_weights_spec")):
        with pytest.raises(InputError) as info:
            parse_weights_spec(spec)
        assert info.value.key == key
    with pytest.raises(InputError) as info:
        parse_weights_spec("nope=1", {"reach"})
    assert info.value.key == "unknown_weight_key"
    with pytest.raises(WeightError) as info:
        parse_weights_spec("cost=0")
    assert info.value.key == "weights_all_zero"


@FAST
@given(weight_sets)
def test_weights_read_from_lists_equal_those_read_by_iterating_the_columns(weights) -> None:
    """The criteria columns are read with ``tolist`` (iterating Arrow strings is slow): the
    weights equal the former element-wise reading, for string and object columns alike."""
    for criteria in (CRITERIA, CRITERIA.astype(object)):
        raw = [
            weights.within.get(k, d) for k, d in zip(criteria["key"], criteria["default_weight"])
        ]
        assert weights.within_weights(criteria).tolist() == raw
        assert weights.for_criteria(criteria.iloc[:2]).within == {
            k: v for k, v in weights.within.items() if k in set(criteria["key"].iloc[:2])
        }
        try:
            expected = weights_math.hierarchical_weights(weights.groups, list(criteria["grp"]), raw)
        except WeightError:
            with pytest.raises(WeightError):
                weights.criterion_weights(criteria)
        else:
            assert weights.criterion_weights(criteria).tolist() == expected.tolist()
