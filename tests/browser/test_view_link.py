"""A fresh browser opening a copied link shows the same view: tab, Monte Carlo settings,
budgets and option details come back from plain numbers and slugs in the URL."""

from __future__ import annotations

import pytest

from tests.browser.helpers import wait_rendered

pytestmark = pytest.mark.browser


def test_a_copied_link_reopens_the_same_view(server: str, browser) -> None:
    from playwright.sync_api import expect

    first = browser.new_context(viewport={"width": 1400, "height": 1700}, locale="de-DE")
    page = first.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{server}/sensitivitaet?area=ozg&mc_samples=2000")
    wait_rendered(page)
    page.get_by_role("tab", name="Umsetzbarkeit").click()
    page.wait_for_function("() => location.search.includes('tab=feasibility')")
    link = page.url
    assert "mc_samples=2000" in link
    first.close()

    fresh = browser.new_context(viewport={"width": 1400, "height": 1700}, locale="de-DE")
    again = fresh.new_page()
    again.set_default_timeout(60_000)
    again.goto(link)
    wait_rendered(again)
    expect(again.get_by_role("tab", name="Umsetzbarkeit")).to_have_attribute(
        "aria-selected", "true"
    )
    expect(again.get_by_role("slider", name="Anzahl Ziehungen")).to_have_attribute(
        "aria-valuetext", "2.000"
    )
    again.goto(f"{server}/?pf_invest=100000")
    wait_rendered(again)
    expect(again.get_by_role("slider", name="Einmaliges Investitionsbudget (€)")).to_have_attribute(
        "aria-valuetext", "100.000 €"
    )
    fresh.close()
