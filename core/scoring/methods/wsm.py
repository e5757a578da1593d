"""Weighted sum model (WSM, simple additive weighting)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from core.scoring.methods._inputs import matrix_and_weights


def weighted_sum(normalized: ArrayLike, weights: ArrayLike) -> np.ndarray:
    """Score_i = Σ_j w_j · n_ij on a benefit-oriented matrix; weights are used as given.

    Computed as the row sum of ``n * w`` so that per-criterion contributions ``n * w`` add up
    to the score bit for bit.
    """
    x, w = matrix_and_weights(normalized, weights)
    return (x * w).sum(axis=1)
