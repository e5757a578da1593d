"""Competition ranking ("1224"): higher score is better, ties share the better rank."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from core.errors import InputError


def competition_ranks(scores: ArrayLike, decimals: int = 10) -> np.ndarray:
    """Rank per score: 1 + the number of strictly better scores (e.g. 1, 2, 2, 4).

    Scores are rounded to ``decimals`` first so that float noise (0.1 + 0.2 vs 0.3) does not
    split a tie.
    """
    values = np.asarray(scores, dtype=float).reshape(-1)
    if not np.all(np.isfinite(values)):
        raise InputError("matrix_not_finite")
    keys = -np.round(values, decimals) + 0.0  # + 0.0 turns −0.0 into 0.0
    ordered = np.sort(keys)
    return (np.searchsorted(ordered, keys, side="left") + 1).astype(int)
