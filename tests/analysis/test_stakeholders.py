"""Stakeholder profiles: who may write, aggregation (arithmetic/geometric), spread, dissent."""

from __future__ import annotations

import math

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from core import settings, store
from core.analysis import stakeholders
from core.editing import audit
from core.editing.auth import Actor, PermissionDeniedError
from core.errors import InputError
from core.scoring import area_model
from core.scoring.weightset import WeightSet

CRITERIA = pd.DataFrame(
    {
        "key": ["npv", "reach", "quality", "risk"],
        "grp": ["cost", "citizen_value", "citizen_value", "feasibility"],
        "default_weight": [50.0, 50.0, 50.0, 50.0],
    }
)


def profile(cost: float, citizen: float, feasibility: float, **within: float) -> WeightSet:
    return WeightSet({"cost": cost, "citizen_value": citizen, "feasibility": feasibility}, within)


def test_arithmetic_mean_of_shares() -> None:
    """Two factions 60/20/20 and 20/60/20 meet at 40/40/20."""
    result = stakeholders.aggregate([profile(60, 20, 20), profile(20, 60, 20)], CRITERIA)
    assert result.weights.groups == pytest.approx(
        {"cost": 40, "citizen_value": 40, "feasibility": 20}
    )
    assert result.fallbacks == ()


def test_geometric_mean_of_shares() -> None:
    """Geometric: √(.6·.2) = .3464 twice and .2, renormalised by their sum .8928."""
    result = stakeholders.aggregate(
        [profile(60, 20, 20), profile(20, 60, 20)], CRITERIA, "geometric"
    )
    root = math.sqrt(0.12)
    total = 2 * root + 0.2
    assert result.weights.groups == pytest.approx(
        {
            "cost": 100 * root / total,
            "citizen_value": 100 * root / total,
            "feasibility": 100 * 0.2 / total,
        }
    )


def test_shares_not_raw_values_are_averaged() -> None:
    """120/40/40 is the same weighting as 60/20/20 and must count the same."""
    a = stakeholders.aggregate([profile(120, 40, 40), profile(20, 60, 20)], CRITERIA)
    b = stakeholders.aggregate([profile(60, 20, 20), profile(20, 60, 20)], CRITERIA)
    assert a.weights.groups == pytest.approx(b.weights.groups)


def test_within_group_weights_are_averaged_per_group() -> None:
    result = stakeholders.aggregate(
        [profile(1, 1, 1, reach=90, quality=10), profile(1, 1, 1, reach=10, quality=30)], CRITERIA
    )
    assert result.weights.within["reach"] == pytest.approx((90 + 25) / 2)
    assert result.weights.within["quality"] == pytest.approx((10 + 75) / 2)
    assert result.weights.within["npv"] == pytest.approx(100)


def test_geometric_veto_and_fallback() -> None:
    veto = stakeholders.aggregate([profile(50, 50, 0), profile(50, 50, 50)], CRITERIA, "geometric")
    assert veto.weights.groups["feasibility"] == 0  # one 0 vetoes
    crossed = stakeholders.aggregate(
        [profile(100, 0, 0), profile(0, 100, 0), profile(0, 0, 100)], CRITERIA, "geometric"
    )
    assert crossed.fallbacks == ("groups",)
    assert crossed.weights.groups == pytest.approx({g: 100 / 3 for g in crossed.weights.groups})


def test_bad_requests() -> None:
    with pytest.raises(InputError):
        stakeholders.aggregate([], CRITERIA)
    with pytest.raises(InputError):
        stakeholders.aggregate([profile(1, 1, 1)], CRITERIA, "median")


weights = st.integers(0, 100)
profiles = st.lists(
    st.tuples(weights, weights, weights).filter(lambda w: sum(w) > 0), min_size=1, max_size=6
)


@given(profiles, st.sampled_from(stakeholders.MEANS))
def test_aggregate_is_a_valid_weighting_within_the_members_range(
    members: list[tuple[int, int, int]], how: str
) -> None:
    result = stakeholders.aggregate([profile(*m) for m in members], CRITERIA, how)
    groups = np.array(list(result.weights.groups.values()))
    assert groups.sum() == pytest.approx(100)
    assert (groups >= 0).all()
    result.weights.validate(CRITERIA)
    if how == "arithmetic":
        shares = np.array([np.array(m) / sum(m) for m in members]) * 100
        assert (groups >= shares.min(axis=0) - 1e-9).all()
        assert (groups <= shares.max(axis=0) + 1e-9).all()


