"""Shared input checks for the scoring methods (shape, finiteness, weights, JSON numbers)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from core.errors import InputError
from core.scoring.weights import validate_weights


def matrix_and_weights(matrix: ArrayLike, weights: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """A finite m×n float matrix and n validated weights (used as given, not renormalised)."""
    try:
        x = np.asarray(matrix, dtype=float)
    except (TypeError, ValueError):
        raise InputError("matrix_not_finite") from None
    if x.ndim != 2:
        raise InputError("matrix_shape", expected="(m, n)", got=str(x.shape))
    if not np.all(np.isfinite(x)):
        raise InputError("matrix_not_finite")
    return x, validate_weights(weights, expected=x.shape[1])


def is_number(value: Any) -> bool:
    """True for int/float (not bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def json_number(value: Any, field: str) -> float:
    """A JSON number as float; anything else (incl. bool, str, None) is a type error."""
    if not is_number(value):
        raise InputError("problem_bad_type", field=field)
    return float(value)
