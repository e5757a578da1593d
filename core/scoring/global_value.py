"""Benefit on value scales that mean the same in every review area, and area weights.

The area ranking normalises every criterion *within its area* (min–max over that area's
options): good for choosing inside one area, meaningless across areas, where a 1,000 € gap
in one area would count as much as a 200,000 € gap in another. For comparisons across areas
(the budget portfolio, value for money) this module scores on **global value scales**:

* Each assessed criterion (citizen value and feasibility) has fixed reference levels, the
  catalogue's declared range ``min_value`` … ``max_value``, the same in every area. Its value
  is linear between them: 0 points at the worst reference level, 100 at the best (for a
  criterion where less is better, such as risk or months to implement, the scale is turned
  round). Values outside the declared range are clipped to it.
* Benefit = Σ criterion weight × value, with the weights of the citizen-value and
  feasibility groups (their group weights renormalised to sum 1, the within-group weights as
  set). The cost group is left out: cost stays in euros (investment, annual cost, NPV) and
  is what a budget limits, never points.
* Area weights say how much each area matters relative to the others; an option's benefit is
  multiplied by its area's weight (default 1 for every area, so the default adds plain
  points). Changing one area's costs or data never changes another area's benefit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from core.errors import InputError, WeightError
from core.scoring.weightset import CriteriaKeys, WeightSet

BENEFIT_GROUPS: tuple[str, ...] = ("citizen_value", "feasibility")
SCALE_POINTS = 100.0
DEFAULT_AREA_WEIGHT = 1.0
MAX_AREA_WEIGHT = 1000.0


@dataclass(frozen=True)
class AreaWeights:
    """Relative importance of the review areas (plain non-negative numbers, default 1).

    Areas not named weigh :data:`DEFAULT_AREA_WEIGHT`. Raises :class:`WeightError`
    ``area_weight_bad`` for NaN, infinite, negative or absurdly large numbers.
    """

    weights: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        clean: dict[str, float] = {}
        for area, raw in self.weights.items():
            try:
                value = float(raw)
            except (TypeError, ValueError):
                raise WeightError("area_weight_bad", area=area, value=raw) from None
            if not math.isfinite(value) or value < 0 or value > MAX_AREA_WEIGHT:
                raise WeightError("area_weight_bad", area=area, value=raw)
            clean[str(area)] = value
        object.__setattr__(self, "weights", MappingProxyType(clean))

    def __hash__(self) -> int:
        return hash(frozenset(self.weights.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self.weights),))

    def of(self, area: str) -> float:
        """The weight of ``area`` (default 1)."""
        return self.weights.get(area, DEFAULT_AREA_WEIGHT)

    def non_default(self) -> dict[str, float]:
        """Only the areas whose weight differs from the default (for URLs and saving)."""
        return {a: w for a, w in self.weights.items() if w != DEFAULT_AREA_WEIGHT}

    def with_area(self, area: str, weight: float) -> AreaWeights:
        """A copy with one area's weight replaced."""
        return AreaWeights({**self.weights, area: weight})

    def to_spec(self) -> str:
        """``area=weight,…`` for the areas off the default, in name order (URL, CLI)."""
        return ",".join(f"{a}={_plain(w)}" for a, w in sorted(self.non_default().items()))

    def to_json_dict(self, areas: Iterable[str]) -> dict[str, float]:
        return {a: self.of(a) for a in areas}