@given(
    st.tuples(weights, weights, weights).filter(lambda w: sum(w) > 0),
    st.integers(1, 5),
    st.sampled_from(stakeholders.MEANS),
)
def test_identical_members_give_their_own_weighting(
    member: tuple[int, int, int], copies: int, how: str
) -> None:
    result = stakeholders.aggregate([profile(*member)] * copies, CRITERIA, how)
    expected = np.array(member) / sum(member) * 100
    assert np.array(list(result.weights.groups.values())) == pytest.approx(expected)


@given(profiles, st.randoms())
def test_order_of_members_does_not_matter(members: list[tuple[int, int, int]], rng) -> None:
    shuffled = list(members)
    rng.shuffle(shuffled)
    a = stakeholders.aggregate([profile(*m) for m in members], CRITERIA, "geometric")
    b = stakeholders.aggregate([profile(*m) for m in shuffled], CRITERIA, "geometric")
    assert list(a.weights.groups.values()) == pytest.approx(list(b.weights.groups.values()))


def test_spread_names_min_and_max() -> None:
    members = {
        "CDU": profile(60, 20, 20),
        "Grüne": profile(20, 60, 20),
        "SPD": profile(40, 40, 20, reach=100, quality=0),
    }
    group = stakeholders.aggregate(list(members.values()), CRITERIA).weights
    spread = stakeholders.spread(members, CRITERIA, group).set_index("key")
    assert spread.loc["cost", ["min", "max"]].tolist() == pytest.approx([20, 60])
    assert (spread.loc["cost", "min_by"], spread.loc["cost", "max_by"]) == ("Grüne", "CDU")
    assert spread.loc["feasibility", "range"] == pytest.approx(0)
    assert spread.loc["reach", ["min", "max"]].tolist() == pytest.approx([50, 100])
    assert spread.loc["cost", "aggregate"] == pytest.approx(40)


def test_participant_writes_only_their_own_profile(conn: duckdb.DuckDBPyConnection) -> None:
    criteria = store.criteria(conn)
    cdu = Actor("CDU-Fraktion", "participant", scope="cdu")
    slug, result = stakeholders.save(
        conn, cdu, "CDU-Fraktion", profile(50, 30, 20), criteria, slug="cdu"
    )
    assert slug == "cdu"
    entry = audit.entries(conn).iloc[0]
    assert (entry["role"], entry["entity"], entry["entity_key"]) == (
        "participant",
        "stakeholders",
        "cdu",
    )
    stakeholders.save(conn, cdu, "CDU-Fraktion", profile(10, 80, 10), criteria, slug="cdu")
    (saved,) = stakeholders.profiles(conn)
    assert saved.weights.groups["citizen_value"] == 80  # the last entry counts
    for other_slug in ("gruene", None):
        with pytest.raises(PermissionDeniedError):
            stakeholders.save(conn, cdu, "Grüne", profile(1, 1, 1), criteria, slug=other_slug)
    with pytest.raises(PermissionDeniedError):
        stakeholders.save(conn, Actor.viewer(), "Gast", profile(1, 1, 1), criteria)
    facilitator = Actor("moderation", "editor")
    stakeholders.save(conn, facilitator, "Grüne", profile(20, 60, 20), criteria)
    assert [p.name for p in stakeholders.profiles(conn)] == ["CDU-Fraktion", "Grüne"]


def test_dissent_lists_who_sees_another_winner(conn: duckdb.DuckDBPyConnection) -> None:
    models = area_model.load_areas(
        conn, settings.get("horizon_years"), settings.get("discount_rate")
    )
    members = {"Kämmerei": profile(100, 0, 0), "Bürgerbüro": profile(0, 100, 0)}
    group = stakeholders.aggregate(list(members.values()), store.criteria(conn)).weights
    table = stakeholders.dissent(models, members, group)
    assert len(table) == 2 * len(models)
    for row in table.itertuples():
        own = area_model.rank_area(models[row.area], members[row.stakeholder])
        assert row.own_top == own.iloc[0]["option"] or " = " in row.own_top
        assert row.differs == (row.own_top != row.group_top)
    assert table["differs"].any()
