"""A decision problem (alternatives × criteria) and its validated evaluation.

:class:`DecisionProblem` holds an immutable, validated problem; :func:`evaluate` normalises
the matrix, scores it with one method from the registry (:mod:`core.scoring.methods`) and
returns an :class:`Evaluation` with scores, competition ranks and per-criterion contributions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.errors import InputError
from core.scoring import methods
from core.scoring.methods._inputs import is_number, json_number
from core.scoring.normalization import normalize
from core.scoring.ranking import competition_ranks
from core.scoring.weights import normalize_weights, validate_weights

DIRECTIONS: tuple[str, ...] = ("benefit", "cost")


def _frozen(array: np.ndarray) -> np.ndarray:
    """A read-only copy."""
    result = np.array(array, copy=True)
    result.setflags(write=False)
    return result


def _names(values: Sequence[str], field: str) -> tuple[str, ...]:
    """Names as a tuple of strings; rejects a bare string and non-string entries."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray):
        raise InputError("problem_bad_type", field=field)
    if not all(isinstance(name, str) for name in values):
        raise InputError("problem_bad_type", field=field)
    return tuple(str(name) for name in values)


def _check_unique(names: tuple[str, ...]) -> None:
    """Reject repeated names."""
    duplicates = sorted(name for name, count in Counter(names).items() if count > 1)
    if duplicates:
        raise InputError("duplicate_names", names=", ".join(duplicates))


@dataclass(frozen=True, eq=False)
class DecisionProblem:
    """Alternatives × criteria with directions and weights; validated, copied, read-only.

    ``matrix[i, j]`` is the value of alternative i on criterion j; ``benefit[j]`` is True when
    more is better; ``weights`` are normalised to sum 1 on construction.
    """

    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    matrix: np.ndarray
    benefit: np.ndarray
    weights: np.ndarray

    def __post_init__(self) -> None:
        alternatives = _names(self.alternatives, "alternatives")
        criteria = _names(self.criteria, "criteria")
        if not alternatives:
            raise InputError("no_alternatives")
        if not criteria:
            raise InputError("no_criteria")
        _check_unique(alternatives)
        _check_unique(criteria)
        m, n = len(alternatives), len(criteria)
        try:
            matrix = np.array(self.matrix, dtype=float)
        except (TypeError, ValueError):
            raise InputError("matrix_not_finite") from None
        if matrix.shape != (m, n):
            raise InputError("matrix_shape", expected=f"({m}, {n})", got=str(matrix.shape))
        if not np.all(np.isfinite(matrix)):
            raise InputError("matrix_not_finite")
        benefit = np.asarray(self.benefit)
        if benefit.shape != (n,):
            raise InputError("matrix_shape", expected=f"benefit ({n},)", got=str(benefit.shape))
        if benefit.dtype != bool:
            if not all(isinstance(v, bool | np.bool_) for v in benefit.tolist()):
                raise InputError("problem_bad_type", field="benefit")
            benefit = benefit.astype(bool)
        weights = normalize_weights(validate_weights(self.weights, expected=n))
        object.__setattr__(self, "alternatives", alternatives)
        object.__setattr__(self, "criteria", criteria)
        object.__setattr__(self, "matrix", _frozen(matrix))
        object.__setattr__(self, "benefit", _frozen(benefit))
        object.__setattr__(self, "weights", _frozen(weights))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DecisionProblem:
        """Build from JSON: alternatives, criteria [{name, direction, weight}], matrix (rows)."""
        if not isinstance(data, Mapping):
            raise InputError("problem_bad_type", field="(root)")
        alternatives = _names(_field(data, "alternatives", list), "alternatives")
        specs = _field(data, "criteria", list)
        names: list[str] = []
        benefit: list[bool] = []
        weights: list[float] = []
        for j, spec in enumerate(specs):
            where = f"criteria[{j}]"
            if not isinstance(spec, Mapping):
                raise InputError("problem_bad_type", field=where)
            names.append(_field(spec, "name", str, where))
            direction = _field(spec, "direction", str, where)
            if direction not in DIRECTIONS:
                raise InputError("unknown_direction", direction=direction)
            benefit.append(direction == "benefit")
            weights.append(json_number(_field(spec, "weight", object, where), f"{where}.weight"))
        rows = _field(data, "matrix", list)
        if not all(isinstance(row, list) for row in rows):
            raise InputError("problem_bad_type", field="matrix")
        widths = {len(row) for row in rows}
        if len(widths) > 1 or (rows and widths != {len(names)}):
            shown = "×".join(str(w) for w in sorted(widths))
            raise InputError(
                "matrix_shape", expected=f"({len(alternatives)}, {len(names)})", got=shown
            )
        if any(not is_number(value) for row in rows for value in row):
            raise InputError("matrix_not_finite")
        matrix = np.array(rows, dtype=float).reshape(len(rows), len(names))
        return cls(
            alternatives=tuple(alternatives),
            criteria=tuple(names),
            matrix=matrix,
            benefit=np.array(benefit, dtype=bool),
            weights=np.array(weights, dtype=float),
        )


