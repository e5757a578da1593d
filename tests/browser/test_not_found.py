"""An address that names no page shows the app's own page in the UI language, never
Streamlit's English "Page not found" dialog."""

from __future__ import annotations

import re

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


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_overviews_own_address_shows_the_overview(
    server: str, page, artifacts, lang: str
) -> None:
    """``/uebersicht`` (the overview's address; the app serves it at the root) is the overview,
    not Streamlit's dialog; the sidebar's pages and a widget's rerun still work there."""
    from playwright.sync_api import expect

    page.set_default_timeout(60_000)
    page.goto(f"{server}/uebersicht" + ("?lang=en" if lang == "en" else ""))
    _settled(page)
    title = "IT-Reorg-Cockpit" if lang == "de" else "IT Reorg Cockpit"
    expect(page.locator("h1").first).to_have_text(f"{title} Mülheim an der Ruhr")
    assert page.get_by_role("dialog").count() == 0
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_text("Seite nicht gefunden").count() == 0
    if lang == "de":
        page.screenshot(path=str(artifacts / "uebersicht-address-de.png"))
    nav = page.locator('[data-testid="stSidebarNav"]')
    bereich = "Bereich" if lang == "de" else "Review area"
    link = nav.get_by_role("link", name=bereich, exact=True)
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(r"/bereich"))
    _settled(page)
    assert page.get_by_role("dialog").count() == 0


@pytest.mark.parametrize("path", ["Uebersicht", "start", "seite%20x"])
def test_other_unknown_addresses_show_our_page(server: str, page, path: str) -> None:
    from playwright.sync_api import expect

    page.set_default_timeout(60_000)
    page.goto(f"{server}/{path}")
    _settled(page)
    expect(page.locator("h1").first).to_have_text("Seite nicht gefunden")
    assert page.get_by_role("dialog").count() == 0
