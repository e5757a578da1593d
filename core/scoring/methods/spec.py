"""What the app needs to know about a scoring method, declared once per method module.

Each method module (wsm, topsis, promethee) ends with one :class:`MethodSpec`; the registry
(:mod:`core.scoring.methods.registry`) collects them. Everything outside the method modules
asks the spec instead of comparing method names: how to normalise, how to score and split
contributions, how to score many weightings at once, and how to word and show the result.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from core.scoring.normalization import NORMALIZATIONS

# Method keys appear in URLs, CLI choices, catalogue keys ("method_<key>") and the store
# (weight_profiles.method, whose CHECK in migration 0004 uses the same pattern).
KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]*")

Preference = Sequence[Mapping[str, Any]] | None


class BatchKernel(Protocol):
    """Scores of every option under many criterion weightings at once.

    A kernel may also offer ``along(start, end) -> WeightPath`` for the weightings
    ``(1 − t) · start + t · end`` (a stability sweep); :func:`weight_path` falls back to
    :class:`SampledPath` for kernels without it.
    """

    def scores(self, criterion_weights: np.ndarray) -> np.ndarray:
        """Scores (T×m) for criterion weights (T×n, rows summing to 1 as in evaluate)."""
        ...


class WeightPath(Protocol):
    """Scores along the line of criterion weightings ``(1 − t) · start + t · end``."""

    def scores(self, t: np.ndarray, options: np.ndarray | None = None) -> np.ndarray:
        """Scores (T×m) of every option (or of ``options``, T×k) at the positions ``t``."""
        ...

    def option_scores(self, t: np.ndarray, options: np.ndarray) -> np.ndarray:
        """Score of option ``options[i]`` at ``t[i]`` (one value each, not T×m)."""
        ...


# Work arrays of a sampled path stay near this many float64 cells (32 MB).
PATH_BLOCK_CELLS = 1 << 22


@dataclass(frozen=True, eq=False)
class SampledPath:
    """A :class:`WeightPath` for any kernel: scores every option at each position, a block
    of positions at a time."""

    kernel: BatchKernel
    start: np.ndarray
    end: np.ndarray

    def scores(self, t: np.ndarray, options: np.ndarray | None = None) -> np.ndarray:
        t = np.asarray(t, dtype=float).reshape(-1, 1)
        every = self.kernel.scores((1.0 - t) * self.start[None, :] + t * self.end[None, :])
        return every if options is None else every[:, options]

    def option_scores(self, t: np.ndarray, options: np.ndarray) -> np.ndarray:
        t = np.asarray(t, dtype=float)
        out = np.empty(t.size)
        if t.size == 0:
            return out
        width = self.scores(t[:1]).shape[1]
        step = max(1, PATH_BLOCK_CELLS // max(width, 1))
        for lo in range(0, t.size, step):
            part = slice(lo, lo + step)
            block = self.scores(t[part])
            out[part] = block[np.arange(block.shape[0]), options[part]]
        return out


def weight_path(kernel: BatchKernel, start: np.ndarray, end: np.ndarray) -> WeightPath:
    """The kernel's own path from weighting ``start`` (t = 0) to ``end`` (t = 1) where it has
    one, else a :class:`SampledPath`."""
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    along = getattr(kernel, "along", None)
    if callable(along):
        return along(start, end)
    return SampledPath(kernel, start, end)


@dataclass(frozen=True, eq=False)
class LinearKernel:
    """A score linear in the weights: score = W · Uᵀ with ``unit[i, j]`` option i's score on
    criterion j alone (the weighted sum, PROMETHEE II's single-criterion net flows)."""

    unit: np.ndarray

    def scores(self, criterion_weights: np.ndarray) -> np.ndarray:
        return criterion_weights @ self.unit.T

    def along(self, start: np.ndarray, end: np.ndarray) -> LinePath:
        """From weighting ``start`` to ``end`` every score is a line a + b·t."""
        intercept = self.unit @ start
        return LinePath(intercept=intercept, slope=self.unit @ end - intercept)


@dataclass(frozen=True, eq=False)
class LinePath:
    """Scores a + b·t (a linear kernel along a line of weightings)."""

    intercept: np.ndarray
    slope: np.ndarray

    def scores(self, t: np.ndarray, options: np.ndarray | None = None) -> np.ndarray:
        t = np.asarray(t, dtype=float).reshape(-1, 1)
        if options is None:
            return self.intercept[None, :] + t * self.slope[None, :]
        return self.intercept[None, options] + t * self.slope[None, options]

    def option_scores(self, t: np.ndarray, options: np.ndarray) -> np.ndarray:
        return self.intercept[options] + np.asarray(t, dtype=float) * self.slope[options]


# (normalised matrix, weights, preference) -> (scores, contributions m×n)
ScoreFunction = Callable[[np.ndarray, np.ndarray, Preference], tuple[np.ndarray, np.ndarray]]
# (normalised matrix, preference) -> kernel for many weightings
KernelFactory = Callable[[np.ndarray, Preference], BatchKernel]


@dataclass(frozen=True, eq=False)
class MethodSpec:
    """One scoring method as the rest of the app sees it.

    * ``key``: its slug (``KEY_PATTERN``), e.g. ``"wsm"``; ``label_key``: its name in the
      text catalogue, e.g. ``"method_wsm"``.
    * ``normalization``: the default normalisation of :func:`core.scoring.decision.evaluate`
      and the one batch scoring and the area ranking use.
    * ``score``: scores and per-criterion contributions (summing to the scores) on the
      normalised matrix; ``batch_kernel``: the same scores for many weightings at once.
    * ``linear``: the score is linear in the weights, so weight crossings are exact.
    * ``signed``: scores are signed (a net flow in [−1, 1]), not points out of 100;
      ``text_variant``: suffix of the catalogue twins worded for it (``<key>_<variant>``).
    * ``uses_preferences``: the area ranking passes PROMETHEE preference functions.
    * ``excel_live_model``: the Excel "Rechenmodell" sheet reproduces it with formulas.
    """

    key: str
    label_key: str
    normalization: str
    score: ScoreFunction
    batch_kernel: KernelFactory
    linear: bool = False
    signed: bool = False
    text_variant: str | None = None
    uses_preferences: bool = False
    excel_live_model: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not KEY_PATTERN.fullmatch(self.key):
            raise ValueError(f"method key must match {KEY_PATTERN.pattern}: {self.key!r}")
        if self.normalization not in NORMALIZATIONS:
            raise ValueError(f"unknown normalisation for {self.key}: {self.normalization!r}")
        if not self.label_key:
            raise ValueError(f"method {self.key} needs a label key")
        if self.text_variant is not None and not KEY_PATTERN.fullmatch(self.text_variant):
            raise ValueError(f"text variant of {self.key}: {self.text_variant!r}")
