"""Command-line start (issue 18 point 5): ``python -m core --help`` and ``python -m core
areas`` on a seeded DuckDB store, each as a fresh process, against ``python -c pass`` (the
interpreter's own start) in the same interleaved rounds. Target: both ≤ 0.3 s wall time.

``BENCH_BEFORE=<dir>`` (an export of a baseline commit, see bench/server.py) also runs the
two commands from that checkout (same interpreter, on a store that checkout's own code
seeds) in the same rounds, with an "after vs before" row. ``BENCH_ROUNDS`` sets the rounds
(default 9).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import harness, loopback
from core import settings

ROUNDS = min(int(os.environ.get("BENCH_ROUNDS", "9")), 30)
BEFORE = os.environ.get("BENCH_BEFORE")
COMMANDS = {"--help": ["--help"], "areas": ["areas"]}


def _process(args: list[str], cwd: str | Path, db: str) -> float:
    """Wall time (ms) of one fresh interpreter running ``args``; fails on a non-zero exit."""
    env = {**os.environ, "COCKPIT_DB": db}
    return harness.wall_ms(
        lambda: subprocess.run(
            [sys.executable, *args],
            cwd=cwd,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
    )


def run(_timer: object) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "cli.duckdb")
        loopback.seeded_store(db)
        before_db = str(Path(tmp) / "before.duckdb")  # seeded by the baseline's own code
        if BEFORE:
            loopback.baseline_store(BEFORE, before_db)
        measures = {"python -c pass": lambda: _process(["-c", "pass"], settings.REPO_ROOT, db)}
        for name, args in COMMANDS.items():
            command = ["-m", "core", *args]
            measures[name] = lambda c=command: _process(c, settings.REPO_ROOT, db)
            if BEFORE:
                measures[f"{name} [before]"] = lambda c=command: _process(c, BEFORE, before_db)
        samples = harness.interleaved(measures, ROUNDS)
    rows = []
    for name in COMMANDS:
        rows.append(
            harness.figure(
                f"cli: python -m core {name}",
                "ms",
                samples[name],
                "python -c pass",
                samples["python -c pass"],
                "≤ 300 ms",
            )  # fmt: skip
        )
        if BEFORE:
            rows.append(
                harness.figure(
                    f"cli: python -m core {name} [after vs before]",
                    "ms",
                    samples[name],
                    "before",
                    samples[f"{name} [before]"],
                )  # fmt: skip
            )
    return rows
