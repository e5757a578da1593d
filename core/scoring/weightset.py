"""A user's weighting: group weights, within-group weights per criterion and the scoring method.

This is the one value object the sidebar, the URL, the CLI, saved scenarios, stakeholder
profiles and the committee form share. It is validated once, when it is built; its methods
return new objects. It turns into one normalised weight per criterion through
:func:`core.scoring.weights.hierarchical_weights`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
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


@dataclass(frozen=True, eq=False)
class CriteriaKeys:
    """What a weighting reads of a criteria frame (key, group and default weight per row), as
    plain values taken once: an area model keeps them, so that weighing its criteria under a
    new weighting (every slider move) reads no frame columns. The ``*_of`` methods of
    :class:`WeightSet` take these and return exactly what their frame twins return.
    """

    keys: tuple[str, ...]
    groups: tuple[str, ...]
    defaults: tuple[float, ...]

    @classmethod
    def of(cls, criteria: pd.DataFrame) -> CriteriaKeys:
        """The keys of a criteria frame (columns key, grp, default_weight)."""
        # tolist: iterating string arrays is slow
        return cls(
            tuple(criteria["key"].tolist()),
            tuple(criteria["grp"].tolist()),
            tuple(criteria["default_weight"].tolist()),
        )

    @functools.cached_property
    def known(self) -> frozenset[str]:
        return frozenset(self.keys)

    @functools.cached_property
    def content(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[float, ...]]:
        """Keys, groups and defaults: equal for the criteria of any two areas that share a
        catalogue (results computed from these alone can be shared between them)."""
        return (self.keys, self.groups, self.defaults)

    @functools.cached_property
    def group_array(self) -> np.ndarray:
        """The groups as an object array (as ``criteria["grp"].to_numpy()``), read-only."""
        array = np.array(self.groups, dtype=object)
        array.setflags(write=False)
        return array


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
        return self._for_known(known)

    def for_keys(self, keys: CriteriaKeys) -> WeightSet:
        """:meth:`for_criteria` for the criteria of ``keys``."""
        return self._for_known(keys.known)

    def _for_known(self, known: Collection[str]) -> WeightSet:
        if all(k in known for k in self.within):
            return self  # nothing to drop: the same values (a frozen object, so itself)
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
        return self._within_of(criteria["key"].tolist(), criteria["default_weight"].tolist())

    def within_weights_of(self, keys: CriteriaKeys) -> np.ndarray:
        """:meth:`within_weights` for the criteria of ``keys``."""
        return self._within_of(keys.keys, keys.defaults)

    def _within_of(self, keys: Sequence[str], defaults: Sequence[float]) -> np.ndarray:
        within = self.within
        if not within:  # no overrides: the catalogue defaults as they are
            return np.array(defaults, dtype=float)
        return np.array(
            [within.get(k, d) for k, d in zip(keys, defaults, strict=True)], dtype=float
        )

    def criterion_weights(self, criteria: pd.DataFrame) -> np.ndarray:
        """Final normalised weight per criterion row of ``criteria`` (columns key, grp, ...)."""
        return self.criterion_weights_of(CriteriaKeys.of(criteria))

    def criterion_weights_of(self, keys: CriteriaKeys) -> np.ndarray:
        """:meth:`criterion_weights` for the criteria of ``keys``, computed once per
        weighting and criteria (every area of a catalogue has the same: a slider move weighs
        them for the ranking and the stability of six areas)."""
        return self.computed(("criterion_weights", keys.content), lambda: self._criterion_of(keys))

    def computed(self, key: Hashable, compute: Callable[[], np.ndarray]) -> np.ndarray:
        """``compute()`` once per weighting and ``key`` (a result that depends on this
        weighting and the values ``key`` holds only), a fresh copy on every call; an error
        is raised again on every call."""
        cache: dict[Hashable, np.ndarray] | None = self.__dict__.get("_computed")
        if cache is None:  # not a field: no effect on eq, hash or repr
            cache = self.__dict__.setdefault("_computed", {})
        value = cache.get(key)
        if value is None:
            value = cache.setdefault(key, compute())
        return value.copy()

    def _criterion_of(self, keys: CriteriaKeys) -> np.ndarray:
        if self.within:
            unknown = set(self.within) - keys.known
            if unknown:
                raise InputError("unknown_criterion", criterion=sorted(unknown)[0])
        return weight_math.hierarchical_weights(
            self.groups, keys.groups, self.within_weights_of(keys)
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
