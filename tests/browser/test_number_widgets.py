"""Number widgets show German numbers in the browser: the Monte Carlo draw count reads
"10.000" (it was an <input type=number> showing "10000"), the area weights "1,0", and the
link keeps plain numbers."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import wait_rendered

pytestmark = pytest.mark.browser
UNGROUPED = re.compile(r"\d{4,}")  # 10000 where 10.000 belongs


SEED = "Startwert des Zufallsgenerators"  # an identifier of a random sequence, not an amount


def _spinbutton_values(page) -> list[str]:
    """Values of the number fields other than the seed."""
    return page.locator("input[type=number]").evaluate_all(
        "(els, seed) => els.filter(e => e.getAttribute('aria-label') !== seed).map(e => e.value)",
        SEED,
    )


def test_draw_count_reads_german_and_the_link_keeps_the_number(
    server: str, page, artifacts
) -> None:
    from playwright.sync_api import expect

    page.set_default_timeout(60_000)
    page.goto(f"{server}/sensitivitaet?area=ozg")
    wait_rendered(page)
    samples = page.get_by_role("slider", name="Anzahl Ziehungen")
    expect(samples).to_have_attribute("aria-valuetext", "10.000")
    samples.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "mc-draw-count-de.png"))
    samples.press("ArrowRight")
    expect(samples).to_have_attribute("aria-valuetext", "20.000")
    page.wait_for_function("() => location.search.includes('mc_samples=20000')")
    expect(page.get_by_text("20.000-mal", exact=False).first).to_be_visible()
    # No number field left that shows a long number ungrouped (the seed names a sequence).
    expect(page.get_by_role("spinbutton", name=SEED)).to_have_value("2021")
    assert not [v for v in _spinbutton_values(page) if UNGROUPED.search(v)]


def test_draw_count_in_english(server: str, page) -> None:
    from playwright.sync_api import expect

    page.set_default_timeout(60_000)
    page.goto(f"{server}/sensitivitaet?area=ozg&lang=en&mc_samples=3000")
    wait_rendered(page)
    expect(page.get_by_role("slider", name="Number of samples")).to_have_attribute(
        "aria-valuetext", "3,000"
    )


def test_area_weights_read_german(server: str, page, artifacts) -> None:
    from playwright.sync_api import expect

    page.set_default_timeout(60_000)
    page.goto(f"{server}/?aw=ozg:1.5")
    wait_rendered(page)
    page.get_by_text("Bereichsgewichte").click()
    sliders = page.get_by_role("slider")
    expect(page.get_by_role("slider", name=re.compile("Onlinezugangsgesetz"))).to_have_attribute(
        "aria-valuetext", "1,5"
    )
    texts = sliders.evaluate_all("els => els.map(e => e.getAttribute('aria-valuetext'))")
    assert "1,0" in texts
    page.get_by_text("Bereichsgewichte").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "area-weights-de.png"))
    assert not [v for v in _spinbutton_values(page) if re.search(r"\.\d", v)]  # no "1.50"
