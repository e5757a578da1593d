"""The weights fragment in a real browser: after a slider move (which reruns only the parts
that read the weights) a page shows exactly what a fresh load with the same weights shows."""

from __future__ import annotations

import pytest

from tests.browser.helpers import wait_rendered

pytestmark = pytest.mark.browser

# The Übersicht draws many charts; on a busy shared machine a run can take longer than the
# default 20 s wait (a bound on waiting, not a timed assertion).
WAIT_MS = 90_000
BEFORE = "w_cost=0&w_citizen_value=10&w_feasibility=0"
AFTER = "w_cost=100&w_citizen_value=10&w_feasibility=0"


# The main area's text without the charts' SVG texts (their order can differ between two
# drawings of the same chart: axis labels are placed as they fit).
MAIN_TEXT = """() => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]').cloneNode(true);
  main.querySelectorAll('[data-testid="stVegaLiteChart"]').forEach(chart => chart.remove());
  document.body.appendChild(main);
  const text = main.innerText;
  main.remove();
  return text;
}"""


def _shown(page) -> tuple[str, str]:
    """The main area's text (without charts) and the weights panel's shares caption."""
    main = page.evaluate(MAIN_TEXT)
    shares = page.locator('[data-testid="stSidebar"] [data-testid="stCaptionContainer"]').first
    return main, shares.inner_text()


def _move_to_100(page, label: str = "Kosten", param: str = "w_cost") -> None:
    """Press End on the group slider ``label``; wait until the link and the page follow."""
    slider = page.locator(f'input[type=range][aria-label="{label}"]')
    slider.focus()
    slider.press("End")
    page.wait_for_function(f"() => window.location.search.includes('{param}=100')")
    wait_rendered(page)


@pytest.mark.parametrize("path", ["", "/bereich"])
def test_a_slider_move_shows_what_a_fresh_load_shows(server: str, page, path: str) -> None:
    page.set_default_timeout(WAIT_MS)
    area = "area=ozg&" if path else ""
    page.goto(f"{server}{path}?{area}{BEFORE}")
    wait_rendered(page)
    before = _shown(page)
    _move_to_100(page)
    moved = _shown(page)
    assert moved != before  # the cards (or ranking) and the shares followed the slider
    assert "Kosten: 91 %" in moved[1]  # 100 of 110 points
    page.goto(f"{server}{path}?{area}{AFTER}")
    wait_rendered(page)
    assert _shown(page) == moved


def test_an_open_tab_follows_a_slider_move(server: str, page) -> None:
    """The Übersicht's lazy tabs: tabs opened by a click (only their content is built) show,
    after a slider move, what a fresh load of the same link shows."""
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server}/?{BEFORE}")
    wait_rendered(page)
    assert page.locator(".st-key-best_buys_table").count() == 0  # its tab is closed
    page.get_by_role("tab", name="Preis-Leistung").click()
    page.wait_for_function("() => location.search.includes('pf_tab=value')")
    page.get_by_role("tab", name="Tabelle").click()
    page.wait_for_function("() => location.search.includes('pathway_tab=table')")
    wait_rendered(page)
    for shown in ("best_buys_table", "pathway_table"):
        page.locator(f".st-key-{shown}").wait_for()
    assert page.locator(".st-key-portfolio_choice_table").count() == 0  # "Auswahl" closed
    before = _shown(page)
    _move_to_100(page, "Umsetzbarkeit", "w_feasibility")
    moved = _shown(page)
    assert moved[0] != before[0]  # the pathway table and the best buys followed the slider
    assert "pf_tab=value" in page.url and "pathway_tab=table" in page.url
    page.goto(page.url)
    wait_rendered(page)
    assert _shown(page) == moved


def test_a_card_button_opens_its_area_after_a_slider_move(server: str, page) -> None:
    """The cards' buttons are drawn in the fragment; one still switches to the Bereich page."""
    from playwright.sync_api import expect

    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server}/?{BEFORE}")
    wait_rendered(page)
    _move_to_100(page)
    page.get_by_role("button", name="Bereich öffnen").last.click()
    page.wait_for_url("**/bereich**")
    wait_rendered(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Geo")


def test_a_preset_moves_the_sliders_on_a_page_with_the_fragment(server: str, page) -> None:
    """Presets set the sliders themselves: the whole app reruns so that they show it."""
    from playwright.sync_api import expect

    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server}/bereich?area=ozg&{BEFORE}")
    wait_rendered(page)
    page.get_by_role("button", name="Haushaltskonsolidierung").click()
    expect(page.locator('input[type=range][aria-label="Kosten"]')).to_have_value("60")
    page.wait_for_function("() => window.location.search.includes('w_cost=60')")


ALIGN = "(cell) => getComputedStyle(cell).textAlign"
WHITE_SPACE = "(cell) => getComputedStyle(cell).whiteSpace"


def test_the_ranking_keeps_its_number_alignment_after_a_slider_move(server: str, page) -> None:
    """The ranking table's CSS is drawn outside the fragment (pages/area.py), once per full
    run: after a move, which sends the table alone, its rules still apply."""
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server}/bereich?area=ozg&{BEFORE}")
    wait_rendered(page)
    _move_to_100(page)
    row = page.locator(".st-key-ranking_table tbody tr").first
    assert row.locator("td").nth(0).evaluate(ALIGN) == "right"  # the rank
    assert row.locator("td").nth(1).evaluate(ALIGN) != "right"  # the option's name
    assert row.locator("td").nth(4).evaluate(ALIGN) == "right"  # the points
    assert row.locator("td").last.evaluate(ALIGN) == "right"  # the last money column
    assert row.locator("td").last.evaluate(WHITE_SPACE) == "nowrap"


def test_the_chosen_set_keeps_its_number_alignment_after_a_slider_move(server: str, page) -> None:
    """Likewise the Übersicht's chosen set (ui.portfolio_section draws its CSS outside the
    fragments): after a move its three number columns are still right-aligned."""
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server}/?{BEFORE}")
    wait_rendered(page)
    _move_to_100(page, "Bürgernutzen", "w_citizen_value")
    row = page.locator(".st-key-portfolio_choice_table tbody tr").first
    cells = row.locator("td")
    assert [cells.nth(i).evaluate(ALIGN) == "right" for i in range(6)] == [False] * 3 + [True] * 3
    assert cells.last.evaluate(WHITE_SPACE) == "nowrap"
    header = page.locator(".st-key-portfolio_choice_table thead th").last
    assert header.evaluate(ALIGN) == "right"


def test_a_slider_move_after_switching_to_english_keeps_the_portfolio(server: str, page) -> None:
    """Streamlit keeps a widget's value in the browser as its formatted label. After the
    language switch the portfolio's inputs outside the fragment (objective, area weights,
    pins, exclusions) held their German labels, and the next slider move (a fragment run,
    which does not redraw them) read labels no English widget knows: the portfolio failed
    and the link carried every area weight as 0. A move in English shows what a fresh load
    of the same link shows."""
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server}/?{BEFORE}")
    wait_rendered(page)
    page.get_by_label("Sprache / Language").click()
    page.get_by_role("option", name="English").click()
    page.wait_for_function("() => location.search.includes('lang=en')")
    wait_rendered(page)
    _move_to_100(page, "Cost")
    moved = _shown(page)
    assert "aw=" not in page.url  # every area weight still 1 (the default is not linked)
    assert "unexpected error" not in moved[0].lower()
    assert "Total benefit" in moved[0]  # the chosen set's totals are shown
    page.goto(page.url)
    wait_rendered(page)
    assert _shown(page) == moved
