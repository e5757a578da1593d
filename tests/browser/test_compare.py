"""Szenarien: a viewer compares the presets with the current weighting in a real browser."""

from __future__ import annotations

import pytest

from tests.browser.helpers import wait_rendered

pytestmark = pytest.mark.browser


def test_viewer_sees_presets_side_by_side(server: str, page, artifacts) -> None:
    from playwright.sync_api import expect

    page.set_default_timeout(60_000)
    page.goto(f"{server}/szenarien")
    wait_rendered(page)
    picker = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Gewichtungen")
    for tag in ("Aktuelle Gewichtung", "Voreinstellung: Ausgewogen"):
        expect(picker.get_by_text(tag, exact=True)).to_be_visible()
    tops = page.locator(".st-key-scenario_tops table")
    # headings carry invisible soft hyphens at their syllables (views.hyphenate)
    headers = [h.replace("\u00ad", "") for h in tops.locator("th").all_inner_texts()]
    assert headers[:3] == ["Prüfbereich", "Aktuelle Gewichtung", "Voreinstellung: Ausgewogen"]
    assert tops.locator("tbody tr").count() == 6  # one row per area
    first_cell = tops.locator("tbody tr").first.locator("td").nth(1).inner_text()
    assert first_cell.endswith(")") and "," in first_cell  # "Option (53,6)"
    ranks = page.locator("[class*='st-key-scenario_ranks_'] table").first
    expect(ranks.locator("th").first).to_have_text("Option")
    page.screenshot(path=str(artifacts / "compare-presets-de.png"))
