"""Shared browser checks: wait for a finished run, read the Vega SVG, measure overflow."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from typing import Any

from core.scoring import area_model
from core.scoring.weightset import WeightSet

RENDERED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  // Widgets whose code is still loading show a skeleton in their place.
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  return Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
    .filter(chart => chart.offsetParent !== null)  // charts in a hidden tab draw when shown
    .every(chart => chart.querySelector('svg g[class*="mark-"]'));
}"""

# Every text of every Vega chart: content, its box, its chart's box, and the viewport width.
CHART_TEXTS = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"] svg'))
  .flatMap((svg, chart) => {
    const frame = svg.getBoundingClientRect();
    return Array.from(svg.querySelectorAll('text')).map(text => {
      const box = text.getBoundingClientRect();
      const group = text.closest('g[class*="role-"]');
      return {chart, text: text.textContent, role: group ? group.getAttribute('class') : '',
              left: box.left, right: box.right, top: box.top, bottom: box.bottom,
              frameLeft: frame.left, frameRight: frame.right, viewport: window.innerWidth};
    });
  })"""

OVERFLOW = """() => {
  const boxes = ['stMain', 'stAppViewContainer', 'stMainBlockContainer']
    .map(id => document.querySelector(`[data-testid="${id}"]`)).filter(Boolean);
  const root = document.scrollingElement || document.documentElement;
  return [root, ...boxes].map(e => e.scrollWidth - e.clientWidth);
}"""


def wait_rendered(page: Any) -> None:
    """Wait until the script run has finished and every chart has drawn its marks."""
    page.wait_for_selector(
        '[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]', state="attached"
    )
    page.wait_for_function(RENDERED)


def chart_texts(page: Any) -> list[dict[str, Any]]:
    return page.evaluate(CHART_TEXTS)


def horizontal_overflow(page: Any) -> int:
    """Pixels by which the page or Streamlit's scrolling containers are wider than shown."""
    return max(page.evaluate(OVERFLOW))


def area_that_flips(models: dict[str, area_model.AreaModel]) -> tuple[str, str, str]:
    """From the data: an area whose top option changes when the cost weight goes from 0 to
    100 with citizen value at 10 — (slug, top before, top after)."""
    before = WeightSet({"cost": 0, "citizen_value": 10, "feasibility": 0})
    after = WeightSet({"cost": 100, "citizen_value": 10, "feasibility": 0})
    for slug, model in models.items():
        a = area_model.rank_area(model, before).iloc[0]["option"]
        b = area_model.rank_area(model, after).iloc[0]["option"]
        if a != b:
            return slug, a, b
    raise AssertionError("seed data: no area where the cost weight changes the top option")


def wait_healthy(process: subprocess.Popen[bytes], url: str, timeout_s: float = 60) -> None:
    """Wait until the Streamlit server at ``url`` answers its health check; kill it and raise
    with the end of its stderr if it exits or does not answer in time (tests and bench)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.read().decode() == "ok":
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"streamlit did not start: {process.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
