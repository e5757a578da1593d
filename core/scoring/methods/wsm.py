"""Weighted sum model (WSM, simple additive weighting)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from core.scoring.methods._inputs import matrix_and_weights
from core.scoring.methods.spec import LinearKernel, MethodSpec, Preference


def weighted_sum(normalized: ArrayLike, weights: ArrayLike) -> np.ndarray:
    """Score_i = Σ_j w_j · n_ij on a benefit-oriented matrix; weights are used as given.

    Computed as the row sum of ``n * w`` so that per-criterion contributions ``n * w`` add up
    to the score bit for bit.
    """
    x, w = matrix_and_weights(normalized, weights)
    return (x * w).sum(axis=1)


def _score(
    normalized: np.ndarray, weights: np.ndarray, preference: Preference
) -> tuple[np.ndarray, np.ndarray]:
    """Scores and contributions w_j · n_ij, which sum exactly to the score."""
    return weighted_sum(normalized, weights), normalized * weights


def _kernel(normalized: np.ndarray, preference: Preference) -> LinearKernel:
    return LinearKernel(unit=normalized)


SPEC = MethodSpec(
    key="wsm",
    label_key="method_wsm",
    normalization="minmax",
    score=_score,
    batch_kernel=_kernel,
    linear=True,
    excel_live_model=True,
)
