"""Issue 13 and issue 18 point 3: the portfolio without exponential cliffs, Monte Carlo over
data and weights.

Portfolio: 20 seeded random instances each at 120 areas × 10 options and 60 × 20, two
budgets at 30 % of the dearest choice, half with independent values and half with values
rising with cost (the hard case); each "with constraints" instance adds 10 "requires" links
and 5 must-haves. Every instance is solved once by the app's solver (``auto``: at these sizes
the reduced-cost passes of :mod:`core.analysis.lagrange`, HiGHS only past their limits) and
once by HiGHS directly (the baseline), interleaved, so both see the same machine load; the
optimum must be the same (asserted per instance). The app's solver runs three times per
instance (``BENCH_PORTFOLIO_REPEATS``), interleaved with the baseline's, and the instance's
figure is the median of its runs; HiGHS runs once. Reported: the worst, median and best
instance, the per-instance ratio app ÷ HiGHS (median, min–max) and the load average before
and after each family.

Before and after in one run: with ``BENCH_BEFORE=<dir>`` (an export of a baseline commit) a
worker process imports that checkout's solver and solves every instance too, each of its runs
right after one of the app's, so both see the same machine load; its rows carry the
per-instance ratio after ÷ before.

Monte Carlo: 10,000 draws of data and weights over all six seed areas, against the same
draws of weights alone (the baseline), interleaved rounds.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from bench import harness
from core.analysis import montecarlo, portfolio
from core.scoring import area_model
from core.scoring.weightset import WeightSet
from core.store import seed as store_seed

Timer = Callable[[Callable[[], object]], float]
# 20 per the issue; BENCH_PORTFOLIO_INSTANCES lowers it for a quick look on a busy machine.
INSTANCES = int(os.environ.get("BENCH_PORTFOLIO_INSTANCES", "20"))
# Runs per instance of the app's solver and the baseline's (interleaved; median reported).
# HiGHS directly, seconds per instance, runs once.
REPEATS = int(os.environ.get("BENCH_PORTFOLIO_REPEATS", "3"))
ROUNDS = 5
BEFORE = os.environ.get("BENCH_BEFORE")
# The baseline's worker: reads "areas options seed constrained" lines, solves the instance
# with that checkout's solver (``auto``), answers with the milliseconds and the optimum.
WORKER = """
import json, sys, time
from bench.portfolio import instance
from core.analysis import portfolio
for line in sys.stdin:
    areas, options, seed, constrained = (int(x) for x in line.split())
    frame, b1, b2, extra = instance(areas, options, seed, bool(constrained))
    start = time.perf_counter()
    found = portfolio.solve(frame, b1, b2, **extra)
    ms = (time.perf_counter() - start) * 1000
    print(json.dumps([ms, found.total_value, found.solver]), flush=True)
"""


class Before(harness.Worker):
    """The baseline checkout's solver in its own process (its own imports)."""

    def __init__(self, root: str) -> None:
        super().__init__(WORKER, root)

    def solve(self, areas: int, options: int, seed: int, constrained: bool) -> tuple[float, float]:
        ms, value, _solver = self.ask(areas, options, seed, int(constrained))
        return ms, value


def instance(
    areas: int, options: int, seed: int, constrained: bool
) -> tuple[pd.DataFrame, float, float, dict[str, object]]:
    rng = np.random.default_rng(seed)
    invest = rng.uniform(0, 500_000, (areas, options))
    annual = rng.uniform(0, 100_000, (areas, options))
    if seed % 2:
        value = 40 * np.sqrt(invest / 500_000) + 40 * np.sqrt(annual / 100_000)
        value += rng.uniform(0, 20, (areas, options))
    else:
        value = rng.uniform(0, 100, (areas, options))
    ids = [f"a{a}-o{o}" for a in range(areas) for o in range(options)]
    frame = pd.DataFrame(
        {
            "area": np.repeat([f"a{a}" for a in range(areas)], options),
            "option_id": ids,
            "option": ids,
            "pathway": "standard",
            "value": value.reshape(-1),
            "investment": invest.reshape(-1),
            "annual_cost": annual.reshape(-1),
        }
    )
    constraints: dict[str, object] = {}
    if constrained:
        chosen = rng.choice(areas, size=15, replace=False)
        pins = {f"a{a}": f"a{a}-o{rng.integers(options)}" for a in chosen[:5]}
        links = [
            (f"a{a}-o{rng.integers(options)}", f"a{b}-o{rng.integers(options)}")
            for a, b in zip(chosen[5:10], chosen[10:15], strict=True)
        ]
        links += [
            (f"a{a}-o{rng.integers(options)}", f"a{b}-o{rng.integers(options)}")
            for a, b in rng.choice(areas, size=(5, 2), replace=False)
        ]
        constraints = {"pinned": pins, "requires": links}
    return frame, 0.3 * invest.max(axis=1).sum(), 0.3 * annual.max(axis=1).sum(), constraints


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _spread(values: list[float]) -> str:
    return f"min {min(values):.0f} / median {statistics.median(values):.0f} / max {max(values):.0f}"


def portfolio_cases() -> list[dict[str, object]]:
    results = []
    before = Before(BEFORE) if BEFORE else None
    try:
        for areas, options in ((120, 10), (60, 20)):
            for constrained in (False, True):
                results.extend(_cases(areas, options, constrained, before))
    finally:
        if before is not None:
            before.close()
    return results


