"""TOPSIS: closeness to the ideal and distance from the anti-ideal alternative.

The input is benefit-oriented: cost columns were already turned into benefit columns by
:mod:`core.scoring.normalization` (e.g. ``1 − x/‖x‖`` for vector normalisation). Because
``(1 − r_a) − (1 − r_b) = r_b − r_a``, every Euclidean distance, and therefore the closeness,
is the same as in textbook TOPSIS (Hwang & Yoon 1981), which keeps ``r`` for cost columns
and takes their minimum as the ideal. So the ideal here is always the column maximum.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from core.scoring.methods._inputs import matrix_and_weights

TIE_CLOSENESS = 0.5


def topsis(normalized: ArrayLike, weights: ArrayLike) -> np.ndarray:
    """Relative closeness C_i = d⁻ / (d⁺ + d⁻) in [0, 1] per alternative.

    If an alternative has d⁺ + d⁻ = 0 (all alternatives identical on every weighted
    criterion), its closeness is 0.5 instead of NaN.
    """
    x, w = matrix_and_weights(normalized, weights)
    if x.shape[0] == 0:
        return np.zeros(0)
    v = x * w
    d_plus = np.sqrt(np.sum((v - v.max(axis=0)) ** 2, axis=1))
    d_minus = np.sqrt(np.sum((v - v.min(axis=0)) ** 2, axis=1))
    total = d_plus + d_minus
    closeness = np.full(x.shape[0], TIE_CLOSENESS)
    np.divide(d_minus, total, out=closeness, where=total > 0)
    return closeness
