"""`make bench`: time the hot paths, each next to its baseline where one exists.

``python -m bench [suite ...]`` runs the named suites (all by default). Prints a table and
writes ``bench-results.json``: a list of objects with ``name``, ``value``, ``unit`` and,
where a baseline exists, ``peer`` and ``peer_value``. Figures measured with
:mod:`bench.harness` (interleaved rounds) also carry ``min``/``max``, ``rounds``, the
baseline's ``peer_min``/``peer_max`` and the per-round ratio ``ratio`` (median),
``ratio_min`` and ``ratio_max``. Suites that still use the plain ``timer`` report the median
of several runs after a warm-up, the baseline timed right after the figure.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

RESULTS = Path(__file__).resolve().parent.parent / "bench-results.json"
SUITES = (
    "scoring", "app", "server", "excel", "analysis", "portfolio", "large_area", "load", "cli",
)  # fmt: skip


class Timing(float):
    """A median (ms) that remembers the fastest and slowest of its runs."""

    low: float
    high: float


def median_ms(fn: Callable[[], object], repeat: int = 7, warmup: int = 1) -> Timing:
    """Median wall time of ``fn`` in milliseconds (with ``low``/``high``: min and max)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    timing = Timing(statistics.median(times))
    timing.low, timing.high = min(times), max(times)
    return timing


def _spread(r: dict[str, object]) -> dict[str, object]:
    """min/max from the plain timer's :class:`Timing` values, as plain numbers."""
    r = dict(r)
    for key, low, high in (("value", "min", "max"), ("peer_value", "peer_min", "peer_max")):
        value = r.get(key)
        if isinstance(value, Timing):
            r.setdefault(low, value.low)
            r.setdefault(high, value.high)
            r[key] = float(value)
    return r


def _suites() -> dict[str, Callable[..., list[dict[str, object]]]]:
    suites = {}
    for name in SUITES:
        try:
            module = __import__(f"bench.{name}", fromlist=["run"])
        except ImportError:  # pragma: no cover - optional suites appear as issues land
            continue
        suites[name] = module.run
    return suites


def _normalise(r: dict[str, object]) -> dict[str, object]:
    """Rows that carry their spread as ``spread``/``ratios`` dicts ({min, median, max}) read
    like :func:`bench.harness.figure` rows."""
    r = dict(r)
    spread = r.get("spread")
    if isinstance(spread, dict) and "min" not in r:
        r.update(min=spread["min"], max=spread["max"])
    ratios = r.get("ratios")
    if isinstance(ratios, dict) and "ratio" not in r:
        r.update(ratio=ratios["median"], ratio_min=ratios["min"], ratio_max=ratios["max"])
    return r


def _line(r: dict[str, object], width: int) -> str:
    r = _normalise(r)
    unit = str(r["unit"])
    value = f"{float(r['value']):>10.2f}"
    if "min" in r:
        value += f" ({float(r['min']):.1f}–{float(r['max']):.1f})"
    line = f"{r['name']:<{width}}  {value:<26} {unit:<4}"
    if r.get("peer"):
        peer_value = float(r["peer_value"])
        if "ratio" in r:
            low, high = float(r["ratio_min"]), float(r["ratio_max"])
            ratio = f"{float(r['ratio']):.2f} ({low:.2f}–{high:.2f})"
        else:
            ratio = f"{float(r['value']) / peer_value:.2f}" if peer_value else "nan"
        line += f"  ratio {ratio} vs {r['peer']}: {peer_value:.2f} {unit}"
    if r.get("target"):
        line += f"  [target {r['target']}]"
    return line


def main(argv: list[str]) -> int:
    suites = _suites()
    unknown = [name for name in argv if name not in suites]
    if unknown:
        print(f"unknown suite(s): {', '.join(unknown)}; known: {', '.join(suites)}")
        return 2
    results: list[dict[str, object]] = []
    failed = []
    for name in argv or list(suites):
        # A suite that fails (say, a baseline checkout whose page the browser cannot read)
        # is named and its traceback shown; the other suites' figures are still written.
        try:
            results.extend(_spread(r) for r in suites[name](median_ms))
        except Exception:
            traceback.print_exc()
            print(f"suite {name} failed; its figures are missing", file=sys.stderr)
            failed.append(name)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    if results:
        width = max(len(str(r["name"])) for r in results)
        header = f"{'benchmark':<{width}}  {'median (min–max)':<26} unit"
        print(f"{header}  ratio median (min–max) vs baseline")
        for r in results:
            print(_line(r, width))
    print(f"\nwritten: {RESULTS}")
    if failed:
        print(f"failed suite(s): {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
