"""TOPSIS: closeness to the ideal and distance from the anti-ideal alternative.

The input is benefit-oriented: cost columns were already turned into benefit columns by
:mod:`core.scoring.normalization` (e.g. ``1 − x/‖x‖`` for vector normalisation). Because
``(1 − r_a) − (1 − r_b) = r_b − r_a``, every Euclidean distance, and therefore the closeness,
is the same as in textbook TOPSIS (Hwang & Yoon 1981), which keeps ``r`` for cost columns
and takes their minimum as the ideal. So the ideal here is always the column maximum.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from core.scoring.methods._inputs import matrix_and_weights
from core.scoring.methods.spec import MethodSpec, Preference

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


def apportioned_contributions(
    scores: np.ndarray, weighted: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """Apportion each closeness in proportion to w_j · n_ij (fallback: w_j).

    TOPSIS is not additive: the parts add up to the closeness but are an attribution, not a
    decomposition of the method.
    """
    totals = weighted.sum(axis=1, keepdims=True)
    shares = np.where(totals != 0, weighted / np.where(totals != 0, totals, 1.0), weights)
    return scores[:, None] * shares


def _score(
    normalized: np.ndarray, weights: np.ndarray, preference: Preference
) -> tuple[np.ndarray, np.ndarray]:
    scores = topsis(normalized, weights)
    return scores, apportioned_contributions(scores, normalized * weights, weights)


@dataclass(frozen=True, eq=False)
class TopsisKernel:
    """TOPSIS for many weightings: with w ≥ 0 the weighted ideal is w_j · max_i n_ij, so
    d⁺² = Σ_j w_j² (n_ij − max_i n_ij)² and d⁻² are matrix products too. ``gap_ideal`` and
    ``gap_anti`` hold the squared distances of the normalised values to the column maximum
    and minimum."""

    gap_ideal: np.ndarray
    gap_anti: np.ndarray

    def scores(self, criterion_weights: np.ndarray) -> np.ndarray:
        squared = criterion_weights * criterion_weights
        d_plus = np.sqrt(np.maximum(squared @ self.gap_ideal.T, 0.0))
        d_minus = np.sqrt(np.maximum(squared @ self.gap_anti.T, 0.0))
        total = d_plus + d_minus
        closeness = np.full(total.shape, TIE_CLOSENESS)
        np.divide(d_minus, total, out=closeness, where=total > 0)
        return closeness


def _kernel(normalized: np.ndarray, preference: Preference) -> TopsisKernel:
    return TopsisKernel(
        gap_ideal=(normalized - normalized.max(axis=0)) ** 2,
        gap_anti=(normalized - normalized.min(axis=0)) ** 2,
    )


SPEC = MethodSpec(
    key="topsis",
    label_key="method_topsis",
    normalization="vector",
    score=_score,
    batch_kernel=_kernel,
)
