"""Many processes on one store file (issue 17, point 5).

Each worker process opens the store, adds 1 to a cost line's investment based on the value
it loaded (an audited, optimistic edit), and closes the store again – 50 times. DuckDB alone
loses a few committed writes in such a loop; with the advisory lock none may be lost: every
reported save is in the audit trail, the data version and the final values.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from core import store
from core.cli import main
from core.store import locking, seed

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 20
EDITS = 50

_WORKER = r"""
import json, random, sys, time
import duckdb
from core import editing, store
from core.editing import auth, edits as editing_edits
from core.editing.edits import RowEdit

path, number, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = json.loads(sys.argv[4])
actor = auth.Actor(f"p{number}", auth.EDITOR)
rng = random.Random(number)
applied, conflicts, busy = {}, 0, 0
for _ in range(count):
    while True:  # a store held by another process: wait and try again, as a user would
        try:
            conn = store.connect(path)
            break
        except (duckdb.IOException, getattr(store, "StoreBusyError", duckdb.IOException)):
            busy += 1
            time.sleep(0.01)
    try:
        line = rng.choice(lines)
        row = editing_edits.current_row(conn, "cost_lines", (line,))
        before = {f.name: row[f.name] for f in editing_edits.SPECS["cost_lines"].fields}
        change = RowEdit("cost_lines", (line,), before,
                         {"investment_eur": before["investment_eur"] + 1})
        try:
            editing.save_edits(conn, actor, [change])
        except editing.EditConflict:
            conflicts += 1
        else:
            applied[line] = applied.get(line, 0) + 1
    finally:
        getattr(store, "close", lambda c: c.close())(conn)
print(json.dumps({"applied": applied, "conflicts": conflicts, "busy": busy}))
"""


def run_processes(path: str, processes: int, edits: int) -> dict[str, int]:
    """Run the workers; return reported saves, lost updates, conflicts and busy retries."""
    with seed.opened(path) as conn:
        lines = [int(i) for i in store.cost_lines(conn)["id"].head(5)]
        initial = {i: float(v) for i, v in _investments_of(conn).items() if i in lines}
        start_version = store.data_version(conn)[0]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, path, str(n), str(edits), json.dumps(lines)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(processes)
    ]
    applied: Counter[int] = Counter()
    conflicts = busy = 0
    for worker in workers:
        out, err = worker.communicate(timeout=900)
        assert worker.returncode == 0, err[-2000:]
        report = json.loads(out.strip().splitlines()[-1])
        applied.update({int(k): v for k, v in report["applied"].items()})
        conflicts += report["conflicts"]
        busy += report["busy"]
    with seed.opened(path, read_only=True) as conn:
        final = _investments_of(conn)
        audited = conn.execute(
            "SELECT count(*) FROM audit_log WHERE entity = 'cost_lines' "
            "AND field = 'investment_eur'"
        ).fetchone()[0]
        version = store.data_version(conn)[0]
    reported = sum(applied.values())
    lost_values = sum(int(initial[i] + applied[i] - final[i]) for i in lines)
    return {
        "reported": reported,
        "conflicts": conflicts,
        "busy_retries": busy,
        "lost_by_value": lost_values,
        "lost_by_audit": reported - audited,
        "lost_by_version": start_version + reported - version,
    }


def _investments_of(conn) -> dict[int, float]:
    frame = store.cost_lines(conn)
    return {int(i): float(v) for i, v in zip(frame["id"], frame["investment_eur"], strict=True)}


def test_twenty_processes_times_fifty_edits_lose_no_update(tmp_path) -> None:
    found = run_processes(str(tmp_path / "c.duckdb"), PROCESSES, EDITS)
    print(f"\nprocesses: {PROCESSES} x {EDITS}: {found}")
    assert found["reported"] + found["conflicts"] == PROCESSES * EDITS
    assert found["reported"] > 0
    assert found["lost_by_value"] == 0
    assert found["lost_by_audit"] == 0
    assert found["lost_by_version"] == 0


_HOLDER = r"""
import sys, time
from core import store
conn = store.connect(sys.argv[1])
print("held", flush=True)
time.sleep(float(sys.argv[2]))
store.close(conn)
"""


def _hold(path: str, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, path, str(seconds)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


@pytest.fixture
def seeded(tmp_path) -> str:
    path = str(tmp_path / "s.duckdb")
    with seed.opened(path):
        pass
    return path


def test_a_store_held_elsewhere_is_a_german_message_with_exit_2(seeded, capsys, monkeypatch):
    monkeypatch.setenv("COCKPIT_STORE_WAIT", "0.5")
    holder = _hold(seeded, 30)
    try:
        for command in (["areas"], ["rank-area", "ozg"], ["seed"]):
            assert main(["--db", seeded, *command]) == 2
            err = capsys.readouterr().err
            assert "wird gerade von einem anderen Programm benutzt" in err, err
            assert "PID" not in err and "Traceback" not in err and "IO Error" not in err
    finally:
        holder.kill()
        holder.wait()


def test_a_command_waits_for_a_store_that_is_released_soon(seeded, capsys, monkeypatch):
    monkeypatch.setenv("COCKPIT_STORE_WAIT", "20")
    holder = _hold(seeded, 1.5)
    try:
        started = time.monotonic()
        assert main(["--db", seeded, "areas", "--format", "json"]) == 0
        assert time.monotonic() - started >= 0.5
        assert "ozg" in capsys.readouterr().out
    finally:
        holder.wait()


def test_read_only_commands_run_side_by_side(seeded) -> None:
    """Two read-only openings of one file at once (DuckDB allows several readers)."""
    first = store.connect(seeded, read_only=True, wait=0)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "core", "--db", seeded, "areas", "--format", "json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "COCKPIT_STORE_WAIT": "0"},
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
    finally:
        first.close()


def test_a_writing_connection_holds_the_advisory_lock_until_closed(seeded) -> None:
    conn = store.connect(seeded)
    assert locking.held_here(seeded)
    second = store.connect(seeded)  # same process: shares the lock, no self-deadlock
    store.close(conn)
    assert locking.held_here(seeded)
    store.close(second)
    assert not locking.held_here(seeded)


def test_the_wait_setting_is_validated(monkeypatch) -> None:
    from core import settings
    from core.errors import InputError

    monkeypatch.setenv("COCKPIT_STORE_WAIT", "-1")
    with pytest.raises(InputError):
        settings.get("store_wait_seconds")


def test_app_servers_on_postgresql_lose_no_update(pg_schema_url: str) -> None:
    """The same loop against one PostgreSQL database: the processes stand for several app
    servers. The process-wide write lock does not reach across them; the door's advisory
    transaction lock on the schema does (core.store.transactions)."""
    found = run_processes(pg_schema_url, 8, 40)
    print(f"\nPostgreSQL processes: 8 x 40: {found}")
    assert found["reported"] + found["conflicts"] == 8 * 40
    assert found["reported"] > 0
    assert found["lost_by_value"] == 0
    assert found["lost_by_audit"] == 0
    assert found["lost_by_version"] == 0
