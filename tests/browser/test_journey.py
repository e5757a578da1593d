"""End-to-end: open the app, open an area, move the cost slider, see the top option change."""

from __future__ import annotations

import pytest

from core import settings, store
from core.scoring import area_model
from core.store import seed
from tests.browser.helpers import area_that_flips

pytestmark = pytest.mark.browser


def _area_that_flips() -> tuple[str, str, str]:
    with store.connect(":memory:") as conn:
        seed.load_seed(conn)
        models = area_model.load_areas(
            conn, settings.get("horizon_years"), settings.get("discount_rate")
        )
    return area_that_flips(models)


def top_cell(page):
    return page.locator(".st-key-ranking_table tbody tr:first-child td:nth-child(2)")


def test_cost_slider_changes_top_option(server: str, page, artifacts) -> None:
    from playwright.sync_api import expect

    slug, value_first, cost_first = _area_that_flips()
    page.goto(server)
    expect(page.get_by_text("Beste Option je Prüfbereich", exact=False)).to_be_visible()
    page.screenshot(path=str(artifacts / "overview.png"))

    page.goto(f"{server}/bereich?area={slug}&w_cost=0&w_citizen_value=10&w_feasibility=0")
    expect(top_cell(page)).to_have_text(value_first)
    slider = page.locator('input[type=range][aria-label="Kosten"]')
    slider.focus()
    slider.press("End")
    expect(top_cell(page)).to_have_text(cost_first)
    page.wait_for_function("() => window.location.search.includes('w_cost=100')")
    page.screenshot(path=str(artifacts / "area-after-cost-slider.png"))


def test_methodik_page_renders(server: str, page, artifacts) -> None:
    from playwright.sync_api import expect

    page.goto(f"{server}/methodik")
    expect(page.get_by_role("heading", name="Quellen", exact=True)).to_be_visible()
    expect(page.locator(".st-key-sources_table tbody td").first).to_be_visible()
    page.screenshot(path=str(artifacts / "methodik.png"))