def _ratios(after: list[float], before: list[float]) -> dict[str, float]:
    ratios = [a / b for a, b in zip(after, before, strict=True)]
    return {"min": min(ratios), "median": statistics.median(ratios), "max": max(ratios)}


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def _cases(
    areas: int, options: int, constrained: bool, before: Before | None
) -> list[dict[str, object]]:
    app, highs, old = [], [], []
    load_start = _load()
    for seed in range(INSTANCES):
        frame, b1, b2, extra = instance(areas, options, seed, constrained)
        solved: dict[str, portfolio.PortfolioResult] = {}

        def solve(solver: str, frame=frame, b1=b1, b2=b2, extra=extra, solved=solved) -> None:
            solved[solver] = portfolio.solve(frame, b1, b2, solver=solver, **extra)

        # The app's solver and the baseline's in turn, REPEATS times each: the instance's
        # figure is the median of its runs (the load of a shared machine moves single runs).
        runs, old_runs = [], []
        for _ in range(REPEATS):
            runs.append(_ms(lambda: solve("auto")))
            if before is not None:
                ms, value = before.solve(areas, options, seed, constrained)
                old_runs.append(ms)
                assert abs(solved["auto"].total_value - value) < 1e-6, (seed, value)
        app.append(statistics.median(runs))
        highs.append(_ms(lambda: solve("milp")))
        a, h = solved["auto"], solved["milp"]
        line = f"  {areas}×{options} {'links' if constrained else 'plain'} seed {seed}:"
        line += f" app {app[-1]:.0f} ms ({a.solver}; runs {'/'.join(f'{x:.0f}' for x in runs)})"
        line += f", HiGHS {highs[-1]:.0f} ms"
        assert abs(a.total_value - h.total_value) < 1e-6, (seed, a.total_value, h.total_value)
        if before is not None:
            old.append(statistics.median(old_runs))
            line += f", before {old[-1]:.0f} ms (runs {'/'.join(f'{x:.0f}' for x in old_runs)})"
        print(line, file=sys.stderr, flush=True)
    load = f"{load_start} → {_load()}"
    label = "with 10 links and 5 must-haves" if constrained else "no links"
    name = f"portfolio {areas}×{options}, 2 budgets, {label}: worst of {INSTANCES}"
    rows: list[dict[str, object]] = [
        {
            "name": f"{name} (target ≤ 1000)",
            "value": max(app),
            "unit": "ms",
            "peer": "HiGHS directly (worst)",
            "peer_value": max(highs),
            "spread": _spread(app),
            "peer_spread": _spread(highs),
            "ratios": _ratios(app, highs),
            "worst_ratio": max(app) / max(highs),
            "load": load,
            "target": 1000,
        }
    ]
    if before is not None:
        rows.append(
            {
                "name": f"{name} [after vs before]",
                "value": max(app),
                "unit": "ms",
                "peer": "before (worst)",
                "peer_value": max(old),
                "spread": _spread(app),
                "peer_spread": _spread(old),
                "ratios": _ratios(app, old),
                "worst_ratio": max(app) / max(old),
                "load": load,
                "target": 1000,
            }
        )
    for row in rows:
        print(
            f"  {row['name']}: {row['spread']} ms vs {row['peer']} {row['peer_spread']} ms,"
            f" worst ÷ worst {row['worst_ratio']:.3f}, per instance"
            f" {row['ratios']['median']:.3f} ({row['ratios']['min']:.3f}–"  # type: ignore[index]
            f"{row['ratios']['max']:.3f}), load {load}",  # type: ignore[index]
            file=sys.stderr,
            flush=True,
        )
    return rows


def seed_models() -> dict[str, area_model.AreaModel]:
    conn = store_seed.open_seeded(":memory:")
    try:
        return area_model.load_areas(conn, 5, 0.009)
    finally:
        conn.close()


def montecarlo_case() -> dict[str, object]:
    models = seed_models()
    weights = WeightSet()

    def run(data: bool) -> None:
        for model in models.values():
            montecarlo.rank_acceptability(model, weights, samples=10_000, data=data)

    run(True)
    both, alone = [], []
    for _ in range(ROUNDS):
        both.append(_ms(lambda: run(True)))
        alone.append(_ms(lambda: run(False)))
    return {
        "name": "monte carlo 10,000 draws of data+weights, all 6 seed areas (target < 500)",
        "value": statistics.median(both),
        "unit": "ms",
        "peer": "weights only, same draws",
        "peer_value": statistics.median(alone),
        "spread": _spread(both),
        "peer_spread": _spread(alone),
        "target": 500,
    }


def seed_portfolio_case() -> dict[str, object]:
    models = seed_models()
    items = portfolio.portfolio_items(models, WeightSet())
    links = [("city-app-koeln", "homepage-gsb")]
    app, brute = [], []
    for _ in range(ROUNDS):
        app.append(_ms(lambda: portfolio.solve(items, 200_000, 180_000, requires=links)))
        brute.append(
            _ms(lambda: portfolio.solve(items, 200_000, 180_000, requires=links, exhaustive=True))
        )
    return {
        "name": "portfolio seed data, 2 budgets, 1 link",
        "value": statistics.median(app),
        "unit": "ms",
        "peer": "exhaustive search (12,000 sets)",
        "peer_value": statistics.median(brute),
        "spread": _spread(app),
        "peer_spread": _spread(brute),
    }


def run(timer: Timer) -> list[dict[str, object]]:
    results = [montecarlo_case(), seed_portfolio_case()]
    for result in results:
        print(f"  {result}", file=sys.stderr, flush=True)
    return [*results, *portfolio_cases()]
