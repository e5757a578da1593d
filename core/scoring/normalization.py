"""Column-wise normalisation of a decision matrix into a benefit-oriented matrix.

Every method returns values where higher is better in every column, so the scoring methods
never need to know a criterion's direction. The formulas match ``pymcdm.normalizations``
(cost columns as pymcdm defines them):

========  ===============================  ====================================
method    benefit column                   cost column
========  ===============================  ====================================
none      x                                −x
max       x / max                          1 − x / max
minmax    (x − min) / (max − min)          (max − x) / (max − min)
vector    x / √Σx²                         1 − x / √Σx²
sum       x / Σx                           (1/x) / Σ(1/x)      (needs x > 0)
========  ===============================  ====================================

A column without variation (all values equal up to float noise, including all zero) carries
no information about the ranking. Except under ``none`` (raw values, already a constant), it
maps to :data:`CONSTANT_VALUE` (1.0) for every alternative, whatever its direction: nothing is
divided by zero, no NaN/inf appears, and the column cannot change any ranking.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from core.errors import InputError

NORMALIZATIONS: tuple[str, ...] = ("none", "max", "minmax", "vector", "sum")
CONSTANT_VALUE = 1.0
# Relative spread below which a column counts as constant (float noise, not information).
CONSTANT_TOLERANCE = 1e-12


def _as_problem(matrix: ArrayLike, benefit: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Matrix (m×n float) and benefit mask (n bool), with shape and finiteness checked."""
    try:
        x = np.asarray(matrix, dtype=float)
    except (TypeError, ValueError):
        raise InputError("matrix_not_finite") from None
    mask = np.asarray(benefit, dtype=bool).reshape(-1)
    if x.ndim != 2 or x.shape[1] != mask.size:
        raise InputError("matrix_shape", expected=f"(m, {mask.size})", got=str(x.shape))
    if not np.all(np.isfinite(x)):
        raise InputError("matrix_not_finite")
    return x, mask


def constant_columns(matrix: np.ndarray) -> np.ndarray:
    """Mask of columns whose spread is zero relative to their magnitude (≤ 1e-12)."""
    if matrix.shape[0] == 0:
        return np.ones(matrix.shape[1], dtype=bool)
    spread = np.ptp(matrix, axis=0)
    scale = np.max(np.abs(matrix), axis=0)
    return spread <= CONSTANT_TOLERANCE * scale


def _column(x: np.ndarray, benefit: bool, method: str, index: int) -> np.ndarray:
    """Normalise one non-constant column (formulas from the module table).

    Values are first divided by the column's largest magnitude: the ratios are unchanged, but
    sums and squares can neither overflow nor underflow to zero.
    """
    y = x / np.max(np.abs(x))
    if method == "minmax":
        low, high = y.min(), y.max()
        return (y - low) / (high - low) if benefit else (high - y) / (high - low)
    if method == "max":
        high = y.max()
        if high <= 0:
            raise InputError("normalization_nonpositive", normalization=method, criterion=index + 1)
        return y / high if benefit else 1.0 - y / high
    if method == "vector":
        norm = np.sqrt(np.sum(y * y))
        return y / norm if benefit else 1.0 - y / norm
    # sum
    if np.any(y <= 0):
        raise InputError("normalization_nonpositive", normalization=method, criterion=index + 1)
    if benefit:
        return y / y.sum()
    inverse = x.min() / x  # (1/x)/Σ(1/x) with every term in (0, 1]
    return inverse / inverse.sum()


def normalize(matrix: ArrayLike, benefit: ArrayLike, method: str) -> np.ndarray:
    """Normalise ``matrix`` column by column into a benefit-oriented float matrix.

    ``benefit[j]`` is True for "more is better" and False for cost criteria. Raises
    :class:`InputError` for an unknown method (``unknown_normalization``), a shape mismatch,
    non-finite values, or non-positive values where ``sum``/``max`` need positive ones
    (``normalization_nonpositive``, criterion numbered from 1).
    """
    if method not in NORMALIZATIONS:
        raise InputError(
            "unknown_normalization", normalization=method, allowed=", ".join(NORMALIZATIONS)
        )
    x, mask = _as_problem(matrix, benefit)
    if method == "none":
        return np.where(mask, x, -x)
    constant = constant_columns(x)
    result = np.full(x.shape, CONSTANT_VALUE, dtype=float)
    for j in np.flatnonzero(~constant):
        result[:, j] = _column(x[:, j], bool(mask[j]), method, int(j))
    return result
