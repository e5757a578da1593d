"""Criterion weights: validation, normalisation and the two-level (group → criterion) scheme.

Weights are plain non-negative numbers; every scoring method expects them normalised to
sum 1. The cockpit weights three criterion groups and, inside each group, its criteria;
:func:`hierarchical_weights` turns both levels into one weight per criterion.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike

from core.errors import InputError, WeightError

GROUPS: tuple[str, ...] = ("cost", "citizen_value", "feasibility")


def _as_vector(weights: ArrayLike) -> np.ndarray:
    """Weights as a 1-D float array; non-numeric input counts as NaN."""
    try:
        array = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        raise WeightError("weights_nan") from None
    return array.reshape(-1) if array.ndim == 0 else array


def _check_values(array: np.ndarray) -> None:
    """Reject NaN/infinite and negative entries."""
    if not np.all(np.isfinite(array)):
        raise WeightError("weights_nan")
    negative = array[array < 0]
    if negative.size:
        raise WeightError("weights_negative", value=float(negative[0]))


def validate_weights(weights: ArrayLike, expected: int | None = None) -> np.ndarray:
    """Return a float copy of ``weights`` after checking length, finiteness and sign.

    Raises :class:`WeightError` with ``weights_length``, ``weights_nan``,
    ``weights_negative`` or ``weights_all_zero``.
    """
    array = _as_vector(weights)
    if array.ndim != 1 or (expected is not None and array.size != expected):
        shown = expected if expected is not None else int(array.size)
        raise WeightError("weights_length", got=int(array.size), expected=shown)
    _check_values(array)
    if not np.any(array > 0):
        raise WeightError("weights_all_zero")
    return array.copy()


def normalize_weights(weights: ArrayLike) -> np.ndarray:
    """Validated weights scaled to sum 1 (divided by the maximum first: no overflow)."""
    array = validate_weights(weights)
    array = array / array.max()
    return array / array.sum()


def _group_weights(group_weights: Mapping[str, float]) -> dict[str, float]:
    """Validated group weights for every group in :data:`GROUPS` (missing groups weigh 0)."""
    for group in group_weights:
        if group not in GROUPS:
            raise InputError("unknown_group", group=group, allowed=", ".join(GROUPS))
    values = validate_weights([group_weights.get(g, 0.0) for g in GROUPS])
    return dict(zip(GROUPS, values.tolist(), strict=True))


def hierarchical_weights(
    group_weights: Mapping[str, float],
    criterion_groups: Sequence[str],
    within_group_weights: ArrayLike,
) -> np.ndarray:
    """One weight per criterion: w_j = G_g / ΣG × s_j / Σ_{k in g} s_k, summing to 1.

    ``criterion_groups[j]`` names the group of criterion j and ``within_group_weights[j]`` its
    raw weight inside that group. A group of weight 0 contributes 0 (its sub-weights may all be
    0); a weighted group without criteria is dropped and the other groups renormalised.
    """
    groups = _group_weights(group_weights)
    member_groups = list(criterion_groups)
    for group in member_groups:
        if group not in GROUPS:
            raise InputError("unknown_group", group=group, allowed=", ".join(GROUPS))
    within = _as_vector(within_group_weights)
    if within.ndim != 1 or within.size != len(member_groups):
        raise WeightError("weights_length", got=int(within.size), expected=len(member_groups))
    _check_values(within)

    labels = np.asarray(member_groups, dtype=object)
    present = {g: w for g, w in groups.items() if w > 0 and np.any(labels == g)}
    total = sum(present.values())
    if total <= 0:
        raise WeightError("weights_all_zero")
    result = np.zeros(len(member_groups), dtype=float)
    for group, weight in present.items():
        mask = labels == group
        subtotal = within[mask].sum()
        if subtotal <= 0:
            raise WeightError("group_weights_all_zero", group=group)
        result[mask] = (weight / total) * (within[mask] / subtotal)
    return result
