"""PROMETHEE II: net outranking flows from pairwise preferences (Brans & Vincke 1985).

For each criterion j and pair (a, b), d = g_j(a) − g_j(b) on a benefit-oriented matrix and a
preference function P_j(d) in [0, 1]:

* ``usual``  — 1 if d > 0, else 0 (q and p ignored);
* ``linear`` — V-shape with indifference: 0 if d ≤ q, (d − q)/(p − q) if q < d ≤ p, 1 if d > p;
* ``vshape`` — d/p if 0 < d ≤ p, 1 if d > p, else 0 (q ignored).

Single-criterion flows are φ⁺_j(a) = Σ_b P_j(a, b)/(m − 1) and φ⁻_j(a) = Σ_b P_j(b, a)/(m − 1);
the net flow is φ(a) = Σ_j w_j (φ⁺_j(a) − φ⁻_j(a)) in [−1, 1] for weights summing to 1.

The sums are not taken pair by pair. All three functions are 0 up to q, linear between q
and p and 1 beyond p (usual: q = p = 0), so for one criterion with sorted values s and
prefix sums S, the b with g(b) < g(a) − p each add 1 (a count from a binary search) and the
b with g(a) − p ≤ g(b) < g(a) − q add (g(a) − q − g(b))/(p − q): their count times
(g(a) − q) minus a difference of two prefix sums. That is O(m log m) time and O(m) memory
per criterion instead of O(m²); :func:`pairwise_flows` keeps the definition for the tests
(same flows to 1e-12) and the benchmark.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from core.errors import InputError
from core.scoring.methods._inputs import json_number, matrix_and_weights
from core.scoring.methods.spec import LinearKernel, MethodSpec, Preference

PREFERENCE_FUNCTIONS: tuple[str, ...] = ("usual", "linear", "vshape")


@dataclass(frozen=True, eq=False)
class PrometheeResult:
    """Flows per alternative; ``criterion_net_flows`` is m×n, unweighted φ_j(a)."""

    net_flow: np.ndarray
    positive_flow: np.ndarray
    negative_flow: np.ndarray
    criterion_net_flows: np.ndarray


def _thresholds(values: ArrayLike | None, n: int, name: str) -> np.ndarray:
    """Per-criterion thresholds as floats (None means 0 for every criterion)."""
    if values is None:
        return np.zeros(n)
    try:
        array = np.asarray(values, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        raise InputError("problem_bad_type", field=name) from None
    if array.size != n:
        raise InputError("preference_length", expected=n, got=int(array.size))
    return array


def _check_function(function: str, q: float, p: float, index: int) -> None:
    """Reject unknown function names and thresholds outside 0 ≤ q < p (linear) / p > 0 (vshape)."""
    if function not in PREFERENCE_FUNCTIONS:
        raise InputError("unknown_preference", function=function)
    if function == "linear":
        valid = math.isfinite(q) and math.isfinite(p) and 0 <= q < p
    elif function == "vshape":
        valid = math.isfinite(p) and p > 0
    else:
        valid = True
    if not valid:
        raise InputError("preference_thresholds", criterion=index + 1, q=q, p=p)


def _checked(
    matrix: ArrayLike,
    weights: ArrayLike,
    functions: Sequence[str],
    q: ArrayLike | None,
    p: ArrayLike | None,
) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray, np.ndarray]:
    """Matrix, weights, function names and thresholds, checked (one entry per criterion)."""
    x, w = matrix_and_weights(matrix, weights)
    n = x.shape[1]
    names = [functions] if isinstance(functions, str) else list(functions)
    if len(names) != n:
        raise InputError("preference_length", expected=n, got=len(names))
    q_values, p_values = _thresholds(q, n, "q"), _thresholds(p, n, "p")
    for j, name in enumerate(names):
        _check_function(name, float(q_values[j]), float(p_values[j]), j)
    return x, w, names, q_values, p_values


def preference(d: np.ndarray, function: str, q: float = 0.0, p: float = 0.0) -> np.ndarray:
    """Preference degree P(d) in [0, 1] for differences ``d`` (see the module docstring)."""
    if function == "usual":
        return (d > 0).astype(float)
    if function == "linear":
        return np.clip((d - q) / (p - q), 0.0, 1.0)
    if function == "vshape":
        return np.clip(d / p, 0.0, 1.0)
    raise InputError("unknown_preference", function=function)


def promethee2(
    matrix: ArrayLike,
    weights: ArrayLike,
    functions: Sequence[str],
    q: ArrayLike | None = None,
    p: ArrayLike | None = None,
) -> PrometheeResult:
    """PROMETHEE II flows on a benefit-oriented matrix; weights are used as given.

    ``functions``, ``q`` and ``p`` hold one entry per criterion (None thresholds mean 0).
    With a single alternative every flow is 0.
    """
    x, w, names, q_values, p_values = _checked(matrix, weights, functions, q, p)
    m, n = x.shape
    plus = np.zeros((m, n))
    minus = np.zeros((m, n))
    if m > 1:
        for j in range(n):
            plus[:, j], minus[:, j] = _criterion_sums(
                x[:, j], names[j], float(q_values[j]), float(p_values[j])
            )
        plus /= m - 1
        minus /= m - 1
    return _result(plus, minus, w)


def _result(plus: np.ndarray, minus: np.ndarray, w: np.ndarray) -> PrometheeResult:
    criterion_net = plus - minus
    return PrometheeResult(
        net_flow=(criterion_net * w).sum(axis=1),
        positive_flow=(plus * w).sum(axis=1),
        negative_flow=(minus * w).sum(axis=1),
        criterion_net_flows=criterion_net,
    )


def _criterion_sums(
    column: np.ndarray, function: str, q: float, p: float
) -> tuple[np.ndarray, np.ndarray]:
    """Σ_b P(g(a) − g(b)) and Σ_b P(g(b) − g(a)) for every a, by sorting (module docstring)."""
    if function == "usual":  # raw values: a shift could round tiny differences to ties
        s = np.sort(column)
        below = np.searchsorted(s, column, side="left")  # g(b) < g(a)
        above = len(s) - np.searchsorted(s, column, side="right")  # g(b) > g(a)
        return below.astype(float), above.astype(float)
    values = column - column.min()  # smaller prefix sums: less cancellation in their differences
    s = np.sort(values)
    if function == "vshape":
        q = 0.0
    width = p - q
    prefix = np.concatenate(([0.0], np.cumsum(s)))
    # a over b: b with g(b) < g(a) − p count 1, g(a) − p ≤ g(b) < g(a) − q count linearly.
    full = np.searchsorted(s, values - p, side="left")
    zone = np.searchsorted(s, values - q, side="left")
    partial = ((zone - full) * (values - q) - (prefix[zone] - prefix[full])) / width
    plus = full + np.clip(partial, 0.0, None)
    # b over a: b with g(b) > g(a) + p count 1, g(a) + q < g(b) ≤ g(a) + p count linearly.
    start = np.searchsorted(s, values + q, side="right")
    stop = np.searchsorted(s, values + p, side="right")
    partial = ((prefix[stop] - prefix[start]) - (stop - start) * (values + q)) / width
    minus = (len(s) - stop) + np.clip(partial, 0.0, None)
    return plus, minus


def pairwise_flows(
    matrix: ArrayLike,
    weights: ArrayLike,
    functions: Sequence[str],
    q: ArrayLike | None = None,
    p: ArrayLike | None = None,
) -> PrometheeResult:
    """PROMETHEE II by its definition, every pair of alternatives (O(m²) per criterion).

    The reference :func:`promethee2` is tested against (and benchmarked next to); same
    arguments and checks.
    """
    x, w, names, q_values, p_values = _checked(matrix, weights, functions, q, p)
    m, n = x.shape
    plus = np.zeros((m, n))
    minus = np.zeros((m, n))
    if m > 1:
        for j in range(n):
            column = x[:, j]
            pairwise = preference(
                column[:, None] - column[None, :], names[j], q_values[j], p_values[j]
            )
            plus[:, j] = pairwise.sum(axis=1) / (m - 1)
            minus[:, j] = pairwise.sum(axis=0) / (m - 1)
    return _result(plus, minus, w)


def parse_preferences(preference: Preference, n: int) -> tuple[list[str], list[float], list[float]]:
    """Function names and q/p thresholds per criterion (None: usual for all).

    ``preference`` is None or one ``{"function": "usual"|"linear"|"vshape", "q": float,
    "p": float}`` per criterion, as :func:`core.scoring.decision.evaluate` takes it.
    """
    if preference is None:
        return ["usual"] * n, [0.0] * n, [0.0] * n
    if isinstance(preference, str | bytes | Mapping) or not isinstance(preference, Sequence):
        raise InputError("problem_bad_type", field="preference")
    if len(preference) != n:
        raise InputError("preference_length", expected=n, got=len(preference))
    functions: list[str] = []
    q: list[float] = []
    p: list[float] = []
    for j, spec in enumerate(preference):
        where = f"preference[{j}]"
        if not isinstance(spec, Mapping):
            raise InputError("problem_bad_type", field=where)
        function = spec.get("function", "usual")
        if not isinstance(function, str):
            raise InputError("problem_bad_type", field=f"{where}.function")
        functions.append(function)
        q.append(json_number(spec.get("q", 0.0), f"{where}.q"))
        p.append(json_number(spec.get("p", 0.0), f"{where}.p"))
    return functions, q, p


def _flows(normalized: np.ndarray, weights: np.ndarray, preference: Preference) -> PrometheeResult:
    functions, q, p = parse_preferences(preference, normalized.shape[1])
    return promethee2(normalized, weights, functions, q, p)


def _score(
    normalized: np.ndarray, weights: np.ndarray, preference: Preference
) -> tuple[np.ndarray, np.ndarray]:
    """Net flows and contributions w_j · φ_j(i), which sum exactly to the net flow."""
    result = _flows(normalized, weights, preference)
    return result.net_flow, result.criterion_net_flows * weights


def _kernel(normalized: np.ndarray, preference: Preference) -> LinearKernel:
    """The net flow is Σ_j w_j φ_j: linear in the weights, with the unweighted φ_j as unit."""
    unweighted = _flows(normalized, np.ones(normalized.shape[1]), preference)
    return LinearKernel(unit=unweighted.criterion_net_flows)


SPEC = MethodSpec(
    key="promethee2",
    label_key="method_promethee2",
    normalization="none",
    score=_score,
    batch_kernel=_kernel,
    linear=True,
    signed=True,
    text_variant="netflow",
    uses_preferences=True,
)
