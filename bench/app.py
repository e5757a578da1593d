"""Dashboard speed: AppTest rerun after a slider move vs an empty script; browser latency.

- Server side: median AppTest rerun of the Bereich page after a cost-slider move (each move
  to a new value), next to the median rerun of an empty Streamlit script (the floor).
  Target: at most 2x the floor. A third figure reruns `bench/skeleton_app.py`, the page's
  required elements with fixed data and no computation, to show what the elements alone cost.
- Browser: median time from a key press on the cost slider to the updated ranking table in
  headless Chromium against a real `streamlit run`. Target: at most 500 ms.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core import settings, store
from core.scoring import area_model
from core.store import seed

Timer = Callable[[Callable[[], object]], float]
APP = str(settings.REPO_ROOT / "app.py")
SKELETON = str(Path(__file__).resolve().parent / "skeleton_app.py")


def _rerun_ms(at: AppTest, moves: list[Callable[[AppTest], object]], repeat: int) -> float:
    times = []
    for i in range(repeat):
        move = moves[i % len(moves)]
        start = time.perf_counter()
        move(at)
        times.append((time.perf_counter() - start) * 1000)
        assert not at.exception, at.exception
    return statistics.median(times)


def _slider_moves(count: int) -> list[Callable[[AppTest], object]]:
    """Moves of the cost slider to ``count`` different values, so that no cache keyed by the
    weights is hit twice within a measurement."""
    values = [10 + (i * 7) % 90 for i in range(count)]
    return [lambda at, v=v: at.slider(key="w_cost").set_value(v).run() for v in values]


def server_side(db: str, repeat: int = 60) -> list[dict[str, object]]:
    os.environ["COCKPIT_DB"] = db
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.py"
        empty.write_text("import streamlit as st\n", encoding="utf-8")
        floor_at = AppTest.from_file(str(empty), default_timeout=30).run()
        floor = _rerun_ms(floor_at, [lambda at: at.run()], repeat)
    skeleton_at = AppTest.from_file(SKELETON, default_timeout=30).run()
    skeleton = _rerun_ms(skeleton_at, _slider_moves(repeat), repeat)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(area="ozg")
    at.run()
    at.switch_page("pages/area.py").run()
    _rerun_ms(at, _slider_moves(5), 5)  # warm-up: specs, catalogue, Arrow views
    value = _rerun_ms(at, _slider_moves(repeat), repeat)
    peer = "empty Streamlit script rerun (floor)"
    return [
        {
            "name": "app rerun after slider move (Bereich, AppTest)",
            "value": value,
            "unit": "ms",
            "peer": peer,
            "peer_value": floor,
            "target": "<= 2x floor",
        },
        {
            "name": "required elements alone, no computation (AppTest)",
            "value": skeleton,
            "unit": "ms",
            "peer": peer,
            "peer_value": floor,
        },
    ]


def _flip(db: str) -> tuple[str, str, str]:
    from tests.browser.helpers import area_that_flips

    with store.connect(db) as conn:
        models = area_model.load_areas(
            conn, settings.get("horizon_years"), settings.get("discount_rate")
        )
    return area_that_flips(models)


def browser_side(db: str, presses: int = 12) -> dict[str, object] | None:
    from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, serve

    chromium = chromium_path()
    if chromium is None:
        return None
    from playwright.sync_api import expect, sync_playwright

    slug, low_top, high_top = _flip(db)
    with serve(db) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1700})
        page.goto(f"{url}/bereich?area={slug}&w_cost=0&w_citizen_value=10&w_feasibility=0")
        cell = page.locator(
            ".st-key-ranking_table tbody tr:first-child td:nth-child(2)"
        )  # the ranking's top option
        expect(cell).to_have_text(low_top, timeout=30_000)
        slider = page.locator('input[type=range][aria-label="Kosten"]')
        times = []
        for i in range(presses):
            key, want = ("End", high_top) if i % 2 == 0 else ("Home", low_top)
            slider.focus()
            start = time.perf_counter()
            slider.press(key)
            expect(cell).to_have_text(want, timeout=10_000)
            times.append((time.perf_counter() - start) * 1000)
        browser.close()
    return {
        "name": "browser: slider key press to updated ranking",
        "value": statistics.median(times),
        "unit": "ms",
        "target": "<= 500 ms",
    }


def run(timer: Timer) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.duckdb")
        with store.connect(db) as conn:
            seed.load_seed(conn)
        results = server_side(db)
        browser_db = str(Path(tmp) / "browser.duckdb")  # the AppTest run above holds db's lock
        with store.connect(browser_db) as conn:
            seed.load_seed(conn)
        browser = browser_side(browser_db)
        if browser:
            results.append(browser)
    return results
