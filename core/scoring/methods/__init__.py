"""Scoring methods on a benefit-oriented, normalised decision matrix.

Each method is a pure numpy function; :func:`core.scoring.decision.evaluate` is the validated entry
point that normalises the matrix and picks the method by its key in :data:`METHODS`.
"""

from __future__ import annotations

METHODS: tuple[str, ...] = ("wsm", "topsis", "promethee2")
