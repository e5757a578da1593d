"""Data ranges (low – high) for assessments and cost figures, and how they are sampled.

Every assessment value and every cost line's investment and annual cost may carry an explicit
range. A figure without one gets a **declared default range by its kind**:

* an *estimated* assessment: ± :data:`ASSESSMENT_ESTIMATE_SHARE` (15 %) of the criterion's
  declared scale (± 1.5 points on a 0–10 scale, ± 0.6 on the OZG 0–4 scale, ± 9 months on
  the 0–60 months scale), cut at the ends of the scale;
* an *estimated* cost line: :data:`COST_ESTIMATE_LOW` (−20 %) to :data:`COST_ESTIMATE_HIGH`
  (+50 %) of its euro figures; public IT projects overrun more often than they undercut;
* a figure with a source and without "estimate": exact (low = high = value).

Staff (FTE) stays exact. The Monte Carlo analysis draws each figure from the triangular
distribution (low, value, high): the value stays the most likely one, the ends are possible
but rare. All cost lines of one option move together (drawn as one total).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.errors import InputError

ASSESSMENT_ESTIMATE_SHARE = 0.15
COST_ESTIMATE_LOW = 0.8
COST_ESTIMATE_HIGH = 1.5
RANGE_KINDS: tuple[str, ...] = ("explicit", "default", "exact")
COST_RANGE_COLUMNS = {
    "investment": ("investment_low", "investment_high"),
    "annual_cost": ("annual_low", "annual_high"),
}
LINE_COLUMNS = {"investment": "investment_eur", "annual_cost": "annual_cost_eur"}


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    if name not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)


def check_range(low: float | None, value: float, high: float | None, *, field: str) -> None:
    """:class:`InputError` ``range_bad`` unless low ≤ value ≤ high (a missing end is fine)."""
    for end in (low, high):
        if end is not None and not np.isfinite(end):
            raise InputError("range_bad", field=field, low=low, value=value, high=high)
    if (low is not None and low > value) or (high is not None and high < value):
        raise InputError("range_bad", field=field, low=low, value=value, high=high)
    if (low is None) != (high is None):
        raise InputError("range_half", field=field)


def assessment_bounds(assessments: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """``assessments`` plus ``low``, ``high`` and ``range_kind`` (explicit / default / exact)."""
    span = criteria.set_index("key")
    lo_scale = assessments["criterion"].map(span["min_value"]).to_numpy(dtype=float)
    hi_scale = assessments["criterion"].map(span["max_value"]).to_numpy(dtype=float)
    value = assessments["value"].to_numpy(dtype=float)
    given_low, given_high = _column(assessments, "value_low"), _column(assessments, "value_high")
    explicit = np.isfinite(given_low) & np.isfinite(given_high)
    estimate = assessments["is_estimate"].to_numpy(dtype=bool)
    spread = ASSESSMENT_ESTIMATE_SHARE * (hi_scale - lo_scale)
    default_low = np.where(estimate, np.maximum(value - spread, np.minimum(lo_scale, value)), value)
    default_high = np.where(
        estimate, np.minimum(value + spread, np.maximum(hi_scale, value)), value
    )
    kind = np.where(explicit, "explicit", np.where(estimate, "default", "exact"))
    return assessments.assign(
        low=np.where(explicit, given_low, default_low),
        high=np.where(explicit, given_high, default_high),
        range_kind=kind,
    )


def cost_line_bounds(cost_lines: pd.DataFrame) -> pd.DataFrame:
    """``cost_lines`` plus low/high of investment and annual cost and ``range_kind``."""
    estimate = cost_lines["is_estimate"].to_numpy(dtype=bool)
    result = cost_lines.copy()
    kinds = np.full(len(cost_lines), "exact", dtype=object)
    kinds[estimate] = "default"
    for name, (low_col, high_col) in COST_RANGE_COLUMNS.items():
        value = cost_lines[LINE_COLUMNS[name]].to_numpy(dtype=float)
        low, high = _column(cost_lines, low_col), _column(cost_lines, high_col)
        explicit = np.isfinite(low) & np.isfinite(high)
        kinds[explicit] = "explicit"
        result[f"{name}_low"] = np.where(
            explicit, low, np.where(estimate, value * COST_ESTIMATE_LOW, value)
        )
        result[f"{name}_high"] = np.where(
            explicit, high, np.where(estimate, value * COST_ESTIMATE_HIGH, value)
        )
    result["range_kind"] = kinds
    return result


def option_cost_bounds(cost_lines: pd.DataFrame) -> pd.DataFrame:
    """Per option: summed low/high investment and annual cost (all lines move together)."""
    columns = ["investment_low", "investment_high", "annual_cost_low", "annual_cost_high"]
    if cost_lines.empty:
        return pd.DataFrame(columns=["option_id", *columns])
    bounds = cost_line_bounds(cost_lines)
    return bounds.groupby("option_id", as_index=False)[columns].sum()


def triangular(
    rng: np.random.Generator, low: np.ndarray, mode: np.ndarray, high: np.ndarray, size: int
) -> np.ndarray:
    """``size`` draws (size × shape) from triangular(low, mode, high); exact where low = high."""
    low = np.asarray(low, dtype=float)
    return triangular_quantile(rng.random((size, *low.shape)), low, mode, high)


def triangular_quantile(
    u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray
) -> np.ndarray:
    """The triangular(low, mode, high) quantile of uniform numbers ``u`` (inverse CDF).

    Below the mode: low + √(u·w·(mode − low)); above: high − √((1 − u)·w·(high − mode)),
    with w = high − low. Where low = high both terms vanish and the value itself comes back.
    """
    low, mode, high = (np.asarray(a, dtype=float) for a in (low, mode, high))
    width = high - low
    split = np.where(width > 0, (mode - low) / np.where(width > 0, width, 1.0), 1.0)
    below = u < split
    root = np.sqrt(np.where(below, u * (width * (mode - low)), (1.0 - u) * (width * (high - mode))))
    return np.where(below, low + root, high - root)
