"""Scoring methods on a benefit-oriented, normalised decision matrix.

Each method module holds a pure numpy function and declares one :class:`MethodSpec`; the
registry (:mod:`core.scoring.methods.registry`) maps keys to specs in display order, and
:func:`core.scoring.decision.evaluate` is the validated entry point that normalises the matrix
and scores it with the method's spec. Adding a method: a module with its ``SPEC``, one line in
the registry and its label in the text catalogue.
"""

from __future__ import annotations

from core.scoring.methods.registry import (
    METHODS,
    get,
    keys,
    register,
    registered,
    text_key,
    unregister,
)
from core.scoring.methods.spec import (
    BatchKernel,
    LinearKernel,
    MethodSpec,
    Preference,
    WeightPath,
    weight_path,
)

__all__ = [
    "METHODS",
    "BatchKernel",
    "LinearKernel",
    "MethodSpec",
    "Preference",
    "WeightPath",
    "get",
    "keys",
    "register",
    "registered",
    "text_key",
    "unregister",
    "weight_path",
]
