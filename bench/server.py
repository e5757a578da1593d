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

Before and after in one run: ``BENCH_BEFORE=<dir>`` (an export of a baseline commit, e.g.
``git archive <commit> | tar -x -C <dir>``) serves that checkout of the app as a fourth
server, on a store seeded by that checkout's own code (``loopback.serve_baseline``), and
measures it in the same interleaved rounds: each figure then also has a "before" row
against the skeleton and an "after vs before" row.

Bounded: at most ``SESSIONS`` (20) clients per server, ``WINDOW_S`` seconds per load window,
``ROUNDS`` rounds; about two minutes in all. ``BENCH_ROUNDS``, ``BENCH_SESSIONS`` and
``BENCH_WINDOW_S`` override them (the sessions are capped at 50).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import harness, loopback

Timer = Callable[[Callable[[], object]], float]
BENCH = Path(__file__).resolve().parent
SKELETON = BENCH / "skeleton_app.py"
FLOOR = BENCH / "floor_app.py"
ROUNDS = min(int(os.environ.get("BENCH_ROUNDS", "5")), 20)
SESSIONS = min(int(os.environ.get("BENCH_SESSIONS", "20")), 50)
WINDOW_S = min(float(os.environ.get("BENCH_WINDOW_S", "6")), 30.0)
MOVES = 20
PAGES = {"Bereich": ("bereich", "area=ozg"), "Übersicht": ("uebersicht", "")}
BEFORE = os.environ.get("BENCH_BEFORE")


def _before_rows(
    name: str, unit: str, target: str | None, values: dict[str, list[float]], peer: str
) -> list[dict[str, object]]:
    """With a baseline checkout: the baseline against the same peer, and after vs before."""
    if "before" not in values:
        return []
    return [
        harness.figure(f"{name} [before]", unit, values["before"], peer, values[peer_key(peer)]),
        harness.figure(
            f"{name} [after vs before]", unit, values["app"], "before", values["before"], target
        ),
    ]


def peer_key(peer: str) -> str:
    return "skeleton" if peer.startswith("skeleton") else peer


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
    servers: dict[str, loopback.Server], floor: loopback.Server
) -> list[dict[str, object]]:
    """``servers``: "app", "skeleton" and, with a baseline checkout, "before"."""
    apps = list(servers)
    single = {
        (label, which): loopback.Client(servers[which].url, page, query)
        for label, (page, query) in PAGES.items()
        for which in apps
    }
    single[("floor", "floor")] = loopback.Client(floor.url, "", "")
    every = {**servers, "floor": floor}
    for client in single.values():
        await client.open()
    cpu: dict[tuple[str, str], list[float]] = {key: [] for key in single}
    keys = list(single)
    for r in range(1 + ROUNDS):  # the first round warms caches and is not kept
        order = keys[r % len(keys) :] + keys[: r % len(keys)]
        for key in order:
            value = await _cpu_per_move(every[key[1]], single[key])
            if r:
                cpu[key].append(value)
    for client in single.values():
        await client.close()

    results: list[dict[str, object]] = []
    for label in PAGES:
        name = f"server CPU per slider rerun ({label})"
        peer = f"skeleton {label}"
        values = {which: cpu[(label, which)] for which in apps}
        results.append(
            harness.figure(name, "ms", values["app"], peer, values["skeleton"], target="<= 40 ms")
        )
        results.extend(_before_rows(name, "ms", "<= 40 ms", values, peer))
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
            which: await loopback.open_clients(servers[which].url, page, query, SESSIONS)
            for which in apps
        }
        medians: dict[str, list[float]] = {which: [] for which in apps}
        p90s: dict[str, list[float]] = {which: [] for which in apps}
        cpu_per_move: dict[str, list[float]] = {which: [] for which in apps}
        for r in range(ROUNDS):
            for which in apps[r % len(apps) :] + apps[: r % len(apps)]:
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
        peer = f"skeleton {label}, same load"
        for what, values, target in (
            ("median move to finished run", medians, "<= 1000 ms"),
            ("p90 move to finished run", p90s, "<= 2000 ms"),
            ("server CPU per rerun", cpu_per_move, None),
        ):
            name = f"{SESSIONS} sessions moving at once ({label}): {what}"
            results.append(
                harness.figure(name, "ms", values["app"], peer, values["skeleton"], target)
            )
            results.extend(_before_rows(name, "ms", target, values, peer))
    return results


def run(timer: Timer) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.duckdb")
        loopback.seeded_store(db)
        with contextlib.ExitStack() as stack:
            servers = {
                "app": stack.enter_context(loopback.serve("app.py", db)),
                "skeleton": stack.enter_context(loopback.serve(SKELETON, db, launcher=False)),
            }
            if BEFORE:
                before_db = str(Path(tmp) / "before.duckdb")
                servers["before"] = stack.enter_context(loopback.serve_baseline(BEFORE, before_db))
            floor = stack.enter_context(loopback.serve(FLOOR, db, launcher=False))
            return asyncio.run(_measure(servers, floor))