def _field(data: Mapping[str, Any], key: str, kind: type, where: str = "") -> Any:
    """``data[key]`` if present and of type ``kind``; otherwise a keyed InputError."""
    name = f"{where}.{key}" if where else key
    if key not in data:
        raise InputError("problem_missing_field", field=name)
    value = data[key]
    if not isinstance(value, kind):
        raise InputError("problem_bad_type", field=name)
    return value


@dataclass(frozen=True, eq=False)
class Evaluation:
    """Scores, competition ranks and per-criterion contributions of one evaluation.

    ``contributions[i, j]`` is criterion j's share of alternative i's score:

    * wsm: w_j · n_ij, summing exactly to the score;
    * promethee2: w_j · φ_j(i) (weighted single-criterion net flow), summing exactly;
    * topsis: TOPSIS is not additive, so the closeness is apportioned in proportion to
      w_j · n_ij (rows with Σ_j w_j · n_ij = 0 in proportion to w_j). The parts add up to the
      closeness but are an attribution, not a decomposition of the method.
    """

    method: str
    normalization: str
    alternatives: tuple[str, ...]
    scores: np.ndarray
    ranks: np.ndarray
    contributions: np.ndarray

    @property
    def ranking(self) -> list[str]:
        """Alternative names, best first; ties keep their input order."""
        order = np.argsort(self.ranks, kind="stable")
        return [self.alternatives[i] for i in order]

    def to_json_dict(self) -> dict[str, Any]:
        """Plain-JSON view: scores and ranks by name, plus the ranking."""
        return {
            "scores": {a: float(s) for a, s in zip(self.alternatives, self.scores, strict=True)},
            "ranks": {a: int(r) for a, r in zip(self.alternatives, self.ranks, strict=True)},
            "ranking": self.ranking,
        }


def evaluate(
    problem: DecisionProblem,
    method: str = "wsm",
    normalization: str | None = None,
    preference: Sequence[Mapping[str, Any]] | None = None,
) -> Evaluation:
    """Score and rank ``problem`` with a registered ``method`` (wsm, topsis, promethee2, …).

    ``normalization`` defaults to the method's own (minmax for wsm, vector for topsis, none
    for promethee2). ``preference`` is used by methods with PROMETHEE preference functions
    only: None (usual for every criterion) or one ``{"function": "usual"|"linear"|"vshape",
    "q": float, "p": float}`` per criterion, with thresholds in the units of the normalised
    matrix (raw units under ``none``).
    """
    spec = methods.get(method)
    if normalization is None:
        normalization = spec.normalization
    elif not isinstance(normalization, str):
        raise InputError("problem_bad_type", field="normalization")
    normalized = normalize(problem.matrix, problem.benefit, normalization)
    scores, contributions = spec.score(normalized, np.asarray(problem.weights), preference)
    return Evaluation(
        method=spec.key,
        normalization=normalization,
        alternatives=problem.alternatives,
        scores=_frozen(scores),
        ranks=_frozen(competition_ranks(scores)),
        contributions=_frozen(contributions),
    )
