"""Issue 5: stability analysis, Monte Carlo rank acceptability and the budget portfolio.

The issue's targets are absolute (``target`` in each entry). Peers where one exists: the
exhaustive search for the small portfolio. The 60-area portfolio is timed on two seeded
random instances with both budgets set: independent values (typical) and values that rise
with cost (the hard case for any exact method: many near-optimal trade-offs).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from core.analysis import montecarlo, portfolio, sensitivity
from core.scoring import area_model
from core.scoring.weightset import WeightSet
from core.store import seed as store_seed
from tests.analysis_factory import random_model

Timer = Callable[[Callable[[], object]], float]


def _seed_models() -> dict[str, area_model.AreaModel]:
    conn = store_seed.open_seeded(":memory:")
    try:
        return area_model.load_areas(conn, 5, 0.009)
    finally:
        conn.close()


def _items(
    areas: int, options: int, seed: int, correlated: bool
) -> tuple[pd.DataFrame, float, float]:
    """Random portfolio items and budgets at 30 % of the dearest choice in each dimension."""
    rng = np.random.default_rng(seed)
    invest = rng.uniform(0, 500_000, (areas, options))
    annual = rng.uniform(0, 100_000, (areas, options))
    if correlated:
        value = 40 * np.sqrt(invest / 500_000) + 40 * np.sqrt(annual / 100_000)
        value += rng.uniform(0, 20, (areas, options))
    else:
        value = rng.uniform(0, 100, (areas, options))
    frame = pd.DataFrame(
        {
            "area": np.repeat([f"a{a}" for a in range(areas)], options),
            "option_id": [f"a{a}-o{o}" for a in range(areas) for o in range(options)],
            "option": [f"Option {a}.{o}" for a in range(areas) for o in range(options)],
            "pathway": "standard",
            "value": value.reshape(-1),
            "investment": invest.reshape(-1),
            "annual_cost": annual.reshape(-1),
        }
    )
    return frame, 0.3 * invest.max(axis=1).sum(), 0.3 * annual.max(axis=1).sum()


def _worst_of(seeds: range, correlated: bool) -> float:
    """Slowest single solve over several seeded 60 × 10 instances (ms)."""
    import time

    worst = 0.0
    for seed in seeds:
        frame, b1, b2 = _items(60, 10, seed, correlated)
        start = time.perf_counter()
        portfolio.solve(frame, b1, b2)
        worst = max(worst, (time.perf_counter() - start) * 1000)
    return worst


def run(timer: Timer) -> list[dict[str, object]]:
    results: list[dict[str, object]] = []
    models = _seed_models()
    weights = WeightSet()
    for method in ("wsm", "topsis", "promethee2"):
        results.append(
            {
                "name": f"stability all 6 seed areas ({method}; target < 100)",
                "value": timer(
                    lambda method=method: [
                        sensitivity.area_stability(m, weights, method) for m in models.values()
                    ]
                ),
                "unit": "ms",
                "target": 100,
            }
        )

    big = random_model(11, 50, n_per_group=4)
    for method in ("wsm", "topsis"):
        results.append(
            {
                "name": f"monte carlo 10000 samples × 50 options ({method}; target < 500)",
                "value": timer(
                    lambda method=method: montecarlo.rank_acceptability(big, weights, method)
                ),
                "unit": "ms",
                "target": 500,
            }
        )

    small, b1, b2 = _items(6, 10, 3, correlated=False)
    results.append(
        {
            "name": "portfolio 6 areas × 10 options, 2 budgets (target < 1000)",
            "value": timer(lambda: portfolio.solve(small, b1, b2)),
            "unit": "ms",
            "peer": "exhaustive search over 10^6 sets",
            "peer_value": timer(lambda: portfolio.solve(small, b1, b2, exhaustive=True)),
            "target": 1000,
        }
    )
    for correlated, label in ((False, "independent values"), (True, "values rising with cost")):
        frame, b1, b2 = _items(60, 10, 3, correlated)
        results.append(
            {
                "name": f"portfolio 60 areas × 10 options, 2 budgets, {label} (target < 1000)",
                "value": timer(lambda frame=frame, b1=b1, b2=b2: portfolio.solve(frame, b1, b2)),
                "unit": "ms",
                "target": 1000,
            }
        )
        one, b1, _ = _items(60, 10, 3, correlated)
        results.append(
            {
                "name": f"portfolio 60 areas × 10 options, investment budget only, {label}",
                "value": timer(lambda one=one, b1=b1: portfolio.solve(one, b1, None)),
                "unit": "ms",
                "target": 1000,
            }
        )
        results.append(
            {
                "name": f"portfolio 60 × 10, 2 budgets, {label}: slowest of 10 seeds",
                "value": _worst_of(range(10), correlated),
                "unit": "ms",
                "target": 1000,
            }
        )
    curve_items = portfolio.portfolio_items(models, weights)
    results.append(
        {
            "name": "portfolio efficiency curve, seed data (exact breakpoints)",
            "value": timer(
                lambda: portfolio.efficiency_curve(curve_items, "investment", 150_000.0)
            ),
            "unit": "ms",
        }
    )
    return results
