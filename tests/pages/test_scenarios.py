"""Szenarien page: save (editors), load, link ?scenario=slug, compare side by side."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from streamlit.testing.v1 import AppTest

from core import settings, store
from core.editing import audit, scenarios
from core.editing.auth import Actor
from core.scoring import area_model
from core.scoring.weightset import WeightSet
from tests.pages import editing_support
from tests.pages.editing_support import PASSWORD, SECRETS, login, read, texts
from ui import weights_panel

app = editing_support.app  # fixtures
fresh_db = editing_support.fresh_db

PAGE = "pages/scenarios.py"
BUDGET = WeightSet({"cost": 80, "citizen_value": 10, "feasibility": 10}, {"npv_cost": 90}, "topsis")
CITIZENS = WeightSet({"cost": 0, "citizen_value": 100, "feasibility": 0})


def _save(path: str, name: str, weights: WeightSet) -> str:
    with read(path) as conn:
        slug, _ = scenarios.save(conn, Actor("anna", "editor"), name, weights, store.criteria(conn))
    return slug


def test_viewer_can_look_but_not_save(app: Callable[..., AppTest], fresh_db: str) -> None:
    _save(fresh_db, "Sparkurs", BUDGET)
    at = app(secrets=SECRETS, page=PAGE)
    assert "Zum Speichern, Umbenennen und Löschen bitte als Redaktion anmelden" in texts(at.info)
    assert not any(b.key in ("scenario_rename", "scenario_delete_ask") for b in at.button)
    assert len(at.text_input) == 0  # no name field; the (closed) sign-in form is not drawn
    assert at.dataframe[0].value["Name"].tolist() == ["Sparkurs"]
    assert at.dataframe[0].value["Link"].tolist() == ["?scenario=sparkurs"]


def test_editor_saves_the_current_weights(app: Callable[..., AppTest], fresh_db: str) -> None:
    at = login(app(secrets=SECRETS), "anna", PASSWORD)
    at.slider(key="w_cost").set_value(70).run()
    at.switch_page(PAGE).run()
    version = store.data_version(read(fresh_db))[0]
    at.text_input(key="scenario_name").input("Haushalt 2027")
    at.button(key="scenario_save").click().run()
    assert not at.exception, at.exception
    assert "?scenario=haushalt-2027" in texts(at.success)
    with read(fresh_db) as conn:
        saved = scenarios.load(conn, "haushalt-2027")
        assert saved.author == "anna"
        assert saved.weights.groups["cost"] == 70
        assert store.data_version(conn)[0] == version + 1
        assert audit.entries(conn)["entity"].tolist() == ["scenarios"]


def test_link_opens_the_scenario_weights(app: Callable[..., AppTest], fresh_db: str) -> None:
    slug = _save(fresh_db, "Sparkurs", BUDGET)
    at = app(page=PAGE, scenario=slug)
    assert at.slider(key="w_cost").value == 80
    assert at.session_state["s_npv_cost"] == 90
    assert "weichen von der Vorgabe ab" in texts(at.sidebar.caption)
    at.session_state[weights_panel.SUB_WEIGHTS_OPEN_KEY] = True  # the sliders draw when open
    assert at.run().slider(key="s_npv_cost").value == 90
    assert at.session_state["method"] == "topsis"
    assert "Geladenes Szenario: Sparkurs" in texts(at.info)
    assert at.query_params["scenario"] in (slug, [slug])
    explicit = app(page=PAGE, scenario=slug, w_cost="5")  # weights in the link win
    assert explicit.slider(key="w_cost").value == 5
    assert explicit.session_state["s_npv_cost"] == 90


def test_unknown_scenario_link_is_reported(app: Callable[..., AppTest]) -> None:
    at = app(page=PAGE, scenario="gibt-es-nicht")
    assert "scenario" in texts(at.warning)
    assert at.slider(key="w_cost").value == 34


def test_load_button_sets_the_sidebar(app: Callable[..., AppTest], fresh_db: str) -> None:
    _save(fresh_db, "Bürger", CITIZENS)
    at = app(page=PAGE)
    at.button(key="scenario_load").click().run()
    assert not at.exception
    assert [at.slider(key=f"w_{g}").value for g in ("cost", "citizen_value", "feasibility")] == [
        0,
        100,
        0,
    ]
    assert "Szenario „Bürger“ geladen" in texts(at.success)


def test_compare_highlights_areas_with_another_winner(
    app: Callable[..., AppTest], fresh_db: str
) -> None:
    _save(fresh_db, "Sparkurs", BUDGET)
    _save(fresh_db, "Bürger", CITIZENS)
    at = app(page=PAGE)
    at.multiselect(key="scenario_compare").set_value(["sparkurs", "buerger"]).run()
    assert not at.exception
    with read(fresh_db) as conn:
        models = area_model.load_areas(
            conn, settings.get("horizon_years"), settings.get("discount_rate")
        )
    expected = scenarios.compare(models, {"Sparkurs": BUDGET, "Bürger": CITIZENS})
    assert expected.differing
    warning = texts(at.warning)
    assert f"in {len(expected.differing)} von {len(models)} Bereichen" in warning
    tops = _tops(at, "Bürger")
    flagged = [name for name in tops.index if name.startswith("⚠")]
    assert len(flagged) == len(expected.differing)
    expanders = [e.label for e in at.expander]
    assert sum(label.startswith("⚠") for label in expanders) == len(expected.differing)


def test_compare_needs_two(app: Callable[..., AppTest]) -> None:
    at = app(page=PAGE)
    at.multiselect(key="scenario_compare").set_value(["__current__"]).run()
    assert "mindestens zwei Gewichtungen" in texts(at.info)
    assert not [t for t in at.table if "Aktuelle Gewichtung" in t.value.columns]


def test_viewer_with_crafted_state_cannot_write(app: Callable[..., AppTest], fresh_db: str) -> None:
    slug = _save(fresh_db, "Sparkurs", BUDGET)
    at = app(secrets=SECRETS, page=PAGE)
    version = store.data_version(read(fresh_db))[0]
    for key, value in {
        "scenario_name": "Gekapert",
        "scenario_save": True,
        "_scenario_delete": slug,
        "scenario_delete_yes": True,
        "scenario_new_name": "Umbenannt",
        "scenario_rename": True,
    }.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception
    with read(fresh_db) as conn:
        assert [p.name for p in scenarios.list_profiles(conn, "scenario")] == ["Sparkurs"]
        assert store.data_version(conn)[0] == version


def _tops(at: AppTest, column: str) -> pd.DataFrame:
    """The "best option per area" table, indexed by the area column."""
    return next(t.value for t in at.table if column in t.value.columns).set_index("Prüfbereich")


def test_viewer_compares_presets_and_current_weights_without_saving(
    app: Callable[..., AppTest], fresh_db: str
) -> None:
    """Not signed in: the comparison offers the current weighting and every preset, starts
    with the current weighting and three presets side by side, and writes nothing."""
    with read(fresh_db) as conn:
        version = store.data_version(conn)[0]
        presets = store.weight_profiles(conn, "preset")
        models = area_model.load_areas(
            conn, settings.get("horizon_years"), settings.get("discount_rate")
        )
        criteria = store.criteria(conn)
    at = app(page=PAGE)
    picker = at.multiselect(key="scenario_compare")
    preset_labels = [f"Voreinstellung: {n}" for n in presets["name_de"]]
    assert picker.options == ["Aktuelle Gewichtung", *preset_labels]
    assert picker.value == ["__current__", *(f"preset:{s}" for s in presets["slug"][:3])]
    assert picker.placeholder == "Bitte auswählen …"
    at.multiselect(key="scenario_compare").set_value(
        ["__current__", "preset:haushaltskonsolidierung"]
    ).run()
    assert not at.exception, at.exception

    current = WeightSet({"cost": 34, "citizen_value": 33, "feasibility": 33})
    current = current.with_within(dict(zip(criteria["key"], current.within_weights(criteria))))
    consolidation = WeightSet(
        {"cost": 60, "citizen_value": 25, "feasibility": 15}, dict(current.within)
    )
    expected = scenarios.compare(
        models,
        {"Aktuelle Gewichtung": current, "Voreinstellung: Haushaltskonsolidierung": consolidation},
    )
    tops = _tops(at, "Voreinstellung: Haushaltskonsolidierung")
    assert list(tops.columns) == ["Aktuelle Gewichtung", "Voreinstellung: Haushaltskonsolidierung"]
    for row in expected.tops.itertuples():
        area_name = next(
            n
            for n in tops.index
            if n.endswith(at.session_state["_context"].area_name(row.area, "de"))
        )
        cell = tops.loc[area_name, row.scenario]
        points = f"{row.score * 100:.1f}".replace(".", ",")
        assert cell == f"{row.top} ({points})"
    rank_tables = [t.value for t in at.table if "Option" in t.value.columns]
    assert len(rank_tables) == len(models)
    column = "Voreinstellung: Haushaltskonsolidierung: Rang (Punkte)"
    assert all(table[column].str.match(r"^\d+\. \(−?\d+,\d\)$").all() for table in rank_tables)
    with read(fresh_db) as conn:
        assert store.data_version(conn)[0] == version  # nothing saved
        assert scenarios.list_profiles(conn, "scenario") == []


def test_editor_sees_saved_scenarios_beside_the_presets(
    app: Callable[..., AppTest], fresh_db: str
) -> None:
    _save(fresh_db, "Sparkurs", BUDGET)
    _save(fresh_db, "Aktuelle Gewichtung", CITIZENS)  # named like the current weighting
    at = login(app(secrets=SECRETS), "anna", PASSWORD)
    at.switch_page(PAGE).run()
    options = at.multiselect(key="scenario_compare").options
    assert options[0] == "Aktuelle Gewichtung"
    assert options[-2:] == ["Sparkurs", "Aktuelle Gewichtung (2)"]
    assert sum(o.startswith("Voreinstellung: ") for o in options) == 4
    at.multiselect(key="scenario_compare").set_value(["sparkurs", "preset:ausgewogen"]).run()
    assert not at.exception
    assert list(_tops(at, "Sparkurs").columns) == ["Sparkurs", "Voreinstellung: Ausgewogen"]


def test_comparison_speaks_english(app: Callable[..., AppTest]) -> None:
    at = app(page=PAGE, lang="en")
    picker = at.multiselect(key="scenario_compare")
    assert picker.options[:2] == ["Current weighting", "Preset: Balanced"]
    assert picker.placeholder == "Please choose …"
