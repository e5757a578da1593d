"""A user's weighting: group weights (0–100) and within-group weights per criterion.

This is the value object the sidebar, the URL, the CLI and saved scenarios share. It turns
into one normalised weight per criterion through :func:`core.scoring.weights.hierarchical_weights`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core.errors import InputError, WeightError
from core.scoring import weights as weight_math

GROUPS = weight_math.GROUPS
DEFAULT_GROUP_WEIGHTS: dict[str, float] = {"cost": 34.0, "citizen_value": 33.0, "feasibility": 33.0}


@dataclass(frozen=True)
class WeightSet:
    """Group weights and optional within-group overrides; missing criteria use their default."""

    groups: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_GROUP_WEIGHTS))
    within: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.groups) - set(GROUPS)
        if unknown:
            raise InputError("unknown_group", group=sorted(unknown)[0], allowed=", ".join(GROUPS))
        groups = {g: float(self.groups.get(g, 0.0)) for g in GROUPS}
        within = {k: float(v) for k, v in self.within.items()}
        for value in [*groups.values(), *within.values()]:
            if not math.isfinite(value):
                raise WeightError("weights_nan")
            if value < 0:
                raise WeightError("weights_negative", value=value)
        if sum(groups.values()) <= 0:
            raise WeightError("weights_all_zero")
        object.__setattr__(self, "groups", groups)
        object.__setattr__(self, "within", within)

    def group_shares(self) -> dict[str, float]:
        """Group weights normalised to sum 1."""
        total = sum(self.groups.values())
        return {g: self.groups[g] / total for g in GROUPS}

    def within_weights(self, criteria: pd.DataFrame) -> np.ndarray:
        """Raw within-group weight per criterion row (override or catalogue default)."""
        return np.array(
            [self.within.get(k, d) for k, d in zip(criteria["key"], criteria["default_weight"])],
            dtype=float,
        )

    def criterion_weights(self, criteria: pd.DataFrame) -> np.ndarray:
        """Final normalised weight per criterion row of ``criteria`` (columns key, grp, ...)."""
        unknown = set(self.within) - set(criteria["key"])
        if unknown:
            raise InputError("unknown_criterion", criterion=sorted(unknown)[0])
        return weight_math.hierarchical_weights(
            self.groups, list(criteria["grp"]), self.within_weights(criteria)
        )

    def with_groups(self, **groups: float) -> WeightSet:
        """A copy with some group weights replaced."""
        return WeightSet({**self.groups, **groups}, self.within)


def parse_weights_spec(spec: str | None, criterion_keys: set[str] | None = None) -> WeightSet:
    """Parse ``cost=40,citizen_value=40,feasibility=20[,reach=50,...]`` into a WeightSet.

    Group keys set group weights (unspecified groups keep the default if no group is named,
    else 0); criterion keys set within-group weights.
    """
    if spec is None or spec.strip() == "":
        return WeightSet()
    groups: dict[str, float] = {}
    within: dict[str, float] = {}
    for part in spec.split(","):
        key, sep, raw = part.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InputError("bad_weights_spec", spec=spec)
        try:
            value = float(raw)
        except ValueError:
            raise InputError("bad_weights_spec", spec=spec) from None
        if key in GROUPS:
            groups[key] = value
        elif criterion_keys is None or key in criterion_keys:
            within[key] = value
        else:
            raise InputError("unknown_weight_key", key=key, groups=", ".join(GROUPS))
    if groups:
        groups = {g: groups.get(g, 0.0) for g in GROUPS}
    else:
        groups = dict(DEFAULT_GROUP_WEIGHTS)
    return WeightSet(groups, within)
