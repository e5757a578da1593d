"""Issue 19 (areas with hundreds of options) and issue 18 points 4 and 5.

Every figure is measured next to its baseline in the same run, in interleaved rounds, and
reported as min/median/max over the rounds:

- Bereich rerun after a slider move (AppTest, each move to a new value) in a store with
  1,000 options per area, against the same page in a store with 10 options per area, for
  each method. Target: at most 3×. Each store runs in its own process (one Streamlit
  runtime per process); the process's peak memory (max RSS) is reported for the big store.
- Stability sentence (intervals only, the page's ranking passed in) at 1,000 options, for
  each method; baseline: the same at 10 options. Target: under 50 ms.
- PROMETHEE II 1,000 × 20 against pymcdm and against the pairwise definition
  (:func:`core.scoring.methods.promethee.pairwise_flows`, the implementation before issue 19);
  10,000 × 20 alone. Targets: at least 10× pymcdm; under 200 ms.
- CLI start (``python -m core areas`` and ``--help``) against ``python -c pass``.
  Target: at most 0.3 s.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from core import settings, store
from core.analysis import sensitivity
from core.scoring import area_model
from core.scoring.methods import promethee
from core.scoring.weightset import WeightSet
from core.store import seed
from core.views import stability_text

Timer = Callable[[Callable[[], object]], float]
ROOT = Path(__file__).resolve().parent.parent
APP = str(settings.REPO_ROOT / "app.py")
METHODS = ("wsm", "topsis", "promethee2")
AREA = "ozg"
BIG, SMALL = 1000, 10


def _spread(values: list[float]) -> dict[str, float]:
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def _entry(
    name: str,
    values: list[float],
    unit: str,
    peer: str | None = None,
    peer_values: list[float] | None = None,
    target: str | None = None,
) -> dict[str, object]:
    """One result: median as ``value`` (and ``peer_value``), min/median/max of both."""
    entry: dict[str, object] = {
        "name": name,
        "value": statistics.median(values),
        "unit": unit,
        "spread": _spread(values),
        "rounds": len(values),
    }
    if peer is not None and peer_values:
        entry |= {
            "peer": peer,
            "peer_value": statistics.median(peer_values),
            "peer_spread": _spread(peer_values),
        }
        entry["ratios"] = _spread([v / p for v, p in zip(values, peer_values, strict=True)])
    if target:
        entry["target"] = target
    return entry


def _ms(fn: Callable[[], object], repeat: int = 5, clock=time.perf_counter) -> float:  # noqa: ANN001
    """Median of ``repeat`` calls (one round), in ms, after one warm-up call; ``clock``
    ``time.process_time`` gives the CPU time of this process instead of the wall time."""
    fn()
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append((clock() - start) * 1000)
    return statistics.median(times)


# --- stores --------------------------------------------------------------------------------


def make_store(path: str, per_area: int) -> None:
    """A store file with ``per_area`` synthetic options in each seed area (and the presets)."""
    from bench.excel import synthetic_store

    n_areas = len(seed.read_seed()["areas"])
    conn = synthetic_store(per_area * n_areas, path=path)
    try:
        profiles = seed.read_seed()["weight_profiles"]
        conn.register("bench_frame", profiles)
        columns = ", ".join(profiles.columns)
        conn.execute(
            f"INSERT INTO weight_profiles ({columns}) SELECT {columns} FROM bench_frame"  # noqa: S608
        )
        conn.unregister("bench_frame")
    finally:
        conn.close()


# --- Bereich rerun (one process per store) -------------------------------------------------


def rerun_child(db: str, repeat: int) -> dict[str, object]:
    """In a fresh process: median AppTest rerun per method after slider moves, and max RSS."""
    os.environ["COCKPIT_DB"] = db
    from streamlit.testing.v1 import AppTest

    result: dict[str, object] = {}
    for method in METHODS:
        at = AppTest.from_file(APP, default_timeout=600)
        at.query_params.update(area=AREA, method=method)
        at.run()
        at.switch_page("pages/area.py").run()
        assert not at.exception, at.exception
        values = [10 + (i * 7) % 90 for i in range(repeat + 2)]
        times, cpu = [], []
        for i, value in enumerate(values):
            start, start_cpu = time.perf_counter(), time.process_time()
            at.slider(key="w_cost").set_value(value).run()
            elapsed = (time.perf_counter() - start) * 1000
            elapsed_cpu = (time.process_time() - start_cpu) * 1000  # all threads of the process
            assert not at.exception, at.exception
            if i >= 2:  # two warm-up moves
                times.append(elapsed)
                cpu.append(elapsed_cpu)
        result[method] = statistics.median(times)
        result[f"{method}_cpu"] = statistics.median(cpu)
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _rerun_round(db: str, repeat: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.large_area", "rerun", db, str(repeat)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COCKPIT_DB": db},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def bereich_reruns(big_db: str, small_db: str, rounds: int, repeat: int) -> list[dict]:
    big: list[dict[str, float]] = []
    small: list[dict[str, float]] = []
    for _ in range(rounds):  # interleaved: small, big, small, big, …
        small.append(_rerun_round(small_db, repeat))
        big.append(_rerun_round(big_db, repeat))
    results = [
        _entry(
            f"Bereich rerun after slider move, {BIG} options ({method}, AppTest, {kind})",
            [r[key] for r in big],
            "ms",
            f"same page, {SMALL} options ({kind})",
            [r[key] for r in small],
            "<= 3x",
        )
        for method in METHODS
        for key, kind in ((method, "wall"), (f"{method}_cpu", "CPU"))
        if all(key in r for r in big + small)
    ]
    results.append(
        _entry(
            f"peak memory of the app process, {BIG} options (all three methods)",
            [r["max_rss_mb"] for r in big],
            "MB",
            f"same, {SMALL} options",
            [r["max_rss_mb"] for r in small],
            "< 1024 MB",
        )
    )
    return results


# --- stability sentence ---------------------------------------------------------------------


def _models(db: str) -> dict[str, area_model.AreaModel]:
    with store.connect(db, read_only=True) as conn:
        return area_model.load_areas(conn, 5, 0.009)


def stability_sentences(big_db: str, small_db: str, rounds: int) -> list[dict[str, object]]:
    big, small = _models(big_db)[AREA], _models(small_db)[AREA]
    results = []
    for method in METHODS:
        weights = WeightSet(method=method)
        rankings = {id(m): area_model.rank_area(m, weights, method) for m in (big, small)}

        def sentence(
            model: area_model.AreaModel,
            weights: WeightSet = weights,
            rankings: dict = rankings,  # noqa: B006 - bound per method, read only
        ) -> str:
            stability = sensitivity.area_stability(
                model, weights, weights.method, ranking=rankings[id(model)], crossings=False
            )
            return stability_text.area_sentence(stability)

        for clock, kind in ((time.perf_counter, "wall"), (time.process_time, "CPU")):
            values, peers = [], []
            for _ in range(rounds):
                peers.append(_ms(lambda: sentence(small), clock=clock))
                values.append(_ms(lambda: sentence(big), clock=clock))
            results.append(
                _entry(
                    f"stability sentence, {BIG} options ({method}, {kind})",
                    values,
                    "ms",
                    f"same, {SMALL} options",
                    peers,
                    "< 50 ms",
                )
            )
    return results


# --- PROMETHEE II ---------------------------------------------------------------------------


def _promethee_inputs(m: int, n: int = 20) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict]:
    rng = np.random.default_rng(7)
    matrix = rng.uniform(1, 100, size=(m, n))
    weights = rng.uniform(0.1, 1, size=n)
    weights /= weights.sum()
    types = np.where(np.arange(n) % 3 != 0, 1, -1)
    spread = np.ptp(matrix, axis=0)
    return matrix, weights, types, {"p": spread, "q": np.zeros(n)}


def promethee_cases(rounds: int) -> list[dict[str, object]]:
    from pymcdm import methods as pymcdm_methods

    from core.scoring.normalization import normalize

    matrix, weights, types, thresholds = _promethee_inputs(1000)
    oriented = normalize(matrix, types > 0, "none")
    n = matrix.shape[1]
    functions = ["vshape"] * n

    def ours() -> object:
        return promethee.promethee2(oriented, weights, functions, thresholds["q"], thresholds["p"])

    def pairwise() -> object:
        return promethee.pairwise_flows(
            oriented, weights, functions, thresholds["q"], thresholds["p"]
        )

    def peer() -> object:
        method = pymcdm_methods.PROMETHEE_II("vshape", p=thresholds["p"], q=thresholds["q"])
        return method(matrix, weights, types)

    np.testing.assert_allclose(ours().net_flow, peer(), atol=1e-12)  # same scores
    values, peers, before = [], [], []
    for _ in range(rounds):
        values.append(_ms(ours))
        peers.append(_ms(peer, repeat=3))
        before.append(_ms(pairwise, repeat=3))
    big, big_weights, _, big_thresholds = _promethee_inputs(10_000)
    big_values = [
        _ms(
            lambda: promethee.promethee2(
                big, big_weights, functions, big_thresholds["q"], big_thresholds["p"]
            )
        )
        for _ in range(rounds)
    ]
    return [
        _entry(
            "PROMETHEE II 1000x20 (vshape)",
            values,
            "ms",
            "pymcdm PROMETHEE_II (vshape), same flows",
            peers,
            ">= 10x faster (ratio <= 0.1)",
        ),
        _entry(
            "PROMETHEE II 1000x20 (vshape)",
            values,
            "ms",
            "pairwise definition (implementation before issue 19)",
            before,
        ),
        _entry("PROMETHEE II 10000x20 (vshape)", big_values, "ms", target="< 200 ms"),
    ]


# --- CLI start ------------------------------------------------------------------------------


def _wall_ms(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system of the child) of one run, in ms. CPU time is
    the steadier figure on a machine that other work keeps busy."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, env=env, check=True, capture_output=True)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def cli_start(db: str, rounds: int) -> list[dict[str, object]]:
    env = {**os.environ, "COCKPIT_DB": db}
    python = sys.executable
    commands = {
        "areas": [python, "-m", "core", "areas"],
        "--help": [python, "-m", "core", "--help"],
    }
    empty: list[tuple[float, float]] = []
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    _wall_ms([python, "-m", "core", "areas"], env)  # warm the file cache
    for _ in range(rounds):
        empty.append(_wall_ms([python, "-c", "pass"], env))
        for name, argv in commands.items():
            times[name].append(_wall_ms(argv, env))
    return [
        _entry(
            f"CLI start: python -m core {name} ({kind})",
            [v[index] for v in values],
            "ms",
            f"python -c pass ({kind})",
            [v[index] for v in empty],
            "<= 300 ms" if index == 0 else None,
        )
        for name, values in times.items()
        for index, kind in ((0, "wall"), (1, "CPU"))
    ]


def run(timer: Timer, rounds: int = 5, rerun_rounds: int = 3, repeat: int = 15) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        big_db, small_db = str(Path(tmp) / "big.duckdb"), str(Path(tmp) / "small.duckdb")
        make_store(big_db, BIG)
        make_store(small_db, SMALL)
        results = promethee_cases(rounds)
        results += stability_sentences(big_db, small_db, rounds)
        results += cli_start(small_db, rounds * 2)
        results += bereich_reruns(big_db, small_db, rerun_rounds, repeat)
    return results


if __name__ == "__main__":
    if sys.argv[1:2] == ["rerun"]:
        print(json.dumps(rerun_child(sys.argv[2], int(sys.argv[3]))))
    else:
        for row in run(lambda fn: 0.0):
            print(json.dumps(row, ensure_ascii=False))
