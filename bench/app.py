"""Dashboard speed in AppTest and in a real browser, each next to the skeleton.

`bench/skeleton_app.py` draws the app's elements with fixed data and no computation; whatever
the app costs beyond it is its own work. Every figure is measured in interleaved rounds
(bench/harness.py): min/median/max and the per-round ratio to its baseline.

- AppTest: the Bereich page's rerun after a slider move (the weights fragment) against the
  skeleton's Bereich (the whole script), and the skeleton against an empty script.
- Browser: headless Chromium, the app and the skeleton each on its own real server on
  loopback (both through ``ui.launch``): a key press on the cost slider until the ranking
  table shows the new top option (target: at most 1.15x the skeleton), and a click on the
  navigation until the other page has run and drawn its charts (target: at most 1.3x the
  skeleton). The skeleton's charts get new data and its ranking table reorders its rows on a
  key press as the app's do; a fourth tab on the same skeleton server keeps its charts still
  and changes only the table's first option (``?still=1``, the skeleton of the earlier
  figures) and the key press is reported against it as well.

With ``BENCH_BEFORE=<dir>`` (an export of a baseline commit) the browser part also serves
that checkout of the app (on a store seeded by its own code) in a third tab, in the same rounds.

The server's own cost under load (websocket clients, CPU per rerun) is `bench/server.py`.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from bench import harness
from core import settings
from core.scoring import area_model
from core.store import seed

Timer = Callable[[Callable[[], object]], float]
APP = str(settings.REPO_ROOT / "app.py")
SKELETON = str(Path(__file__).resolve().parent / "skeleton_app.py")
SKELETON_TOPS = ("Skelett A", "Skelett B")  # bench/skeleton_app.py TOP_LOW, TOP_HIGH
STILL = "skeleton, all still"  # its tab with ?still=1: still charts, table barely changes
BEFORE = os.environ.get("BENCH_BEFORE")


_moves = iter(range(10**9))


def _moves_ms(at: AppTest, count: int, *, redraw: bool) -> float:
    """Median ms of ``count`` moves of the weight sliders, each to weights not sent before
    (the cost and feasibility weights change every time, as in ``loopback.next_weights``),
    so that no cache keyed by the weights is hit.

    ``redraw``: after a move that reran only the weights fragment AppTest holds only the
    fragment's elements; an untimed whole run brings the sliders back for the next move."""
    times = []
    for _ in range(count):
        n = next(_moves)
        at.slider(key="w_feasibility").set_value(10 + (n + n // 90) % 90)
        slider = at.slider(key="w_cost").set_value(10 + n % 90)
        start = time.perf_counter()
        slider.run()
        times.append((time.perf_counter() - start) * 1000)
        assert not at.exception, at.exception
        if redraw:
            at.run()
    return statistics.median(times)


def _runs_ms(at: AppTest, count: int) -> float:
    times = []
    for _ in range(count):
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def server_side(db: str, rounds: int = 5, batch: int = 10) -> list[dict[str, object]]:
    """AppTest reruns after a slider move: the Bereich page (its weights fragment), the
    skeleton's Bereich (the whole script), an empty script; interleaved rounds of ``batch``
    moves each, the round's median."""
    os.environ["COCKPIT_DB"] = db
    os.environ["SKELETON_AREA_FIRST"] = "1"  # for this process's AppTest runs only
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.py"
        empty.write_text("import streamlit as st\n", encoding="utf-8")
        floor_at = AppTest.from_file(str(empty), default_timeout=30).run()
        skeleton_at = AppTest.from_file(SKELETON, default_timeout=30).run()
        at = AppTest.from_file(APP, default_timeout=30)
        at.query_params.update(area="ozg")
        at.run()
        at.switch_page("pages/area.py").run()
        samples = harness.interleaved(
            {
                "app": lambda: _moves_ms(at, batch, redraw=True),
                "skeleton": lambda: _moves_ms(skeleton_at, batch, redraw=False),
                "floor": lambda: _runs_ms(floor_at, batch),
            },
            rounds=rounds,
        )
    del os.environ["SKELETON_AREA_FIRST"]
    return [
        harness.figure(
            "app rerun after slider move (Bereich, AppTest)",
            "ms",
            samples["app"],
            "skeleton Bereich (AppTest)",
            samples["skeleton"],
        ),
        harness.figure(
            "skeleton rerun after slider move (AppTest)",
            "ms",
            samples["skeleton"],
            "empty Streamlit script rerun (floor)",
            samples["floor"],
        ),
    ]


def _flip(db: str) -> tuple[str, str, str]:
    from tests.browser.helpers import area_that_flips

    with seed.opened(db, read_only=True) as conn:
        models = area_model.load_areas(
            conn, settings.get("horizon_years"), settings.get("discount_rate")
        )
    return area_that_flips(models)


NAV = '[data-testid="stSidebarNav"] a'


def _press_ms(page: Any, cell: Any, key: str, want: str) -> float:
    from playwright.sync_api import expect

    slider = page.locator('input[type=range][aria-label="Kosten"]')
    slider.focus()
    start = time.perf_counter()
    slider.press(key)
    expect(cell).to_have_text(want, timeout=30_000)
    return (time.perf_counter() - start) * 1000


def _switch_ms(page: Any, title: str, ready: Callable[[], object]) -> float:
    """Click the navigation link ``title``; ms until ``ready`` (the new page's own element is
    shown), the run has finished, nothing is stale and every chart has drawn."""
    from tests.browser.helpers import RENDERED

    link = page.locator(NAV, has_text=title).first
    start = time.perf_counter()
    link.click()
    ready()
    page.wait_for_function(RENDERED, timeout=30_000)
    return (time.perf_counter() - start) * 1000


def browser_side(db: str, rounds: int = 5, presses: int = 6) -> list[dict[str, object]]:
    """Key press to updated ranking table, and page switch Bereich → Übersicht → Bereich, in
    headless Chromium: the app and the skeleton each on its own real server, one tab each,
    measured in interleaved rounds (each round: ``presses`` key presses, alternating End and
    Home, and one switch each way; the round's median)."""
    from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

    chromium = chromium_path()
    if chromium is None:
        return []
    from playwright.sync_api import expect, sync_playwright

    from bench import loopback
    from tests.browser.helpers import RENDERED

    slug, low_top, high_top = _flip(db)
    tops = {"app": (low_top, high_top), "before": (low_top, high_top)}
    tops |= dict.fromkeys(("skeleton", STILL), SKELETON_TOPS)
    query = f"area={slug}&w_cost=0&w_citizen_value=10&w_feasibility=0"
    with contextlib.ExitStack() as stack:
        skeleton = stack.enter_context(loopback.serve(SKELETON, db, launcher=False))
        servers = {
            "app": stack.enter_context(loopback.serve("app.py", db)),
            "skeleton": skeleton,
            STILL: skeleton,  # the same server; the tab's first address says still=1
        }
        if BEFORE:  # its key press is expected to flip to this checkout's tops (same seed data)
            before_db = str(Path(db).with_name("before.duckdb"))
            servers["before"] = stack.enter_context(loopback.serve_baseline(BEFORE, before_db))
        which_all = list(servers)
        press: dict[str, list[float]] = {w: [] for w in which_all}
        to_overview: dict[str, list[float]] = {w: [] for w in which_all}
        to_area: dict[str, list[float]] = {w: [] for w in which_all}
        pw = stack.enter_context(sync_playwright())
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        pages = {}
        for which, server in servers.items():
            page = browser.new_page(viewport={"width": 1400, "height": 1700}, locale="de-DE")
            page.goto(f"{server.url}/bereich?{query}" + ("&still=1" if which == STILL else ""))
            cell = page.locator(  # both draw the ranking as the same HTML table
                ".st-key-ranking_table tbody tr:first-child td:nth-child(2)"
            ).first
            expect(cell).to_have_text(tops[which][0], timeout=60_000)
            page.wait_for_function(RENDERED, timeout=60_000)
            pages[which] = (page, cell)
        for r in range(1 + rounds):  # the first round warms up and is not kept
            for which in which_all[r % len(which_all) :] + which_all[: r % len(which_all)]:
                page, cell = pages[which]
                page.bring_to_front()  # a tab in the background may be throttled
                low, high = tops[which]
                times = [
                    _press_ms(page, cell, *(("End", high) if i % 2 == 0 else ("Home", low)))
                    for i in range(presses)
                ]
                metric = page.locator('[data-testid="stMetric"]').first

                def on_overview(metric: Any = metric) -> None:
                    expect(metric).to_be_visible(timeout=30_000)

                def on_area(metric: Any = metric, cell: Any = cell, low: str = low) -> None:
                    expect(metric).to_have_count(0, timeout=30_000)
                    expect(cell).to_have_text(low, timeout=30_000)

                overview = _switch_ms(page, "Übersicht", on_overview)
                area = _switch_ms(page, "Bereich", on_area)
                if r:
                    press[which].append(statistics.median(times))
                    to_overview[which].append(overview)
                    to_area[which].append(area)
        browser.close()
    skeleton_peer = "skeleton served the same way"
    results = [
        harness.figure(
            "browser: slider key press to updated ranking table [vs skeleton, all still]",
            "ms",
            press["app"],
            "skeleton whose charts keep their data and table its rows",
            press[STILL],
        ),
        harness.figure(
            "browser: skeleton key press, charts and table following vs all still",
            "ms",
            press["skeleton"],
            "skeleton whose charts keep their data and table its rows",
            press[STILL],
        ),
    ]
    for name, values, target in (
        ("browser: slider key press to updated ranking table", press, "<= 1.15x skeleton"),
        ("browser: page switch Bereich to Übersicht, rendered", to_overview, "<= 1.3x skeleton"),
        ("browser: page switch Übersicht to Bereich, rendered", to_area, "<= 1.3x skeleton"),
    ):
        results.append(
            harness.figure(name, "ms", values["app"], skeleton_peer, values["skeleton"], target)
        )
        if "before" in values:
            results.append(
                harness.figure(
                    f"{name} [before]", "ms", values["before"], skeleton_peer, values["skeleton"]
                )
            )
            results.append(
                harness.figure(
                    f"{name} [after vs before]", "ms", values["app"], "before", values["before"]
                )
            )
    return results


def run(timer: Timer) -> list[dict[str, object]]:
    from bench import loopback

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.duckdb")
        loopback.seeded_store(db)
        results = server_side(db)
        browser_db = str(Path(tmp) / "browser.duckdb")  # the AppTest run above holds db's lock
        loopback.seeded_store(browser_db)
        results.extend(browser_side(browser_db))
    return results
