"""Saved weight scenarios: save, load, rename, delete (and undo), compare."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from core import settings, store
from core.editing import audit, rows as editing_rows, scenarios
from core.editing.auth import Actor, PermissionDeniedError
from core.errors import CockpitError, InputError, NotFoundError, WeightError
from core.scoring import area_model
from core.scoring.methods import METHODS
from core.scoring.weights import GROUPS
from core.scoring.weightset import WeightSet

EDITOR = Actor("anna", "editor")
BUDGET = WeightSet(
    {"cost": 70, "citizen_value": 20, "feasibility": 10}, {"npv_cost": 80, "reach": 10}, "topsis"
)
CITIZENS = WeightSet({"cost": 0, "citizen_value": 100, "feasibility": 0})


@pytest.fixture
def criteria(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return store.criteria(conn)


def test_save_and_load_round_trip(conn: duckdb.DuckDBPyConnection, criteria: pd.DataFrame) -> None:
    before = store.data_version(conn)[0]
    slug, result = scenarios.save(
        conn, EDITOR, "Sparkurs 2027", BUDGET, criteria, description="Für die Haushaltsklausur"
    )
    assert slug == "sparkurs-2027"
    assert result.version == before + 1
    profile = scenarios.load(conn, slug)
    assert (profile.name, profile.author, profile.kind) == ("Sparkurs 2027", "anna", "scenario")
    assert profile.weights.groups == BUDGET.groups
    assert profile.weights.method == "topsis"
    assert profile.weights.within["npv_cost"] == 80
    assert profile.weights.within["risk"] == criteria.set_index("key").loc["risk", "default_weight"]
    assert set(profile.weights.within) == set(criteria["key"])  # every sub-weight kept
    (entry,) = audit.entries(conn).itertuples()
    assert (entry.action, entry.entity, entry.entity_key) == ("add", "scenarios", slug)
    assert slug not in set(store.weight_profiles(conn)["slug"])  # presets stay presets


def test_slugs_never_collide_with_presets(
    conn: duckdb.DuckDBPyConnection, criteria: pd.DataFrame
) -> None:
    slug, _ = scenarios.save(conn, EDITOR, "Ausgewogen", BUDGET, criteria)
    assert slug == "ausgewogen-2"


def test_names_are_unique_unless_overwritten(
    conn: duckdb.DuckDBPyConnection, criteria: pd.DataFrame
) -> None:
    slug, _ = scenarios.save(conn, EDITOR, "Sparkurs", BUDGET, criteria)
    with pytest.raises(InputError) as info:
        scenarios.save(conn, EDITOR, " sparkurs ", CITIZENS, criteria)
    assert info.value.key == "profile_name_taken"
    same, result = scenarios.save(
        conn, Actor("bernd", "editor"), "Sparkurs", CITIZENS, criteria, overwrite=True
    )
    assert same == slug
    profile = scenarios.load(conn, slug)
    assert profile.weights.groups == CITIZENS.groups
    assert profile.author == "anna"  # the author stays; the trail says who changed it
    changed = audit.entries(conn, actor="bernd")
    assert "w_cost" in set(changed["field"]) and "method" in set(changed["field"])


def test_rename_keeps_the_link_and_delete_can_be_undone(
    conn: duckdb.DuckDBPyConnection, criteria: pd.DataFrame
) -> None:
    slug, _ = scenarios.save(conn, EDITOR, "Entwurf", BUDGET, criteria)
    scenarios.rename(conn, EDITOR, slug, "Vorschlag der Verwaltung")
    assert scenarios.load(conn, slug).name == "Vorschlag der Verwaltung"
    scenarios.delete(conn, EDITOR, slug)
    with pytest.raises(NotFoundError):
        scenarios.load(conn, slug)
    entry = editing_rows.removed(conn).iloc[0]
    assert entry["entity"] == "scenarios"
    editing_rows.undo(conn, EDITOR, int(entry["id"]))
    assert scenarios.load(conn, slug).name == "Vorschlag der Verwaltung"


def test_viewers_cannot_change_scenarios(
    conn: duckdb.DuckDBPyConnection, criteria: pd.DataFrame
) -> None:
    slug, _ = scenarios.save(conn, EDITOR, "Fest", BUDGET, criteria)
    viewer = Actor.viewer()
    for write in (
        lambda: scenarios.save(conn, viewer, "Neu", BUDGET, criteria),
        lambda: scenarios.rename(conn, viewer, slug, "Anders"),
        lambda: scenarios.delete(conn, viewer, slug),
    ):
        with pytest.raises(PermissionDeniedError):
            write()
    assert [p.name for p in scenarios.list_profiles(conn, "scenario")] == ["Fest"]


def test_invalid_weights_and_names(conn: duckdb.DuckDBPyConnection, criteria: pd.DataFrame) -> None:
    with pytest.raises(WeightError):
        scenarios.save(
            conn,
            EDITOR,
            "Null",
            WeightSet({"cost": 0, "citizen_value": 0, "feasibility": 0}),
            criteria,
        )
    with pytest.raises(InputError) as info:
        scenarios.save(conn, EDITOR, "   ", BUDGET, criteria)
    assert info.value.key == "edit_required"
    with pytest.raises(InputError):
        WeightSet({"cost": 1}, method="magic")


def test_removed_criteria_drop_out_of_loaded_weights(
    conn: duckdb.DuckDBPyConnection, criteria: pd.DataFrame
) -> None:
    slug, _ = scenarios.save(conn, EDITOR, "Mit Risiko", BUDGET, criteria)
    editing_rows.remove(conn, EDITOR, "criteria", "risk")
    weights = scenarios.load(conn, slug).weights
    assert "risk" not in weights.within
    weights.validate(store.criteria(conn))


def test_compare_marks_areas_where_the_winner_differs(conn: duckdb.DuckDBPyConnection) -> None:
    models = area_model.load_areas(
        conn, settings.get("horizon_years"), settings.get("discount_rate")
    )
    comparison = scenarios.compare(models, {"Budget": BUDGET, "Bürger": CITIZENS})
    assert set(comparison.ranks) == set(models)
    for area, table in comparison.ranks.items():
        assert list(table.columns) == ["option_id", "option", "Budget", "Bürger"]
        assert table["Budget"].min() == 1
        budget = area_model.rank_area(models[area], BUDGET, "topsis")
        assert dict(zip(budget["option_id"], budget["rank"])) == dict(
            zip(table["option_id"], table["Budget"])
        )
    tops = comparison.tops.pivot(index="area", columns="scenario", values="top")
    expected = tuple(a for a in models if tops.loc[a, "Budget"] != tops.loc[a, "Bürger"])
    assert comparison.differing == expected
    assert comparison.differing  # these two weightings disagree somewhere
    same = scenarios.compare(models, {"A": BUDGET, "B": BUDGET})
    assert same.differing == ()


positive = st.floats(min_value=1e-6, max_value=1e6)
weight = st.one_of(st.just(0.0), positive)


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.fixed_dictionaries({g: weight for g in GROUPS}).filter(lambda g: sum(g.values()) > 0),
    st.sampled_from(METHODS),
    st.data(),
)
def test_saved_weighting_loads_as_an_equal_object(
    conn: duckdb.DuckDBPyConnection, groups: dict[str, float], method: str, data: st.DataObject
) -> None:
    criteria = store.criteria(conn)
    # a saved weighting names every criterion (the page spells the defaults out)
    within = {key: data.draw(positive, label=key) for key in criteria["key"]}
    weights = WeightSet(groups, within, method)
    slug, _ = scenarios.save(conn, EDITOR, "Runde", weights, criteria, overwrite=True)
    assert scenarios.load(conn, slug).weights == weights


def test_area_weights_are_saved_with_the_scenario(
    conn: duckdb.DuckDBPyConnection, criteria: pd.DataFrame
) -> None:
    slug, _ = scenarios.save(
        conn, EDITOR, "OZG zählt doppelt", BUDGET, criteria, area_weights={"ozg": 2.0, "gis": 1}
    )
    assert scenarios.load(conn, slug).area_weights == {"ozg": 2.0}
    scenarios.save(
        conn, EDITOR, "OZG zählt doppelt", BUDGET, criteria, overwrite=True,
        area_weights={"homepage": 0.5},
    )  # fmt: skip
    assert scenarios.load(conn, slug).area_weights == {"homepage": 0.5}
    log = audit.entries(conn)
    changed = set(log.loc[log["entity_key"] == slug, "field"])
    assert {"aw_ozg", "aw_homepage"} <= changed
    with pytest.raises(CockpitError):
        scenarios.save(conn, EDITOR, "Falsch", BUDGET, criteria, area_weights={"nowhere": 2})
    with pytest.raises(CockpitError):
        scenarios.save(conn, EDITOR, "Falsch", BUDGET, criteria, area_weights={"ozg": -1})
    assert all(p.name != "Falsch" for p in scenarios.list_profiles(conn, "scenario"))


def test_compare_gives_each_weighting_its_scores_and_the_top_score(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    models = area_model.load_areas(
        conn, settings.get("horizon_years"), settings.get("discount_rate")
    )
    renamed = {"homepage-status-quo": "Keep the relaunched homepage"}
    comparison = scenarios.compare(models, {"Budget": BUDGET, "Bürger": CITIZENS}, renamed)
    for area, model in models.items():
        scores = comparison.scores[area]
        assert scores["option_id"].tolist() == comparison.ranks[area]["option_id"].tolist()
        for label, weights in (("Budget", BUDGET), ("Bürger", CITIZENS)):
            ranking = area_model.rank_area(model, weights, weights.method)
            expected = dict(zip(ranking["option_id"], ranking["score"]))
            assert dict(zip(scores["option_id"], scores[label])) == pytest.approx(expected)
            top = comparison.tops.query("area == @area and scenario == @label").iloc[0]
            assert top["score"] == pytest.approx(ranking["score"].max())
    homepage = comparison.ranks["homepage"].set_index("option_id")
    assert homepage.loc["homepage-status-quo", "option"] == "Keep the relaunched homepage"
    others = homepage.drop(index="homepage-status-quo")["option"]
    assert set(others) <= set(models["homepage"].options["name"])  # no name given: stored name


def test_presets_count_with_the_base_sub_weights_and_method(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    presets = store.weight_profiles(conn, "preset")
    weights = scenarios.preset_weights(presets, BUDGET)
    assert list(weights) == presets["slug"].tolist()
    consolidation = weights["haushaltskonsolidierung"]
    assert consolidation.groups == {"cost": 60, "citizen_value": 25, "feasibility": 15}
    assert consolidation.within == BUDGET.within
    assert consolidation.method == "topsis"
