"""Quick arrow-key presses on a slider whose move reruns the whole app (a group slider on a
page whose content reads the weights outside the weights fragment; a sub-criterion slider,
which sits outside every fragment): every press counts.

Every full run used to write the panel's keys back to themselves, so Streamlit sent the
sliders with the server's value for the browser to show; that value, from a run started
before the latest presses, set the slider back: fifteen presses moved it by twelve to
fourteen. Now only the keys of widgets a run does not draw are written back (ui.kept); the
deterministic check of that is tests/ui/test_weights_fragment.py."""

from __future__ import annotations

import pytest

from tests.browser.helpers import wait_rendered

pytestmark = pytest.mark.browser

WAIT_MS = 90_000  # a bound on waiting on a busy shared machine, not a timed assertion
START = 33
PRESSES = 15
PRESS_GAP_MS = 40  # a user holding or tapping an arrow key

# The app has finished every run and the link carries the value the cost slider shows.
SETTLED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  const slider = document.querySelector('input[type=range][aria-label="Kosten"]');
  const linked = new URLSearchParams(window.location.search).get('w_cost');
  return slider !== null && linked === slider.value;
}"""


@pytest.mark.parametrize("path", ["/sensitivitaet", "/methodik"])
def test_quick_arrow_presses_all_move_the_slider(server: str, page, path: str) -> None:
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server}{path}?w_cost={START}&w_citizen_value=10&w_feasibility=10")
    wait_rendered(page)
    slider = page.locator('input[type=range][aria-label="Kosten"]')
    assert slider.input_value() == str(START)
    slider.focus()
    for _ in range(PRESSES):
        page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(PRESS_GAP_MS)  # the pace of the presses, not a synchronisation
    page.wait_for_function(SETTLED)
    wait_rendered(page)
    expected = str(START - PRESSES)
    assert slider.input_value() == expected
    assert f"w_cost={expected}" in page.url


@pytest.mark.parametrize("path", ["/sensitivitaet", "/methodik"])
def test_quick_arrow_presses_all_move_a_sub_criterion_slider(server: str, page, path: str) -> None:
    """The sub-criterion sliders sit outside every fragment: each press reruns the whole app,
    which used to send them back with the server's (older) value every time (one run in
    four lost presses on /methodik)."""
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server}{path}?w_cost={START}&w_citizen_value=10&w_feasibility=10")
    wait_rendered(page)
    page.get_by_text("Unterkriterien gewichten").click()
    wait_rendered(page)
    slider = page.locator('[data-testid="stExpander"] input[type=range]').first
    start = int(slider.input_value())
    key = "s_npv_cost"
    assert slider.get_attribute("aria-label").startswith("Kosten-Barwert")
    slider.focus()
    for _ in range(PRESSES):
        page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(PRESS_GAP_MS)  # the pace of the presses, not a synchronisation
    expected = str(start - PRESSES)
    page.wait_for_function(
        """(key) => {
          const app = document.querySelector('[data-testid="stApp"]');
          if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
          if (document.querySelector('[data-stale="true"]')) return false;
          const slider = document.querySelector('[data-testid="stExpander"] input[type=range]');
          const linked = new URLSearchParams(window.location.search).get(key);
          return slider !== null && linked === slider.value;
        }""",
        arg=key,
    )
    wait_rendered(page)
    assert slider.input_value() == expected
    assert f"{key}={expected}" in page.url
