"""Figures measured against a baseline in the same run: interleaved rounds, min/median/max.

A figure is only worth as much as its baseline on the same machine at the same time: the
machine is shared, so absolute milliseconds move with the load of everything else. Each
round therefore measures the figure and its baseline one right after the other (in turn
which goes first), and the ratio is taken per round before its median is reported.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any


def wall_ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def interleaved(
    measures: Mapping[str, Callable[[], float]], rounds: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Call every measure once per round, the order rotated each round; each returns one
    figure. ``warmup`` rounds are run first and not kept."""
    names = list(measures)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for r in range(warmup + rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            value = measures[name]()
            if r >= warmup:
                samples[name].append(value)
    return samples


def timed(fn: Callable[[], object], repeat: int = 1) -> Callable[[], float]:
    """A measure: the median wall time (ms) of ``repeat`` calls of ``fn``."""
    return lambda: statistics.median(wall_ms(fn) for _ in range(repeat))


def spread(values: Sequence[float]) -> dict[str, float]:
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def figure(
    name: str,
    unit: str,
    values: Sequence[float],
    peer: str | None = None,
    peer_values: Sequence[float] | None = None,
    target: str | None = None,
) -> dict[str, object]:
    """One result row: the median of ``values`` with its min and max, and where a baseline
    was measured in the same rounds, its figures and the per-round ratio (min/median/max)."""
    row: dict[str, object] = {"name": name, "unit": unit, "rounds": len(values)}
    stats = spread(values)
    row.update(value=stats["median"], min=stats["min"], max=stats["max"])
    if peer is not None and peer_values is not None:
        peer_stats = spread(peer_values)
        row.update(
            peer=peer,
            peer_value=peer_stats["median"],
            peer_min=peer_stats["min"],
            peer_max=peer_stats["max"],
        )
        ratios = [v / p for v, p in zip(values, peer_values, strict=True) if p > 0]
        if ratios:
            ratio = spread(ratios)
            row.update(ratio=ratio["median"], ratio_min=ratio["min"], ratio_max=ratio["max"])
    if target:
        row["target"] = target
    return row


def paired(
    name: str,
    fn: Callable[[], object],
    peer: str,
    peer_fn: Callable[[], object],
    *,
    rounds: int = 7,
    repeat: int = 1,
    target: str | None = None,
) -> dict[str, object]:
    """Time ``fn`` and its baseline ``peer_fn`` in interleaved rounds (ms)."""
    samples = interleaved(
        {"value": timed(fn, repeat), "peer": timed(peer_fn, repeat)}, rounds=rounds
    )
    return figure(name, "ms", samples["value"], peer, samples["peer"], target)


class Worker:
    """Python ``code`` run by this interpreter in a process of its own, in the checkout
    ``root`` (its own imports: a baseline commit's code beside this one's); it reads one
    request line from stdin and answers one JSON line per request."""

    def __init__(self, code: str, root: str | Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", code],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(Path(root))},
        )

    def ask(self, *fields: object) -> Any:
        """Send ``fields`` as one space-separated line; the worker's JSON answer."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(" ".join(str(f) for f in fields) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self, timeout: float = 60) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=timeout)
