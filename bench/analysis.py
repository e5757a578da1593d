"""Issue 5: stability analysis, Monte Carlo rank acceptability and the budget portfolio.

The issue's targets are absolute (``target`` in each entry). Peers where one exists: the
exhaustive search for the small portfolio. The 60-area portfolio is timed on two seeded
random instances with both budgets set: independent values (typical) and values that rise
with cost (the hard case for any exact method: many near-optimal trade-offs).

Issue 18, per weighting: what the Übersicht computes after a slider move (every move a new
weighting, so every cache misses) on the seed data: the six rankings with their summaries
(``analysis.overview``), the six stability sentences and the portfolio's results (items,
solve, next steps, efficiency curve, best buys, value for money), per scoring method, in
milliseconds per weighting. Each checkout runs in a worker process of its own (its own
imports); with ``BENCH_BEFORE=<dir>`` (an export of a baseline commit) the baseline's worker
runs the same weightings right after (or before: the order alternates) each of the current
checkout's, and every row carries the per-round ratio after ÷ before.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from bench import harness
from core.analysis import montecarlo, portfolio, sensitivity
from core.scoring import area_model
from core.scoring.weightset import WeightSet
from core.store import seed as store_seed
from tests.analysis_factory import random_model

Timer = Callable[[Callable[[], object]], float]
BEFORE = os.environ.get("BENCH_BEFORE")
ROOT = Path(__file__).resolve().parent.parent
WEIGHTING_ROUNDS = 5
WEIGHTINGS = 20  # new weightings per round and method (the median is the round's figure)
# The worker: reads "method seed" lines, times WEIGHTINGS new weightings of that method on
# the seed data with this checkout's code, answers with the median ms of each part. Public
# names only, so that it runs on a baseline checkout too.
WEIGHTING_WORKER = """
import json, statistics, sys, time
import numpy as np
from core import analysis, scoring, views
from core.scoring import area_model
from core.store import seed as store_seed
conn = store_seed.open_seeded(":memory:")
models = area_model.load_areas(conn, 5, 0.009)
conn.close()
items = analysis.portfolio_items(models, scoring.WeightSet())
budgets = (analysis.budget_range(items, "investment")[1] * 0.5,
           analysis.budget_range(items, "annual_cost")[1] * 0.75)
free = {"pinned": {}, "excluded": [], "excluded_options": [], "requires": []}
def portfolio_results(weights):
    items = analysis.portfolio_items(models, weights, analysis.AreaWeights({}), "benefit")
    result = analysis.solve_portfolio(items, *budgets, **free)
    analysis.portfolio_next_steps(items, result, **free)
    analysis.efficiency_curve(items, "investment", budgets[1], **free)
    buys = analysis.best_buys(items)
    analysis.value_for_money(items, buys)
for line in sys.stdin:
    method, seed = line.split()
    rng = np.random.default_rng(int(seed))
    parts = {"overview": [], "stability": [], "portfolio": [], "all": []}
    for k in range(N + 2):
        groups = dict(zip(scoring.GROUPS, rng.uniform(1, 100, 3).tolist()))
        weights = scoring.WeightSet(groups, {}, method)
        a = time.perf_counter()
        rankings, _summary = analysis.overview(models, weights, method)
        b = time.perf_counter()
        for area, ranking in rankings.items():
            views.stability_sentence(analysis.area_stability(
                models[area], weights, method, ranking=ranking, crossings=False), "de")
        c = time.perf_counter()
        portfolio_results(weights)
        d = time.perf_counter()
        if k >= 2:  # two warm-up weightings
            for name, value in (("overview", b - a), ("stability", c - b),
                                ("portfolio", d - c), ("all", d - a)):
                parts[name].append(value * 1000)
    print(json.dumps({name: statistics.median(v) for name, v in parts.items()}), flush=True)
"""


class WeightingWorker(harness.Worker):
    """One checkout's :data:`WEIGHTING_WORKER` in its own process (its own imports)."""

    def __init__(self, root: Path) -> None:
        super().__init__(f"N = {WEIGHTINGS}\n{WEIGHTING_WORKER}", root)

    def measure(self, method: str, seed: int) -> dict[str, float]:
        return self.ask(method, seed)


def per_weighting() -> list[dict[str, object]]:
    """The Übersicht's computations per new weighting, after vs before where a baseline is
    given (interleaved rounds, the order alternating; the same weightings on both sides)."""
    workers = {"after": WeightingWorker(ROOT)}
    if BEFORE:
        workers["before"] = WeightingWorker(Path(BEFORE))
    load = [os.getloadavg()[0]]
    samples: dict[tuple[str, str, str], list[float]] = {}
    try:
        for method in ("wsm", "topsis", "promethee2"):
            for r in range(WEIGHTING_ROUNDS):
                order = list(workers) if r % 2 == 0 else list(reversed(workers))
                for side in order:
                    for part, ms in workers[side].measure(method, 100 + r).items():
                        samples.setdefault((side, method, part), []).append(ms)
    finally:
        for worker in workers.values():
            worker.close()
    load.append(os.getloadavg()[0])
    rows = []
    for (side, method, part), values in samples.items():
        if side != "after":
            continue
        name = f"Übersicht per new weighting, {part} ({method}; load {load[0]:.1f}→{load[1]:.1f})"
        before = samples.get(("before", method, part))
        if before is None:
            rows.append(harness.figure(name, "ms", values))
        else:
            rows.append(harness.figure(f"{name} [after vs before]", "ms", values, "before", before))
    return rows


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
    results: list[dict[str, object]] = per_weighting()
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
