"""A user's weighting: group weights, within-group weights per criterion and the scoring method.

This is the one value object the sidebar, the URL, the CLI, saved scenarios, stakeholder
profiles and the committee form share. It is validated once, when it is built; its methods
return new objects. It turns into one normalised weight per criterion through
:func:`core.scoring.weights.hierarchical_weights`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from core.errors import InputError, WeightError
from core.scoring import methods, weights as weight_math

GROUPS = weight_math.GROUPS
DEFAULT_GROUP_WEIGHTS: dict[str, float] = {"cost": 34.0, "citizen_value": 33.0, "feasibility": 33.0}
DEFAULT_METHOD = "wsm"


@dataclass(frozen=True)
class WeightSet:
    """Group weights (every group; missing ones weigh 0), within-group overrides (missing
    criteria use their catalogue default) and the scoring method.

    Raises :class:`InputError` ``unknown_method`` / ``unknown_group`` and :class:`WeightError`
    ``weights_nan`` / ``weights_negative`` / ``weights_all_zero``.
    """

    groups: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_GROUP_WEIGHTS))
    within: Mapping[str, float] = field(default_factory=dict)
    method: str = DEFAULT_METHOD

    def __post_init__(self) -> None:
        methods.get(self.method)  # the registry is the authority; the store checks the format
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
        object.__setattr__(self, "groups", MappingProxyType(groups))
        object.__setattr__(self, "within", MappingProxyType(within))

    def __hash__(self) -> int:
        return hash((tuple(self.groups.items()), frozenset(self.within.items()), self.method))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle (Streamlit's cache copies values) through the validating constructor."""
        return (type(self), (dict(self.groups), dict(self.within), self.method))

    # --- friendly constructors ------------------------------------------------------------

    @classmethod
    def from_row(
        cls, row: Mapping[str, Any], within: Mapping[str, float] | None = None
    ) -> WeightSet:
        """From a ``weight_profiles`` row (columns ``w_<group>`` and, if present, ``method``)
        and its ``profile_criterion_weights`` (criterion → weight)."""
        return cls(
            {g: row[f"w_{g}"] for g in GROUPS},
            within or {},
            row.get("method", DEFAULT_METHOD),
        )

    # --- new objects ----------------------------------------------------------------------

    def with_groups(self, **groups: float) -> WeightSet:
        """A copy with some group weights replaced."""
        return replace(self, groups={**self.groups, **groups})

    def with_within(self, within: Mapping[str, float]) -> WeightSet:
        """A copy with some within-group weights replaced (the others kept)."""
        return replace(self, within={**self.within, **within})

    def with_method(self, method: str) -> WeightSet:
        """A copy ranked with another scoring method."""
        return replace(self, method=method)

    def for_criteria(self, criteria: pd.DataFrame) -> WeightSet:
        """A copy without the within-group weights of criteria not in ``criteria`` (a saved
        weighting may name a criterion removed since, or one an area does not use)."""
        known = set(criteria["key"].tolist())  # tolist: iterating string arrays is slow
        return replace(self, within={k: v for k, v in self.within.items() if k in known})

    # --- derived values -------------------------------------------------------------------

    def group_shares(self, groups: Iterable[str] = GROUPS) -> dict[str, float]:
        """Group weights as shares summing to 1 over ``groups`` (default: all three).

        Over some groups only (those that count in an area) the rest is left out and the
        shares renormalised; :class:`WeightError` ``weights_all_zero`` if those weigh nothing.
        """
        chosen: Sequence[str] = tuple(groups)
        total = sum(self.groups[g] for g in chosen)
        if total <= 0:
            raise WeightError("weights_all_zero")
        return {g: self.groups[g] / total for g in chosen}

    def within_weights(self, criteria: pd.DataFrame) -> np.ndarray:
        """Raw within-group weight per criterion row (override or catalogue default)."""
        return np.array(
            [
                self.within.get(k, d)
                for k, d in zip(
                    criteria["key"].tolist(), criteria["default_weight"].tolist(), strict=True
                )
            ],
            dtype=float,
        )

    def criterion_weights(self, criteria: pd.DataFrame) -> np.ndarray:
        """Final normalised weight per criterion row of ``criteria`` (columns key, grp, ...)."""
        unknown = set(self.within) - set(criteria["key"].tolist())
        if unknown:
            raise InputError("unknown_criterion", criterion=sorted(unknown)[0])
        return weight_math.hierarchical_weights(
            self.groups, criteria["grp"].tolist(), self.within_weights(criteria)
        )

    def validate(self, criteria: pd.DataFrame) -> None:
        """Raise :class:`WeightError` unless this weighting ranks ``criteria`` (sub-weights of
        criteria not among them are ignored)."""
        self.for_criteria(criteria).criterion_weights(criteria)


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
