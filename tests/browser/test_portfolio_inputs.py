"""The Übersicht's portfolio inputs in a real browser: their expanders draw the widgets only
while open, and what was set there outlives closing, a visit to another page and a language
switch (ui.portfolio_section, ui.kept)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import wait_rendered

pytestmark = pytest.mark.browser

WAIT_MS = 90_000  # a bound on waiting on a busy shared machine, not a timed assertion
NAV = '[data-testid="stSidebarNav"] a'
OZG = "Umsetzung des Onlinezugangsgesetzes (OZG)"
CHOICE = ".st-key-portfolio_choice_table"


def _expander(page, label: str):  # type: ignore[no-untyped-def]
    return page.locator('[data-testid="stExpander"]').filter(
        has=page.locator("summary", has_text=label)
    )


def _open(page, label: str):  # type: ignore[no-untyped-def]
    expander = _expander(page, label)
    expander.locator("summary").click()
    wait_rendered(page)
    return expander


def _go(page, title: str, ready: str) -> None:
    """Click the navigation link ``title``; wait until the page's element ``ready`` is shown."""
    page.locator(NAV, has_text=title).first.click()
    page.locator(ready).first.wait_for(state="visible")
    wait_rendered(page)


def test_a_pin_outlives_closing_another_page_and_english(server: str, page, artifacts) -> None:
    """A pin and a budget changed (each reruns only the results) and then a visit to the
    Bereich: back on the Übersicht both still hold and reach the solver; the pin's expander
    draws its widgets only while open."""
    page.set_default_timeout(WAIT_MS)
    page.goto(server)
    wait_rendered(page)
    pins = _expander(page, "Bereiche festlegen oder ausschließen")
    assert pins.locator('[data-testid="stSelectbox"]').count() == 0  # closed: not drawn
    assert OZG in page.locator(CHOICE).inner_text()
    pins = _open(page, "Bereiche festlegen oder ausschließen")
    expect(pins.locator('[data-testid="stSelectbox"]')).to_have_count(6)  # drawn on opening
    pins.get_by_label(OZG).click()
    page.get_by_role("option", name="ausschließen").click()
    page.wait_for_function(
        f"() => !document.querySelector('{CHOICE}')?.innerText.includes({OZG!r})"
    )
    wait_rendered(page)
    page.screenshot(path=str(artifacts / "portfolio-pin-open.png"))

    budget = page.locator('input[type=range][aria-label="Einmaliges Investitionsbudget (€)"]')
    before = budget.input_value()
    budget.focus()
    budget.press("End")  # an input outside the fragment: only the results rerun
    expect(budget).not_to_have_value(before)
    wait_rendered(page)
    limit = budget.input_value()

    _go(page, "Bereich", ".st-key-ranking_table")
    assert page.locator(CHOICE).count() == 0
    _go(page, "Übersicht", CHOICE)
    assert OZG not in page.locator(CHOICE).inner_text()  # the pin still reaches the solver
    assert budget.input_value() == limit  # and the budget is as set
    pins = _open(page, "Bereiche festlegen oder ausschließen")
    box = pins.locator('[data-testid="stSelectbox"]').filter(has_text=OZG)
    page.screenshot(path=str(artifacts / "portfolio-pin-reopened.png"))
    assert box.get_by_label(OZG).input_value() == "ausschließen"  # the reopened pin shows it

    # With the pin on screen in German, switch to English and move a weight: the pin's
    # German label held by the browser must not break the portfolio (ui.kept's language rule).
    page.get_by_label("Sprache / Language").click()
    page.get_by_role("option", name="English").click()
    page.wait_for_function("() => location.search.includes('lang=en')")
    wait_rendered(page)
    slider = page.locator('input[type=range][aria-label="Cost"]')
    slider.focus()
    slider.press("End")
    page.wait_for_function("() => location.search.includes('w_cost=100')")
    wait_rendered(page)
    main = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert "unexpected error" not in main.lower()
    assert "Total benefit" in main
    assert "Implementation of the Online Access Act (OZG)" not in page.locator(CHOICE).inner_text()
    page.screenshot(path=str(artifacts / "portfolio-pin-english.png"))