def _plain(value: float) -> str:
    """A weight as a plain number: ``2`` rather than ``2.0``."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def parse_area_weights(spec: str | None, known: Iterable[str] | None = None) -> AreaWeights:
    """Parse ``homepage=2,ozg=1.5`` (area slug = plain number); empty means all equal.

    ``known``: the area slugs; an unknown slug raises :class:`InputError` ``unknown_area``.
    """
    if spec is None or not spec.strip():
        return AreaWeights()
    allowed = None if known is None else list(known)
    weights: dict[str, float] = {}
    for part in spec.split(","):
        area, sep, raw = part.partition("=")
        area = area.strip()
        if not sep or not area:
            raise InputError("bad_area_weights_spec", spec=spec)
        if allowed is not None and area not in allowed:
            raise InputError("unknown_area", area=area, allowed=", ".join(allowed))
        try:
            weights[area] = float(raw)
        except ValueError:
            raise WeightError("area_weight_bad", area=area, value=raw.strip()) from None
    return AreaWeights(weights)


def benefit_weights(criteria: pd.DataFrame, weights: WeightSet) -> np.ndarray:
    """Weight per criterion row for the benefit (sum 1; 0 for the cost group).

    The citizen-value and feasibility group weights are renormalised over those two groups;
    inside each group the within-group weights apply. :class:`WeightError`
    ``benefit_weights_zero`` if both groups weigh nothing.
    """
    return _benefit_weights(criteria["grp"].to_numpy(), weights.within_weights(criteria), weights)


def benefit_weights_of(keys: CriteriaKeys, weights: WeightSet) -> np.ndarray:
    """:func:`benefit_weights` for the criteria of ``keys`` (an area model keeps them),
    computed once per weighting and criteria (:meth:`WeightSet.computed`)."""
    return weights.computed(
        ("benefit_weights", keys.content),
        lambda: _benefit_weights(keys.group_array, weights.within_weights_of(keys), weights),
    )


def _benefit_weights(groups: np.ndarray, within: np.ndarray, weights: WeightSet) -> np.ndarray:
    present = {
        g: weights.groups[g]
        for g in BENEFIT_GROUPS
        if weights.groups[g] > 0 and within[groups == g].sum() > 0
    }
    total = sum(present.values())
    if total <= 0:
        raise WeightError("benefit_weights_zero")
    result = np.zeros(len(groups))
    for g, w in present.items():
        mask = groups == g
        result[mask] = (w / total) * within[mask] / within[mask].sum()
    return result


def value_scale(criteria: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per criterion row: the reference level worth 0 points, the one worth 100, benefit mask.

    The levels are the catalogue's declared range (``min_value``, ``max_value``), the same in
    every area; for a cost-direction criterion the 100-point level is the lower end.
    """
    low = criteria["min_value"].to_numpy(dtype=float)
    high = criteria["max_value"].to_numpy(dtype=float)
    benefit = (criteria["direction"] == "benefit").to_numpy()
    zero = np.where(benefit, low, high)
    full = np.where(benefit, high, low)
    return zero, full, benefit


def values(matrix: np.ndarray, criteria: pd.DataFrame) -> np.ndarray:
    """Values (0–100) on the global scales, same shape as ``matrix`` (… × options × criteria).

    Works on one matrix or a stack of sampled matrices. Columns of the cost group (euros and
    staff) are returned as 0: they never enter the benefit.
    """
    zero, full, _ = value_scale(criteria)
    scaled = (np.asarray(matrix, dtype=float) - zero) / (full - zero)
    in_benefit = np.isin(criteria["grp"].to_numpy(), BENEFIT_GROUPS)
    return np.where(in_benefit, np.clip(scaled, 0.0, 1.0) * SCALE_POINTS, 0.0)


def option_benefit(
    matrix: np.ndarray, criteria: pd.DataFrame, weights: WeightSet, area_weight: float = 1.0
) -> np.ndarray:
    """Benefit per option (… × options): area weight × Σ benefit weight × global value."""
    return area_weight * (values(matrix, criteria) @ benefit_weights(criteria, weights))


def group_value(
    matrix: np.ndarray, criteria: pd.DataFrame, weights: WeightSet, group: str
) -> np.ndarray:
    """One benefit group alone on the global scales (0–100 per option), within-group weights."""
    mask = (criteria["grp"] == group).to_numpy()
    within = weights.within_weights(criteria) * mask
    if within.sum() <= 0:
        within = mask.astype(float)
    if within.sum() <= 0:
        return np.zeros(np.asarray(matrix).shape[:-1])
    return values(matrix, criteria) @ (within / within.sum())
