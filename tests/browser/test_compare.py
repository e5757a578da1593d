"""Szenarien: a viewer compares the presets with the current weighting in a real browser,
and an open dropdown with nothing to offer speaks the UI's language."""

from __future__ import annotations

import pytest

from tests.browser.helpers import wait_rendered

pytestmark = pytest.mark.browser

# Streamlit's own "No results" item of an open, empty dropdown and the style ui.dropdowns sets.
EMPTY_ITEM = """() => {
  const item = document.querySelector('[role="listbox"][data-empty] > [role="option"] > span');
  if (!item) return null;
  return {own: item.textContent, visibility: getComputedStyle(item).visibility,
          shown: getComputedStyle(item, '::after').content,
          shownVisibility: getComputedStyle(item, '::after').visibility};
}"""


def _open_empty(page, label: str) -> dict[str, str]:
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    box.locator("input").click()
    box.locator("input").fill("zzzz")
    page.wait_for_function(f"() => ({EMPTY_ITEM})() !== null")
    return page.evaluate(EMPTY_ITEM)


def test_viewer_sees_presets_side_by_side_and_a_german_empty_list(
    server: str, page, artifacts
) -> None:
    from playwright.sync_api import expect

    page.set_default_timeout(60_000)
    page.goto(f"{server}/szenarien")
    wait_rendered(page)
    picker = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Gewichtungen")
    for tag in ("Aktuelle Gewichtung", "Voreinstellung: Ausgewogen"):
        expect(picker.get_by_text(tag, exact=True)).to_be_visible()
    tops = page.locator(".st-key-scenario_tops table")
    headers = tops.locator("th").all_inner_texts()
    assert headers[:3] == ["Prüfbereich", "Aktuelle Gewichtung", "Voreinstellung: Ausgewogen"]
    assert tops.locator("tbody tr").count() == 6  # one row per area
    first_cell = tops.locator("tbody tr").first.locator("td").nth(1).inner_text()
    assert first_cell.endswith(")") and "," in first_cell  # "Option (53,6)"

    empty = _open_empty(page, "Gewichtungen")
    page.screenshot(path=str(artifacts / "compare-empty-dropdown-de.png"))
    assert empty["own"] == "No results"  # Streamlit's text stays in the DOM, hidden
    assert empty["visibility"] == "hidden"
    assert (empty["shown"], empty["shownVisibility"]) == ('"Keine Treffer"', "visible")


def test_empty_dropdown_speaks_english_on_the_english_ui(server: str, page) -> None:
    page.set_default_timeout(60_000)
    page.goto(f"{server}/szenarien?lang=en")
    wait_rendered(page)
    empty = _open_empty(page, "Weightings")
    assert empty["shown"] == '"No results"'
