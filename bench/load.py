"""Load: several app servers on one PostgreSQL, many sessions, editors saving at once.

Two runs of the same client load, one after the other, on loopback only:

- **PostgreSQL**: ``LOAD_SERVERS`` (2) app servers started by ``scripts/serve-cluster.sh``
  against a throwaway PostgreSQL (``tests/pg_server.py``);
- **DuckDB**: the same app on one server with a DuckDB file (the single-city install), as
  the baseline.

The load, for ``LOAD_SECONDS`` (default 60; the issue's figure is 300):

- ``LOAD_SESSIONS`` (20) sessions *per PostgreSQL server* (the same total on the single
  DuckDB server) on the page Bereich move a weight slider, each waiting for its run, then
  thinking 0.5–1.5 s (``LOAD_THINK_S`` = 1.0 on average) before the next move;
- ``LOAD_EDITORS`` (5) editors, spread over the servers, signed in with a password, each
  in a loop: load the cost lines of one area (a run of the page Daten), add 1 to the
  investment of one of its first three lines (a data-editor edit), save, and on a
  conflict discard and load again; 1–3 s between saves. Three lines for five editors
  on two servers: conflicts are meant to happen.

Counted: **errors** (an exception element, a run that does not finish within 60 s, a
failed connection) and **lost updates**, checked three ways after the run: every save an
editor saw confirmed is in the audit trail (``lost_by_audit``); each line's final
investment is its start plus its confirmed saves (``lost_by_value``); and the audit chain of
each line has no gap – every entry's old value is the previous entry's new value
(``broken_chain``: two saves built on the same loaded value). Reported: p50/p95 of the
slider runs and of the editors' save runs, moves and saves per second, conflicts, and the
load average before and after. Targets: errors 0, lost updates 0.

``LOAD_ROUNDS`` (default 1, at most 5) repeats the pair, the order alternating, and reports
median (min–max) per figure with the per-round ratio PostgreSQL / DuckDB.

``python -m bench load`` (or ``make bench``); bounded: at most 50 sessions per server, 10
editors, 600 s per run.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench import loopback
from core import editing, store
from core.store import pg, seed
from tests.app_client import AppError, AppSession, editor_state
from tests.deploy.cluster import PASSWORD, cluster, write_secrets
from tests.pg_server import PgServer

SECONDS = min(float(os.environ.get("LOAD_SECONDS", "60")), 600.0)
SERVERS = min(int(os.environ.get("LOAD_SERVERS", "2")), 4)
SESSIONS = min(int(os.environ.get("LOAD_SESSIONS", "20")), 50)
EDITORS = min(int(os.environ.get("LOAD_EDITORS", "5")), 10)
THINK_S = float(os.environ.get("LOAD_THINK_S", "1.0"))
ROUNDS = min(int(os.environ.get("LOAD_ROUNDS", "1")), 5)
MOVE_AREA = "ozg"  # the Bereich page the sessions weigh
AREA = "homepage"  # the area whose cost lines the editors change (first on the page Daten)
LINES = 3  # editors pick one of the area's first cost lines
REPORT = Path(__file__).resolve().parent.parent / "bench-load.json"


@dataclass
class Tally:
    moves: list[float] = field(default_factory=list)  # ms per slider run
    saves: list[float] = field(default_factory=list)  # ms per save run
    loads: list[float] = field(default_factory=list)  # ms per editor load run
    confirmed: Counter[int] = field(default_factory=Counter)  # cost line id -> saves
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Window:
    """The measured window: it opens when every session has opened (or failed to), so the
    start-up of 45 sessions is not part of the figures, and lasts ``SECONDS``."""

    def __init__(self, expected: int) -> None:
        self.expected = expected
        self.arrived = 0
        self.go = asyncio.Event()
        self.deadline = 0.0

    async def start(self) -> None:
        self.arrived += 1
        if self.arrived >= self.expected:
            self.deadline = time.monotonic() + SECONDS
            self.go.set()
        await self.go.wait()

    def open(self) -> bool:
        return time.monotonic() < self.deadline


OPEN_TIMEOUT_S = 180.0  # opening 45 sessions at once on a busy machine
RUN_TIMEOUT_S = 60.0  # a move or a save that takes longer is an error


async def _mover(url: str, tally: Tally, window: Window, rng: random.Random) -> None:
    session = AppSession(url, "bereich", f"area={MOVE_AREA}", timeout=OPEN_TIMEOUT_S, decode=False)
    opened = False
    try:
        try:
            await session.open()
            opened = True
        except (AppError, OSError, TimeoutError) as exc:
            tally.errors.append(f"open: {exc}"[:300])
        session.timeout = RUN_TIMEOUT_S
        await window.start()
        while opened and window.open():
            try:
                tally.moves.append(await session.send({"w_cost": float(rng.randint(5, 95))}))
            except (AppError, OSError, TimeoutError) as exc:
                tally.errors.append(f"move: {exc}"[:300])
                return
            await asyncio.sleep(rng.uniform(0.5, 1.5) * THINK_S)
    finally:
        with contextlib.suppress(Exception):
            await session.close()


def _cost_editor(session: AppSession) -> tuple[str, object]:
    keys = [k for k in session.frames if k.startswith(f"edit_cost_lines_{AREA}_")]
    if len(keys) != 1:
        raise AppError(f"cost line editor not found: {sorted(session.frames)}")
    return keys[0], session.frames[keys[0]]


async def _sign_in(session: AppSession, user: str) -> None:
    await session.open()
    await session.send({"_login_open": True})
    await session.send({"login_user": user, "login_password": PASSWORD, "login_submit": True})
    await session.send({"data_edit": True})  # the first area of the page: AREA


async def _editor(url: str, user: str, tally: Tally, window: Window, rng: random.Random) -> None:
    session = AppSession(url, "daten", "", timeout=OPEN_TIMEOUT_S)
    saved = editing_text("edit_saved_prefix")
    conflict = editing_text("edit_conflict_header")
    opened = False
    try:
        try:
            await _sign_in(session, user)
            opened = True
        except (AppError, OSError, TimeoutError) as exc:
            tally.errors.append(f"editor {user} sign-in: {exc}"[:300])
        session.timeout = RUN_TIMEOUT_S
        await window.start()
        while opened and window.open():
            tally.loads.append(await session.rerun())
            key, frame = _cost_editor(session)
            row = rng.randrange(LINES)
            line = int(frame["id"].iloc[row])  # type: ignore[index]
            value = float(frame["investment_eur"].iloc[row])  # type: ignore[index]
            await session.send({key: editor_state({row: {"investment_eur": value + 1}})})
            tally.saves.append(await session.send({f"save_cost_lines_{AREA}": True}))
            if any(text.startswith(saved) for text in session.texts):
                tally.confirmed[line] += 1
            elif session.shows(conflict):
                tally.conflicts += 1
                await session.send({f"discard_cost_lines_{AREA}": True})
            else:
                raise AppError(f"neither saved nor a conflict: {session.texts[-5:]}")
            await asyncio.sleep(rng.uniform(1.0, 3.0))
    except (AppError, OSError, TimeoutError) as exc:
        tally.errors.append(f"editor {user}: {exc}"[:300])
    finally:
        with contextlib.suppress(Exception):
            await session.close()


def editing_text(key: str) -> str:
    from core import i18n

    if key == "edit_saved_prefix":  # "Gespeichert: {count} …" without the numbers
        return i18n.t("edit_saved", count=2, version=0).split(":")[0] + ":"
    return i18n.t(key)


async def _drive(urls: list[str], sessions_per_server: int, editors: list[str]) -> Tally:
    tally = Tally()
    window = Window(len(urls) * sessions_per_server + len(editors))
    tasks = []
    for index, url in enumerate(urls):
        for n in range(sessions_per_server):
            tasks.append(_mover(url, tally, window, random.Random(index * 1000 + n)))
    for n, user in enumerate(editors):
        tasks.append(_editor(urls[n % len(urls)], user, tally, window, random.Random(n)))
    await asyncio.gather(*tasks)
    return tally


def _investments(conn: store.Connection) -> dict[int, float]:
    frame = store.cost_lines(conn, AREA)
    return {int(i): float(v) for i, v in zip(frame["id"], frame["investment_eur"], strict=True)}


def _lost(conn: store.Connection, before: dict[int, float], tally: Tally) -> dict[str, int]:
    after = _investments(conn)
    lost_by_value = sum(
        int(round(before[line] + tally.confirmed[line] - after[line])) for line in before
    )
    rows = conn.execute(
        "SELECT entity_key, old_value, new_value FROM audit_log WHERE entity = 'cost_lines'"
        " AND field = 'investment_eur' AND actor LIKE 'last%' ORDER BY id"
    ).fetchall()
    broken, last = 0, {}
    for key, old, new in rows:
        if key in last and editing.decode_audit_value(old) != last[key]:
            broken += 1
        last[key] = editing.decode_audit_value(new)
    return {
        "lost_by_audit": sum(tally.confirmed.values()) - len(rows),
        "lost_by_value": lost_by_value,
        "broken_chain": broken,
    }


def _summary(name: str, tally: Tally, lost: dict[str, int], load: tuple) -> dict[str, object]:
    return {
        "run": name,
        "seconds": SECONDS,
        "moves": len(tally.moves),
        "moves_per_s": len(tally.moves) / SECONDS,
        "move_p50_ms": _pct(tally.moves, 0.5),
        "move_p95_ms": _pct(tally.moves, 0.95),
        "saves": sum(tally.confirmed.values()),
        "conflicts": tally.conflicts,
        "save_p50_ms": _pct(tally.saves, 0.5),
        "save_p95_ms": _pct(tally.saves, 0.95),
        "editor_load_p95_ms": _pct(tally.loads, 0.95),
        "errors": len(tally.errors),
        "error_samples": tally.errors[:5],
        **lost,
        "loadavg_before": load[0],
        "loadavg_after": load[1],
    }


def _editors() -> list[str]:
    return [f"last{n}" for n in range(EDITORS)]


def run_postgresql() -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="cockpit-load-") as tmp, PgServer() as server:
        secrets = write_secrets(Path(tmp) / "secrets.toml", _editors())
        with cluster(server.url, secrets, SERVERS, log=Path(tmp) / "cluster.log") as urls:
            with store.connect(server.url) as conn:
                before = _investments(conn)
            loadavg = os.getloadavg()
            tally = asyncio.run(_drive(urls, SESSIONS, _editors()))
            loadavg_after = os.getloadavg()
            with store.connect(server.url) as conn:
                lost = _lost(conn, before, tally)
        pg.close_pool(server.url)
    return _summary(f"PostgreSQL, {SERVERS} servers", tally, lost, (loadavg, loadavg_after))


@contextlib.contextmanager
def _one_server(db: str, secrets: Path) -> Iterator[str]:
    with loopback.serve("app.py", db, extra=["--secrets.files", str(secrets)]) as server:
        yield server.url


def run_duckdb() -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="cockpit-load-") as tmp:
        db = str(Path(tmp) / "load.duckdb")
        with seed.opened(db) as conn:
            before = _investments(conn)
        secrets = write_secrets(Path(tmp) / "secrets.toml", _editors())
        with _one_server(db, secrets) as url:
            loadavg = os.getloadavg()
            tally = asyncio.run(_drive([url], SESSIONS * SERVERS, _editors()))
            loadavg_after = os.getloadavg()
        with seed.opened(db, read_only=True) as conn:
            lost = _lost(conn, before, tally)
    return _summary("DuckDB, 1 server", tally, lost, (loadavg, loadavg_after))


METRICS = (
    ("move_p50_ms", "ms"),
    ("move_p95_ms", "ms"),
    ("save_p50_ms", "ms"),
    ("save_p95_ms", "ms"),
    ("moves_per_s", "1/s"),
    ("saves", "n"),
    ("conflicts", "n"),
    ("errors", "n"),
    ("lost_by_audit", "n"),
    ("lost_by_value", "n"),
    ("broken_chain", "n"),
)
TARGET_ZERO = ("errors", "lost_by_audit", "lost_by_value", "broken_chain")


def run(timer: Callable[..., float] | None = None) -> list[dict[str, object]]:
    """``LOAD_ROUNDS`` rounds (default 1), each one PostgreSQL and one DuckDB run, the
    order alternating; per figure the median (min–max) over the rounds and the per-round
    ratio PostgreSQL / DuckDB."""
    del timer  # a load run is its own measurement
    pairs = []
    for index in range(ROUNDS):
        order = (run_postgresql, run_duckdb) if index % 2 == 0 else (run_duckdb, run_postgresql)
        first, second = (each() for each in order)
        on_pg, on_duck = (first, second) if index % 2 == 0 else (second, first)
        for each in (on_pg, on_duck):
            print(json.dumps({"round": index + 1, **each}, ensure_ascii=False), flush=True)
        pairs.append((on_pg, on_duck))
    REPORT.write_text(json.dumps(pairs, indent=2), encoding="utf-8")
    label = f"load {SERVERS}x{SESSIONS}+{EDITORS} ed., {SECONDS:.0f}s"
    rows: list[dict[str, object]] = []
    for metric, unit in METRICS:
        ours = [float(p[metric]) for p, _ in pairs]  # type: ignore[arg-type]
        theirs = [float(d[metric]) for _, d in pairs]  # type: ignore[arg-type]
        row: dict[str, object] = {
            "name": f"{label}: {metric} (PostgreSQL, {SERVERS} servers)",
            "value": statistics.median(ours),
            "min": min(ours),
            "max": max(ours),
            "unit": unit,
            "rounds": len(pairs),
            "peer": "DuckDB 1 server",
            "peer_value": statistics.median(theirs),
            "peer_min": min(theirs),
            "peer_max": max(theirs),
        }
        ratios = [a / b for a, b in zip(ours, theirs, strict=True) if b]
        if ratios and metric not in TARGET_ZERO:
            row.update(
                ratio=statistics.median(ratios), ratio_min=min(ratios), ratio_max=max(ratios)
            )
        if metric in TARGET_ZERO:
            row["target"] = "0"
        rows.append(row)
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
