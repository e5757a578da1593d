"""Seeded factories of synthetic area models for sensitivity, Monte Carlo and portfolio tests."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from core.scoring.area_model import AreaModel

PATHWAYS = ("status_quo", "standard", "best_practice", "joint_kdn")


def make_model(
    matrix: np.ndarray | Sequence[Sequence[float]],
    groups: Sequence[str],
    benefit: Sequence[bool] | None = None,
    *,
    investment: Sequence[float] | None = None,
    annual: Sequence[float] | None = None,
    area: str = "test",
    ranges: Sequence[tuple[float, float]] | None = None,
) -> AreaModel:
    """An :class:`AreaModel` from a raw matrix; option 0 is the status quo."""
    values = np.asarray(matrix, dtype=float)
    m, n = values.shape
    benefit = [True] * n if benefit is None else list(benefit)
    ranges = ranges or [(0.0, 10.0)] * n
    criteria = pd.DataFrame(
        {
            "key": [f"c{j}" for j in range(n)],
            "grp": list(groups),
            "direction": ["benefit" if b else "cost" for b in benefit],
            "default_weight": [1.0] * n,
            "min_value": [r[0] for r in ranges],
            "max_value": [r[1] for r in ranges],
            "derived_from": [None] * n,
        }
    )
    invest = np.zeros(m) if investment is None else np.asarray(investment, dtype=float)
    yearly = np.zeros(m) if annual is None else np.asarray(annual, dtype=float)
    options = pd.DataFrame(
        {
            "id": [f"{area}-o{i}" for i in range(m)],
            "area": area,
            "name": [f"Option {i}" for i in range(m)],
            "pathway": [
                PATHWAYS[min(i, 3)] if i == 0 else PATHWAYS[1 + (i - 1) % 3] for i in range(m)
            ],
            "partner": [""] * m,
            "investment": invest,
            "annual_cost": yearly,
            "staff_fte": np.zeros(m),
            "cost_is_estimate": [False] * m,
            "npv_cost": invest + yearly * 5,
        }
    )
    values.setflags(write=False)
    return AreaModel(area, options, criteria, values)


def random_model(seed: int, m: int, n_per_group: int = 2, area: str = "test") -> AreaModel:
    """Random model with ``n_per_group`` criteria in each group, mixed directions."""
    rng = np.random.default_rng(seed)
    groups = [g for g in ("cost", "citizen_value", "feasibility") for _ in range(n_per_group)]
    n = len(groups)
    benefit = [bool(b) for b in rng.integers(0, 2, n)]
    matrix = rng.integers(0, 11, size=(m, n)).astype(float)
    return make_model(matrix, groups, benefit, area=area)
