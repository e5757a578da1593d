"""The name of the active weighting: a preset's name if the weights equal it, else "custom".

Saved scenarios do not exist yet; until then a view is named after the preset whose group
shares it reproduces, so a projected slide says which weighting it shows.
"""

from __future__ import annotations

import math

import pandas as pd

from core import i18n
from core.scoring.weights import GROUPS
from core.scoring.weightset import WeightSet


def matching_preset(weights: WeightSet, presets: pd.DataFrame) -> str | None:
    """Slug of the first preset with the same group shares and no sub-weight overrides.

    Shares, not raw values, are compared: 60/25/15 and 120/50/30 rank alike. A weighting
    with changed sub-criteria is not a preset, even if its group weights are.
    """
    if weights.within:
        return None
    shares = weights.group_shares()
    for preset in presets.to_dict("records"):
        preset_shares = WeightSet.from_row(preset).group_shares()
        if all(math.isclose(shares[g], preset_shares[g], abs_tol=1e-9) for g in GROUPS):
            return str(preset["slug"])
    return None


def scenario_name(weights: WeightSet, presets: pd.DataFrame, lang: str = "de") -> str:
    """The preset's name in ``lang`` (German if no translation), else "Eigene Gewichtung"."""
    slug = matching_preset(weights, presets)
    if slug is None:
        return i18n.t("scenario_custom", lang)
    row = presets[presets["slug"] == slug].iloc[0]
    return str(i18n.localized_value(row, "name", lang))
