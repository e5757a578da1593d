"""20 threads × 50 edits through the write door, on one shared row and on rows of their own:
no lost update (the audit trail of the shared row is an unbroken chain old → new), every
saved change audited exactly once, every refused edit reported as a conflict."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from core import editing, store

THREADS, EDITS = 20, 50
SHARED_THREADS = 10  # threads 0–9 edit the same row, 10–19 one row each


@pytest.fixture(autouse=True)
def pool_for_every_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL each thread's cursor is a pooled connection that it holds for the whole
    run, and the test's own connection holds one more. With fewer connections than that, the
    threads that got one wait at the start barrier for those that never will (the hang seen
    before this setting existed). Set before the ``conn`` fixture opens the pool."""
    monkeypatch.setenv("COCKPIT_PG_POOL_SIZE", str(THREADS + 2))


def _partner(cur: store.Connection, option: str) -> str:
    return cur.execute("SELECT partner FROM options WHERE id = ?", [option]).fetchone()[0]


def test_twenty_threads_fifty_edits_no_lost_update(conn) -> None:
    options = [r[0] for r in conn.execute("SELECT id FROM options ORDER BY id LIMIT 11").fetchall()]
    shared, own = options[0], options[1:]
    outcomes: Counter[str] = Counter()
    saved: list[tuple[str, str]] = []
    failures: list[BaseException] = []
    guard = threading.Lock()
    start = threading.Barrier(THREADS, timeout=60)  # a thread that cannot start fails, no hang

    def run(n: int) -> None:
        actor = editing.Actor(f"editor-{n:02d}", editing.EDITOR)
        row = shared if n < SHARED_THREADS else own[n - SHARED_THREADS]
        try:
            cur = conn.cursor()
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
            start.abort()
            return
        try:
            start.wait()
            for j in range(EDITS):
                loaded = _partner(cur, row)
                value = f"t{n:02d}-e{j:02d}"
                try:
                    editing.save_edits(
                        cur,
                        actor,
                        [
                            editing.RowEdit(
                                "options", (row,), {"partner": loaded}, {"partner": value}
                            )
                        ],
                    )
                except editing.EditConflict as exc:
                    assert exc.conflicts[0].field == "partner"
                    with guard:
                        outcomes["conflict"] += 1
                    continue
                with guard:
                    outcomes["saved"] += 1
                    saved.append((row, value))
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            cur.close()

    workers = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not failures, failures[:3]
    assert outcomes["saved"] + outcomes["conflict"] == THREADS * EDITS

    log = editing.audit_entries(conn, entity="options")
    log = log[log["field"] == "partner"].sort_values("id")
    # every saved change is in the audit trail exactly once, nothing else is
    audited = Counter(
        (key, editing.decode_audit_value(new))
        for key, new in zip(log["entity_key"], log["new_value"], strict=True)
    )
    assert audited == Counter(saved)
    # no lost update: per row the entries form one chain, and the store holds its end
    for row in options:
        chain = log[log["entity_key"] == row]
        olds = [editing.decode_audit_value(v) for v in chain["old_value"]]
        news = [editing.decode_audit_value(v) for v in chain["new_value"]]
        assert olds[1:] == news[:-1], row
        if news:
            assert _partner(conn, row) == news[-1]
    # versions: one per saved change, strictly increasing in audit order
    versions = log["data_version"].tolist()
    assert versions == sorted(set(versions)) and len(versions) == outcomes["saved"]
    # rows of their own never conflict; the shared row does (ten writers race)
    own_saved = sum(1 for row, _ in saved if row != shared)
    assert own_saved == (THREADS - SHARED_THREADS) * EDITS
    assert outcomes["conflict"] > 0
    print(
        f"\n20×50 edits: saved {outcomes['saved']}, conflicts {outcomes['conflict']},"
        f" shared row saved {outcomes['saved'] - own_saved}"
    )
