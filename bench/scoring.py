"""Scoring engine on large random matrices, next to pymcdm on the same matrix, in
interleaved rounds (min/median/max and the per-round ratio, bench/harness.py)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from pymcdm import methods as pymcdm_methods, normalizations as pymcdm_norm

from bench import harness
from core.scoring import decision

Timer = Callable[[Callable[[], object]], float]


def _problem(m: int, n: int, seed: int = 7) -> decision.DecisionProblem:
    rng = np.random.default_rng(seed)
    matrix = rng.uniform(1, 100, size=(m, n))
    benefit = np.arange(n) % 3 != 0
    weights = rng.uniform(0.1, 1, size=n)
    return decision.DecisionProblem(
        alternatives=tuple(f"A{i}" for i in range(m)),
        criteria=tuple(f"C{j}" for j in range(n)),
        matrix=matrix,
        benefit=benefit,
        weights=weights / weights.sum(),
    )


def run(timer: Timer) -> list[dict[str, object]]:
    results: list[dict[str, object]] = []
    big = _problem(10_000, 20)
    types = np.where(big.benefit, 1, -1)
    wsm_peer = pymcdm_methods.WSM(normalization_function=pymcdm_norm.minmax_normalization)
    topsis_peer = pymcdm_methods.TOPSIS(normalization_function=pymcdm_norm.vector_normalization)
    results.append(
        harness.paired(
            "rank wsm 10000x20",
            lambda: decision.evaluate(big, "wsm"),
            "pymcdm WSM (minmax)",
            lambda: wsm_peer(big.matrix, big.weights, types),
            repeat=3,
        )
    )
    results.append(
        harness.paired(
            "rank topsis 10000x20",
            lambda: decision.evaluate(big, "topsis"),
            "pymcdm TOPSIS (vector)",
            lambda: topsis_peer(big.matrix, big.weights, types),
            repeat=3,
        )
    )
    mid = _problem(1_000, 20)
    mid_types = np.where(mid.benefit, 1, -1)
    spread = np.ptp(mid.matrix, axis=0)
    preference = [{"function": "vshape", "q": 0.0, "p": float(s)} for s in spread]

    def promethee_peer(matrix: np.ndarray, weights: np.ndarray, types: np.ndarray) -> object:
        # pymcdm keeps its preference functions in a generator: one object serves one call.
        method = pymcdm_methods.PROMETHEE_II("vshape", p=spread, q=np.zeros_like(spread))
        return method(matrix, weights, types)

    results.append(
        harness.paired(
            "rank promethee2 1000x20",
            lambda: decision.evaluate(mid, "promethee2", preference=preference),
            "pymcdm PROMETHEE_II (vshape)",
            lambda: promethee_peer(mid.matrix, mid.weights, mid_types),
            target=">= 5x faster than pymcdm (ratio <= 0.2)",
        )
    )
    return results
