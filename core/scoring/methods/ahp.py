"""AHP priorities from a pairwise comparison matrix (Saaty's principal eigenvector).

The priorities are the principal right eigenvector of the positive reciprocal matrix,
normalised to sum 1. Consistency: CI = (λmax − n)/(n − 1) and CR = CI/RI with Saaty's random
index RI; CR ≤ 0.1 is usually considered acceptable. For n ≤ 2 a reciprocal matrix is always
consistent, so CI and CR are 0 (RI is 0 there, CR would otherwise be 0/0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from core.errors import InputError

# Saaty's random consistency index by matrix size (Saaty 1980; Saaty 2008, IJSS 1(1):83–98).
RANDOM_INDEX: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}
MAX_ITEMS = max(RANDOM_INDEX)
RECIPROCAL_TOLERANCE = 1e-6


@dataclass(frozen=True, eq=False)
class AhpResult:
    """Priorities (sum 1) and the consistency measures of one pairwise matrix."""

    weights: np.ndarray
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    random_index: float


def validate_pairwise(pairwise: ArrayLike) -> np.ndarray:
    """A float copy of a square, positive, reciprocal matrix with at most 10 rows."""
    try:
        a = np.array(pairwise, dtype=float)
    except (TypeError, ValueError):
        raise InputError("ahp_not_positive") from None
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise InputError("ahp_not_square")
    if a.shape[0] > MAX_ITEMS:
        raise InputError("ahp_too_many", n=a.shape[0], max=MAX_ITEMS)
    if not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise InputError("ahp_not_positive")
    off = np.argwhere(np.abs(a * a.T - 1.0) > RECIPROCAL_TOLERANCE)
    if off.size:
        i, j = sorted(int(k) for k in off[0])
        raise InputError("ahp_not_reciprocal", i=i, j=j)
    return a


def ahp_priorities(pairwise: ArrayLike) -> AhpResult:
    """Priorities, λmax, CI, CR and RI for a pairwise comparison matrix (indices from 0)."""
    a = validate_pairwise(pairwise)
    n = a.shape[0]
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    lambda_max = float(values[k].real)
    principal = vectors[:, k].real
    weights = principal / principal.sum()
    random_index = RANDOM_INDEX[n]
    ci = max((lambda_max - n) / (n - 1), 0.0) if n > 2 else 0.0
    cr = ci / random_index if random_index > 0 else 0.0
    return AhpResult(
        weights=weights,
        lambda_max=lambda_max,
        consistency_index=ci,
        consistency_ratio=cr,
        random_index=random_index,
    )
