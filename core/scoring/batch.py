"""Scores of one area under many weightings at once, for the stability sweep and Monte Carlo.

:func:`core.scoring.area_model.rank_area` evaluates one weighting; the sensitivity analysis and the
Monte Carlo run need thousands. Each method's spec builds a kernel that scores many criterion
weightings at once (``MethodSpec.batch_kernel``): one matrix product for the methods linear
in the weights (weighted sum, PROMETHEE II), two for TOPSIS. ``tests/scoring/test_batch.py``
checks every method against :func:`core.scoring.decision.evaluate`.

Weights are handled at the level of the three criterion groups: a weighting is one share per
*effective* group (a group with criteria in the area and a positive sum of within-group
weights); the within-group split stays as the user set it. Groups that are not effective are
dropped and the others renormalised, exactly as
:func:`core.scoring.weights.hierarchical_weights` does.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from core.errors import InputError, WeightError
from core.scoring import methods
from core.scoring.area_model import AreaModel
from core.scoring.methods import BatchKernel, LinearKernel
from core.scoring.weights import GROUPS
from core.scoring.weightset import WeightSet


@dataclass(frozen=True, eq=False)
class BatchScorer:
    """Everything needed to score one area's options for many group weightings.

    ``groups`` lists the effective groups; ``group_index[j]`` is the position of criterion
    j's group in ``groups`` (−1 if its group is not effective); ``within_share[j]`` is the
    criterion's share of its group. ``kernel`` is the method's batch kernel; ``linear`` is
    True when the score is linear in the weights (exact crossings are possible).
    """

    method: str
    linear: bool
    option_ids: tuple[str, ...]
    option_names: tuple[str, ...]
    pathways: tuple[str, ...]
    groups: tuple[str, ...]
    group_index: np.ndarray
    within_share: np.ndarray
    kernel: BatchKernel

    @property
    def n_options(self) -> int:
        return len(self.option_ids)

    def current_shares(self, weights: WeightSet) -> np.ndarray:
        """The weighting's group weights as shares of the effective groups (sum 1)."""
        return np.array(list(weights.group_shares(self.groups).values()), dtype=float)

    def criterion_weights(self, shares: ArrayLike) -> np.ndarray:
        """Criterion weights (T×n) for group shares (T×G, or G for a single weighting)."""
        s = np.atleast_2d(np.asarray(shares, dtype=float))
        if s.shape[1] != len(self.groups):
            raise WeightError("weights_length", got=s.shape[1], expected=len(self.groups))
        safe, share = self._spread
        return s[:, safe] * share

    @functools.cached_property
    def _spread(self) -> tuple[np.ndarray, np.ndarray]:
        """Per criterion: the column of its group's share (0 for a group that is not
        effective) and its share of that group (0 there), taken once per scorer."""
        effective = self.group_index >= 0
        return np.where(effective, self.group_index, 0), np.where(effective, self.within_share, 0.0)

    def group_unit(self) -> np.ndarray:
        """For linear methods: option × group scores U_g, so that score = U_g · shares."""
        if not isinstance(self.kernel, LinearKernel):
            linear = (key for key in methods.keys() if methods.get(key).linear)
            raise InputError("unknown_method", method=self.method, allowed=", ".join(linear))
        return self.kernel.unit @ self.criterion_weights(np.eye(len(self.groups))).T

    def scores(self, criterion_weights: ArrayLike) -> np.ndarray:
        """Scores (T×m) for criterion weights (T×n); rows should sum to 1 as in evaluate()."""
        return self.kernel.scores(np.atleast_2d(np.asarray(criterion_weights, dtype=float)))

    def group_scores(self, shares: ArrayLike) -> np.ndarray:
        """Scores (T×m) for group shares (T×G)."""
        return self.scores(self.criterion_weights(shares))


def effective_groups(model: AreaModel, weights: WeightSet) -> tuple[str, ...]:
    """Groups with at least one criterion in the area and a positive within-group weight sum."""
    keys = model.criteria_keys
    return _effective(keys.group_array, weights.within_weights_of(keys))


def _effective(member: np.ndarray, within: np.ndarray) -> tuple[str, ...]:
    return tuple(g for g in GROUPS if within[member == g].sum() > 0)


# Scorers kept per model and method, one per within-group weighting (a slider move changes
# the group weights only); the oldest go once this many are held.
SCORERS_KEPT = 16


def build_scorer(model: AreaModel, weights: WeightSet, method: str = "wsm") -> BatchScorer:
    """A :class:`BatchScorer` for ``model`` with the within-group weights of ``weights``.

    The method's kernel depends on the data only: it is built once per model and method
    (:meth:`AreaModel.derived`) and shared by every weighting. The scorer depends on the
    within-group weights only (not the group weights): it is kept per model, method and
    within-group weights (the last :data:`SCORERS_KEPT`) and shared, read-only.
    """
    spec = methods.get(method)
    keys = model.criteria_keys  # plain values kept on the model: no frame reads per weighting
    within = weights.within_weights_of(keys)
    kept: dict[bytes, BatchScorer] = model.derived(("scorers", spec), dict)
    key = within.tobytes()  # the exact values (float64 of every criterion)
    scorer = kept.get(key)
    if scorer is None:
        scorer = _scorer(model, spec, within)
        if len(kept) >= SCORERS_KEPT:
            kept.clear()
        scorer = kept.setdefault(key, scorer)
    return scorer


def _scorer(model: AreaModel, spec: methods.MethodSpec, within: np.ndarray) -> BatchScorer:
    member = model.criteria_keys.group_array
    groups = _effective(member, within)
    group_index = np.array([groups.index(g) if g in groups else -1 for g in member], dtype=int)
    share = np.zeros(len(member))
    for g in groups:
        mask = member == g
        share[mask] = within[mask] / within[mask].sum()
    for array in (group_index, share):
        array.setflags(write=False)
    kernel = model.derived(("batch_kernel", spec), lambda: _kernel(model, spec))
    columns = model.columns()  # arrays cached on the model: no pandas on every rerun
    return BatchScorer(
        method=spec.key,
        linear=spec.linear,
        option_ids=tuple(columns["option_id"]),
        option_names=tuple(columns["option"]),
        pathways=tuple(columns["pathway"]),
        groups=groups,
        group_index=group_index,
        within_share=share,
        kernel=kernel,
    )


def _kernel(model: AreaModel, spec: methods.MethodSpec) -> BatchKernel:
    """The method's batch kernel on the model's normalised matrix (weight-independent)."""
    if len(model.options) == 0:
        return LinearKernel(unit=np.zeros((0, len(model.criteria))))
    preference = model.preferences if spec.uses_preferences else None
    return spec.batch_kernel(model.normalized(spec.normalization), preference)
