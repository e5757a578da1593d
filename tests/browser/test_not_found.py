"""An address that names no page shows the app's own page in the UI language, never
Streamlit's English "Page not found" dialog."""

from __future__ import annotations

import pytest

from tests.browser.helpers import wait_rendered

pytestmark = pytest.mark.browser


def _settled(page) -> None:
    wait_rendered(page)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stMainBlockContainer\"] h1') !== null"
    )


def test_unknown_address_in_german(server: str, page, artifacts) -> None:
    from playwright.sync_api import expect

    page.set_default_timeout(60_000)
    page.goto(f"{server}/gibtsnicht")
    _settled(page)
    expect(page.locator("h1").first).to_have_text("Seite nicht gefunden")
    expect(
        page.get_by_text("Die Adresse „/gibtsnicht“ gibt es in diesem Cockpit nicht")
    ).to_be_visible()
    assert page.get_by_role("dialog").count() == 0
    page.screenshot(path=str(artifacts / "page-not-found-de.png"))
    page.get_by_role("link", name="Zur Übersicht").click()
    expect(page.locator("h1").first).to_have_text("IT-Reorg-Cockpit Mülheim an der Ruhr")


def test_unknown_address_in_english(server: str, page) -> None:
    from playwright.sync_api import expect

    page.set_default_timeout(60_000)
    page.goto(f"{server}/gibtsnicht?lang=en")
    _settled(page)
    expect(page.locator("h1").first).to_have_text("Page not found")
    assert page.get_by_role("dialog").count() == 0
