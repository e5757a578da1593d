"""Server cost per interaction: a real Streamlit server on loopback, websocket clients.

Three servers run side by side, each with its own process: the app (`ui.launch`, seeded
store), the skeleton (`bench/skeleton_app.py`: the same elements, fixed data, no
computation) and the floor (`bench/floor_app.py`: two sliders). In interleaved rounds:

- **CPU per slider rerun**: one session per page moves the cost slider ``MOVES`` times, each
  move to a new value and waiting for the run to finish; the server process's CPU time
  (all threads, from /proc) divided by the moves. Bereich and Übersicht of the app against
  the same pages of the skeleton, and the floor.
- **Concurrent sessions**: ``SESSIONS`` sessions on one page move the cost slider as fast as
  the server answers (each waits for its own run, then moves again: no think time, the
  worst case of a committee moving at once) for ``WINDOW_S`` seconds; the median and p90
  time from a move to its finished run. App against skeleton, same page, same load.

Bounded: at most ``SESSIONS`` (20) clients per server, ``WINDOW_S`` seconds per load window,
``ROUNDS`` rounds; about two minutes in all. ``BENCH_ROUNDS``, ``BENCH_SESSIONS`` and
``BENCH_WINDOW_S`` override them (the sessions are capped at 50).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import harness, loopback
from core import store
from core.store import seed

Timer = Callable[[Callable[[], object]], float]
BENCH = Path(__file__).resolve().parent
SKELETON = BENCH / "skeleton_app.py"
FLOOR = BENCH / "floor_app.py"
ROUNDS = min(int(os.environ.get("BENCH_ROUNDS", "5")), 20)
SESSIONS = min(int(os.environ.get("BENCH_SESSIONS", "20")), 50)
WINDOW_S = min(float(os.environ.get("BENCH_WINDOW_S", "6")), 30.0)
MOVES = 20
PAGES = {"Bereich": ("bereich", "area=ozg"), "Übersicht": ("uebersicht", "")}


async def _cpu_per_move(server: loopback.Server, client: loopback.Client) -> float:
    """Server CPU (ms) per move of the weight sliders, over ``MOVES`` moves."""
    start = server.cpu_seconds()
    for _ in range(MOVES):
        await client.move(loopback.next_weights())
    return (server.cpu_seconds() - start) * 1000 / MOVES


async def _load(clients: list[loopback.Client]) -> list[float]:
    """Latencies (ms) of every move started within the window, all clients moving at once."""
    deadline = time.monotonic() + WINDOW_S

    async def session(client: loopback.Client) -> list[float]:
        times = []
        while time.monotonic() < deadline:
            times.append(await client.move(loopback.next_weights()))
        return times

    per_client = await asyncio.gather(*(session(c) for c in clients))
    return [t for times in per_client for t in times]


def _p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


async def _measure(
    app: loopback.Server, skeleton: loopback.Server, floor: loopback.Server
) -> list[dict[str, object]]:
    single = {
        (label, which): loopback.Client(server.url, page, query)
        for label, (page, query) in PAGES.items()
        for which, server in (("app", app), ("skeleton", skeleton))
    }
    single[("floor", "floor")] = loopback.Client(floor.url, "", "")
    servers = {"app": app, "skeleton": skeleton, "floor": floor}
    for client in single.values():
        await client.open()
    cpu: dict[tuple[str, str], list[float]] = {key: [] for key in single}
    keys = list(single)
    for r in range(1 + ROUNDS):  # the first round warms caches and is not kept
        order = keys[r % len(keys) :] + keys[: r % len(keys)]
        for key in order:
            value = await _cpu_per_move(servers[key[1]], single[key])
            if r:
                cpu[key].append(value)
    for client in single.values():
        await client.close()

    results: list[dict[str, object]] = []
    for label in PAGES:
        results.append(
            harness.figure(
                f"server CPU per slider rerun ({label})",
                "ms",
                cpu[(label, "app")],
                f"skeleton {label}",
                cpu[(label, "skeleton")],
                target="<= 40 ms",
            )
        )
    results.append(
        harness.figure(
            "server CPU per slider rerun (skeleton Bereich vs floor)",
            "ms",
            cpu[("Bereich", "skeleton")],
            "floor: two sliders, nothing else",
            cpu[("floor", "floor")],
        )
    )

    for label, (page, query) in PAGES.items():
        crowds = {
            "app": await loopback.open_clients(app.url, page, query, SESSIONS),
            "skeleton": await loopback.open_clients(skeleton.url, page, query, SESSIONS),
        }
        medians: dict[str, list[float]] = {"app": [], "skeleton": []}
        p90s: dict[str, list[float]] = {"app": [], "skeleton": []}
        cpu_per_move: dict[str, list[float]] = {"app": [], "skeleton": []}
        for r in range(ROUNDS):
            for which in ("app", "skeleton") if r % 2 == 0 else ("skeleton", "app"):
                start = servers[which].cpu_seconds()
                times = await _load(crowds[which])
                cpu_per_move[which].append(
                    (servers[which].cpu_seconds() - start) * 1000 / len(times)
                )
                medians[which].append(statistics.median(times))
                p90s[which].append(_p90(times))
        for crowd in crowds.values():
            for client in crowd:
                await client.close()
        results.append(
            harness.figure(
                f"{SESSIONS} sessions moving at once ({label}): median move to finished run",
                "ms",
                medians["app"],
                f"skeleton {label}, same load",
                medians["skeleton"],
                target="<= 1000 ms",
            )
        )
        results.append(
            harness.figure(
                f"{SESSIONS} sessions moving at once ({label}): p90 move to finished run",
                "ms",
                p90s["app"],
                f"skeleton {label}, same load",
                p90s["skeleton"],
                target="<= 2000 ms",
            )
        )
        results.append(
            harness.figure(
                f"{SESSIONS} sessions moving at once ({label}): server CPU per rerun",
                "ms",
                cpu_per_move["app"],
                f"skeleton {label}, same load",
                cpu_per_move["skeleton"],
            )
        )
    return results


def run(timer: Timer) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.duckdb")
        with store.connect(db) as conn:
            seed.load_seed(conn)
        with (
            loopback.serve("app.py", db) as app,
            loopback.serve(SKELETON, db, launcher=False) as skeleton,
            loopback.serve(FLOOR, db, launcher=False) as floor,
        ):
            return asyncio.run(_measure(app, skeleton, floor))
