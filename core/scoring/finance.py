"""Net present value of cost: investment now, operating cost at the end of each year."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from core.errors import InputError


def validate_horizon_rate(horizon_years: int, discount_rate: float) -> None:
    """Reject a horizon outside 1–50 years or a rate outside (−50 %, 100 %)."""
    if not isinstance(horizon_years, int | np.integer) or not 1 <= horizon_years <= 50:
        raise InputError("bad_horizon", value=horizon_years)
    if not np.isfinite(discount_rate) or not -0.5 < discount_rate < 1.0:
        raise InputError("bad_rate", value=discount_rate)


def annuity_factor(horizon_years: int, discount_rate: float) -> float:
    """Present value of 1 € paid at the end of each year for ``horizon_years`` years."""
    validate_horizon_rate(horizon_years, discount_rate)
    years = np.arange(1, horizon_years + 1, dtype=float)
    return float(np.sum((1.0 + discount_rate) ** -years))


def npv_cost(
    investment: ArrayLike, annual_cost: ArrayLike, horizon_years: int, discount_rate: float
) -> np.ndarray:
    """NPV of cost = investment + Σ_{t=1..H} annual_cost / (1 + r)^t (vectorised).

    Costs are positive numbers; a negative cost is rejected, not treated as a saving.
    """
    inv = np.asarray(investment, dtype=float)
    annual = np.asarray(annual_cost, dtype=float)
    for values in (inv, annual):
        bad = ~np.isfinite(values) | (values < 0)
        if bad.any():
            raise InputError("negative_cost", value=float(values[bad].flat[0]))
    return inv + annual * annuity_factor(horizon_years, discount_rate)
