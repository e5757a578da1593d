"""TOPSIS: closeness to the ideal and distance from the anti-ideal alternative.

The input is benefit-oriented: cost columns were already turned into benefit columns by
:mod:`core.scoring.normalization` (e.g. ``1 − x/‖x‖`` for vector normalisation). Because
``(1 − r_a) − (1 − r_b) = r_b − r_a``, every Euclidean distance, and therefore the closeness,
is the same as in textbook TOPSIS (Hwang & Yoon 1981), which keeps ``r`` for cost columns
and takes their minimum as the ideal. So the ideal here is always the column maximum.
"""

from __future__ import annotations

from collections.abc import Callable
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
        return _closeness(d_plus, d_minus)

    def along(self, start: np.ndarray, end: np.ndarray) -> TopsisPath:
        """Along w = (1 − t)·u + t·v, w_j² = (1 − t)²·u_j² + 2t(1 − t)·u_j·v_j + t²·v_j², so
        d⁺² and d⁻² are quadratics in t with three coefficients per option: a score anywhere
        costs a few operations, no product over the criteria. Weights are non-negative, so
        every term is too: no cancellation, exact at both ends (a distance of 0 stays 0)."""
        squares = np.stack([start * start, 2.0 * start * end, end * end])
        return TopsisPath(np.hstack([squares @ self.gap_ideal.T, squares @ self.gap_anti.T]))


@dataclass(frozen=True, eq=False)
class TopsisPath:
    """TOPSIS closeness along a line of weightings. ``coefficients`` (3 × 2m) holds, per
    option, A, B, C with d²(t) = (1 − t)²·A + t(1 − t)·B + t²·C, first for d⁺ (m columns),
    then for d⁻."""

    coefficients: np.ndarray

    def scores(self, t: np.ndarray, options: np.ndarray | None = None) -> np.ndarray:
        t = np.asarray(t, dtype=float).reshape(-1, 1)
        a, b, c = self._columns(options)
        # Broadcasts, not a (T×3)·(3×2m) product: BLAS would start threads for it, which
        # costs more than it saves on a server that is busy with other sessions.
        squares = (1.0 - t) ** 2 * a
        squares += t * (1.0 - t) * b
        squares += t * t * c
        return _closeness_from_squares(squares)

    def _columns(self, options: np.ndarray | None) -> np.ndarray:
        """The coefficients of ``options`` (d⁺ columns, then d⁻), or all of them."""
        if options is None:
            return self.coefficients
        m = self.coefficients.shape[1] // 2
        return self.coefficients[:, np.concatenate([options, np.asarray(options) + m])]

    def bounds(self, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
        """Lower and upper bounds of every option's closeness for t in [lo, hi].

        On [lo, hi] each d² is a quadratic with Bernstein coefficients d²(lo), the blossom
        f(lo, hi) and d²(hi); it lies between their minimum and maximum. The closeness rises
        with d⁻ and falls with d⁺, so the bounds combine the distances' extremes.
        """
        a, b, c = self.coefficients
        squares = np.stack(
            [
                (1.0 - lo) ** 2 * a + lo * (1.0 - lo) * b + lo * lo * c,
                (1.0 - lo) * (1.0 - hi) * a
                + 0.5 * ((1.0 - lo) * hi + lo * (1.0 - hi)) * b
                + lo * hi * c,
                (1.0 - hi) ** 2 * a + hi * (1.0 - hi) * b + hi * hi * c,
            ]
        )
        low = np.sqrt(np.maximum(squares.min(axis=0), 0.0))
        high = np.sqrt(np.maximum(squares.max(axis=0), 0.0))
        m = low.size // 2
        plus_low, plus_high, minus_low, minus_high = low[:m], high[:m], low[m:], high[m:]
        lower = np.zeros(m)
        np.divide(minus_low, plus_high + minus_low, out=lower, where=plus_high + minus_low > 0)
        upper = np.ones(m)
        np.divide(minus_high, plus_low + minus_high, out=upper, where=plus_low + minus_high > 0)
        return lower, upper

    def option_scores(self, t: np.ndarray, options: np.ndarray) -> np.ndarray:
        t = np.asarray(t, dtype=float).reshape(-1)
        m = self.coefficients.shape[1] // 2
        basis = np.stack([(1.0 - t) ** 2, t * (1.0 - t), t * t])  # 3×B
        columns = np.concatenate([options, options + m])
        squares = (basis[:, np.tile(np.arange(t.size), 2)] * self.coefficients[:, columns]).sum(
            axis=0
        )
        return _closeness_from_squares(squares.reshape(1, -1))[0]

    def gaps(self, first: int, others: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        """The score of option ``first`` minus that of ``others[i]``, both at ``t[i]``, as a
        function of ``t`` (one share per option of ``others``): what
        ``option_scores(t, [first] * k) - option_scores(t, others)`` gives, value for value
        (the same products and sums in the same order), with each option's coefficients
        taken once for the many ``t`` a bisection asks about instead of on every call."""
        m = self.coefficients.shape[1] // 2
        others = np.asarray(others)
        # Per coefficient A, B, C: the rows d⁺² and d⁻² of ``first`` (the same value for
        # every t) and of ``others``, 4 × k.
        columns = [np.full(others.size, first), np.full(others.size, first + m), others, others + m]
        terms = [row[np.stack(columns)] for row in self.coefficients]

        def gap(t: np.ndarray) -> np.ndarray:
            t = np.asarray(t, dtype=float).reshape(-1)
            # (1 − t)²·A + t(1 − t)·B + t²·C, products and sums as option_scores takes them
            squares = (1.0 - t) ** 2 * terms[0] + t * (1.0 - t) * terms[1]
            squares += t * t * terms[2]
            distances = np.sqrt(np.maximum(squares, 0.0, out=squares), out=squares)
            return _closeness(distances[0], distances[1]) - _closeness(distances[2], distances[3])

        return gap


def _closeness_from_squares(squares: np.ndarray) -> np.ndarray:
    """Closeness from d⁺² (first half of the columns) and d⁻² (second half)."""
    distances = np.sqrt(np.maximum(squares, 0.0, out=squares), out=squares)
    m = distances.shape[1] // 2
    return _closeness(distances[:, :m], distances[:, m:])


def _closeness(d_plus: np.ndarray, d_minus: np.ndarray) -> np.ndarray:
    """d⁻ / (d⁺ + d⁻), and 0.5 where both are 0 (see :func:`topsis`)."""
    total = d_plus + d_minus
    if total.all():
        return np.divide(d_minus, total, out=total)
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
