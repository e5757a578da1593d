"""`make bench`: time the hot paths, next to a peer where one exists.

Prints a table and writes ``bench-results.json``: a list of objects with ``name``,
``value``, ``unit`` and, where a peer exists, ``peer`` and ``peer_value``.
Each figure is the median of several runs after a warm-up.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench import scoring

RESULTS = Path(__file__).resolve().parent.parent / "bench-results.json"


def median_ms(fn: Callable[[], object], repeat: int = 7, warmup: int = 1) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    suites = {"scoring": scoring.run}
    try:
        from bench import app as app_bench

        suites["app"] = app_bench.run
    except ImportError:  # pragma: no cover - optional suites appear as issues land
        pass
    for extra in ("excel", "analysis", "portfolio"):
        try:
            module = __import__(f"bench.{extra}", fromlist=["run"])
            suites[extra] = module.run
        except ImportError:
            pass
    selected = argv or list(suites)
    results: list[dict[str, object]] = []
    for name in selected:
        results.extend(suites[name](median_ms))
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    width = max(len(str(r["name"])) for r in results)
    print(f"{'benchmark':<{width}}  {'value':>12}  unit  peer")
    for r in results:
        peer = ""
        if r.get("peer"):
            ratio = float(r["value"]) / float(r["peer_value"]) if r["peer_value"] else float("nan")
            peer = f"{r['peer']}: {r['peer_value']:.2f} {r['unit']} (ratio {ratio:.2f})"
        print(f"{r['name']:<{width}}  {r['value']:>12.2f}  {r['unit']:<4}  {peer}")
    print(f"\nwritten: {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
