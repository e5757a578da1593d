"""Cost view: NPV of cost per option, savings against the status quo, and the WiBe rule.

WiBe 5.0 (the federal IT economic appraisal) calls a measure justified if its net present
value is positive *or* its qualitative score reaches 50 points. Here the measure is "switch
from the status quo to this option": its NPV is the status quo's cost NPV minus the option's
(a positive number is a saving). The qualitative score is the option's citizen value on an
absolute 0–100 scale: each citizen-value criterion is scaled by its catalogue range
(min_value…max_value), not within the area, so a score means the same in every area, then
weighted with the user's within-group weights.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.scoring import finance
from core.scoring.area_model import AreaModel
from core.scoring.weightset import WeightSet

WIBE_THRESHOLD = 50.0
WIBE_STATUSES: tuple[str, ...] = (
    "baseline",
    "economic",
    "justified_by_value",
    "not_justified",
    "no_baseline",
)
COLUMNS = [
    "option_id",
    "option",
    "pathway",
    "investment",
    "annual_cost",
    "npv_cost",
    "savings",
    "qualitative_score",
    "wibe_status",
]


def qualitative_score(
    model: AreaModel, weights: WeightSet, group: str = "citizen_value"
) -> np.ndarray:
    """Per option: the group's criteria scaled by their catalogue range, weighted, 0–100."""
    mask = (model.criteria["grp"] == group).to_numpy()
    if not mask.any() or len(model.options) == 0:
        return np.zeros(len(model.options))
    crit = model.criteria[mask]
    low = crit["min_value"].to_numpy(dtype=float)
    high = crit["max_value"].to_numpy(dtype=float)
    span = np.where(high > low, high - low, 1.0)
    scaled = np.clip((model.matrix[:, mask] - low) / span, 0.0, 1.0)
    scaled = np.where(model.benefit[mask], scaled, 1.0 - scaled)
    within = weights.within_weights(model.criteria)[mask]
    if within.sum() <= 0:
        within = np.ones(mask.sum())
    return scaled @ (within / within.sum()) * 100


def wibe_status(
    savings: float, score: float, is_status_quo: bool, threshold: float = WIBE_THRESHOLD
) -> str:
    """WiBe 5.0 verdict: economic if the NPV is positive, else justified if score ≥ threshold."""
    if is_status_quo:
        return "baseline"
    if savings > 0:
        return "economic"
    # Compared as shown (one decimal): a sum of weighted shares may land a hair below an exact
    # 50 (49.99999999999999), and the table must not print "50" next to "not justified".
    if round(score, 1) >= threshold:
        return "justified_by_value"
    return "not_justified"


def cost_view(
    model: AreaModel,
    weights: WeightSet,
    horizon_years: int,
    discount_rate: float,
    threshold: float = WIBE_THRESHOLD,
) -> pd.DataFrame:
    """One row per option: costs, NPV of cost, savings vs the status quo, WiBe verdict.

    ``savings`` is NaN and the verdict ``no_baseline`` when the area has no status quo option.
    """
    if len(model.options) == 0:
        return pd.DataFrame(columns=COLUMNS)
    options = model.options
    npv = finance.npv_cost(
        options["investment"], options["annual_cost"], horizon_years, discount_rate
    )
    is_sq = (options["pathway"] == "status_quo").to_numpy()
    baseline = npv[is_sq][0] if is_sq.any() else np.nan
    savings = baseline - npv
    score = qualitative_score(model, weights)
    statuses = [
        wibe_status(s, q, sq, threshold) if np.isfinite(s) else "no_baseline"
        for s, q, sq in zip(savings, score, is_sq, strict=True)
    ]
    return pd.DataFrame(
        {
            "option_id": options["id"].to_numpy(),
            "option": options["name"].to_numpy(),
            "pathway": options["pathway"].to_numpy(),
            "investment": options["investment"].to_numpy(dtype=float),
            "annual_cost": options["annual_cost"].to_numpy(dtype=float),
            "npv_cost": npv,
            "savings": savings,
            "qualitative_score": score,
            "wibe_status": statuses,
        },
        columns=COLUMNS,
    )
