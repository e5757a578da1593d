"""The scenario name: a preset's name when the weights reproduce it, else "custom"."""

from __future__ import annotations

import pandas as pd

from core.scoring.weightset import WeightSet
from core.views import scenario_label

PRESETS = pd.DataFrame(
    {
        "slug": ["ausgewogen", "haushaltskonsolidierung"],
        "name_de": ["Ausgewogen", "Haushaltskonsolidierung"],
        "name_en": ["Balanced", ""],
        "w_cost": [34.0, 60.0],
        "w_citizen_value": [33.0, 25.0],
        "w_feasibility": [33.0, 15.0],
    }
)


def test_default_weights_are_the_balanced_preset() -> None:
    assert scenario_label.matching_preset(WeightSet(), PRESETS) == "ausgewogen"
    assert scenario_label.scenario_name(WeightSet(), PRESETS, "de") == "Ausgewogen"
    assert scenario_label.scenario_name(WeightSet(), PRESETS, "en") == "Balanced"


def test_proportional_weights_match_and_missing_translation_falls_back() -> None:
    doubled = WeightSet({"cost": 120, "citizen_value": 50, "feasibility": 30})
    assert scenario_label.matching_preset(doubled, PRESETS) == "haushaltskonsolidierung"
    assert scenario_label.scenario_name(doubled, PRESETS, "en") == "Haushaltskonsolidierung"


def test_other_weights_are_custom() -> None:
    other = WeightSet({"cost": 61, "citizen_value": 25, "feasibility": 15})
    assert scenario_label.matching_preset(other, PRESETS) is None
    assert scenario_label.scenario_name(other, PRESETS, "de") == "Eigene Gewichtung"
    assert scenario_label.scenario_name(other, PRESETS, "en") == "Custom weighting"


def test_changed_sub_weights_are_custom_even_with_preset_groups() -> None:
    tuned = WeightSet({"cost": 60, "citizen_value": 25, "feasibility": 15}, {"reach": 90})
    assert scenario_label.matching_preset(tuned, PRESETS) is None


def test_no_presets_means_custom() -> None:
    assert scenario_label.scenario_name(WeightSet(), PRESETS.iloc[0:0], "de") == "Eigene Gewichtung"


def test_seeded_presets_are_recognised(conn) -> None:
    from core import store

    presets = store.weight_profiles(conn, "preset")
    for row in presets.itertuples(index=False):
        weights = WeightSet(
            {
                "cost": row.w_cost,
                "citizen_value": row.w_citizen_value,
                "feasibility": row.w_feasibility,
            }
        )
        assert scenario_label.scenario_name(weights, presets, "de") == row.name_de
