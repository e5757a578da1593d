"""Streamlit's own widget texts in the UI language (ui/widget_texts.py): the empty list of an
open dropdown and the segments of an empty date field."""

from __future__ import annotations

import pytest

from tests.browser.helpers import wait_rendered

pytestmark = pytest.mark.browser

# Streamlit's own "No results" item of an open, empty dropdown and the style set on it.
EMPTY_ITEM = """() => {
  const item = document.querySelector('[role="listbox"][data-empty] > [role="option"] > span');
  if (!item) return null;
  return {own: item.textContent, visibility: getComputedStyle(item).visibility,
          shown: getComputedStyle(item, '::after').content,
          shownVisibility: getComputedStyle(item, '::after').visibility};
}"""

# What an empty date field shows per segment: the text drawn (the ::before content where the
# segment's own text is hidden by a zero font size, else the segment's own text).
DATE_SEGMENTS = """field => Array.from(field.querySelectorAll('[data-type]')).map(seg => {
  const own = getComputedStyle(seg);
  const before = getComputedStyle(seg, '::before').content;
  return own.fontSize === '0px' && before !== 'none' ? JSON.parse(before) : seg.textContent;
}).join('')"""


def _open_empty(page, label: str) -> dict[str, str]:
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    box.locator("input").click()
    box.locator("input").fill("zzzz")
    page.wait_for_function(f"() => ({EMPTY_ITEM})() !== null")
    return page.evaluate(EMPTY_ITEM)


def test_empty_dropdown_says_keine_treffer(server: str, page, artifacts) -> None:
    page.set_default_timeout(60_000)
    page.goto(f"{server}/szenarien")
    wait_rendered(page)
    empty = _open_empty(page, "Gewichtungen")
    page.screenshot(path=str(artifacts / "empty-dropdown-de.png"))
    assert empty["own"] == "No results"  # Streamlit's text stays in the DOM, hidden
    assert empty["visibility"] == "hidden"
    assert (empty["shown"], empty["shownVisibility"]) == ('"Keine Treffer"', "visible")


def test_empty_dropdown_speaks_english_on_the_english_ui(server: str, page) -> None:
    page.set_default_timeout(60_000)
    page.goto(f"{server}/szenarien?lang=en")
    wait_rendered(page)
    empty = _open_empty(page, "Weightings")
    assert empty["shown"] == '"No results"'


def test_empty_date_field_reads_tt_mm_jjjj(server: str, page, artifacts) -> None:
    """The change log's date filters (Daten page, visible to viewers): German segment names
    while empty, the typed digits once a segment has a value."""
    page.set_default_timeout(60_000)
    page.goto(f"{server}/daten")
    wait_rendered(page)
    field = page.locator('[data-testid="stDateInput"]').filter(has_text="Von")
    field.scroll_into_view_if_needed()
    inner = field.locator('[data-testid="stDateInputField"]')
    assert inner.evaluate(DATE_SEGMENTS) == "TT.MM.JJJJ"
    field.screenshot(path=str(artifacts / "date-field-empty-de.png"))
    field.locator('[data-type="day"]').click()
    page.keyboard.type("05")
    page.wait_for_function(
        "f => f.querySelector('[data-type=\"day\"]').getAttribute('data-placeholder') === null",
        arg=inner.element_handle(),
    )
    assert inner.evaluate(DATE_SEGMENTS).startswith("05.MM.")


def test_empty_date_field_keeps_streamlits_segments_in_english(server: str, page) -> None:
    page.set_default_timeout(60_000)
    page.goto(f"{server}/daten?lang=en")
    wait_rendered(page)
    field = page.locator('[data-testid="stDateInputField"]').first
    assert field.evaluate(DATE_SEGMENTS).lower() == "dd.mm.yyyy"
