"""The wide tables fit a 1400×900 window with the sidebar open: the ranking (Bereich), the
budget portfolio's chosen set and its steps along the budget (Übersicht), and the cost view
with the WiBe verdict (Sensitivität). None may scroll sideways."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import store
from core.store import seed
from tests.browser.conftest import serve
from tests.browser.helpers import horizontal_overflow, wait_rendered

pytestmark = pytest.mark.browser

VIEWPORT = (1400, 900)

# Every dataframe on the page: its column headers (the grid's accessible table) and by how
# many pixels its scroller is wider than shown.
GRIDS = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
  .map((frame, index) => {
    const scroller = frame.querySelector('.dvn-scroller');
    return {
      index,
      visible: frame.offsetParent !== null,
      headers: Array.from(frame.querySelectorAll('[role="columnheader"]'))
        .map(h => h.textContent.trim()),
      overflow: scroller ? scroller.scrollWidth - scroller.clientWidth : null,
      width: scroller ? scroller.clientWidth : null,
    };
  })"""


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory: pytest.TempPathFactory, chromium: str):
    """A server of our own on a freshly seeded store: other browser tests edit their data."""
    with serve(str(tmp_path_factory.mktemp("tables") / "cockpit.duckdb")) as url:
        yield url


@pytest.fixture(scope="module")
def slugs() -> list[str]:
    with store.connect(":memory:") as conn:
        seed.load_seed(conn)
        return store.areas(conn)["slug"].tolist()


def _grid(page, header: str) -> dict:
    """The one visible dataframe that has a column headed ``header``, once drawn."""
    page.wait_for_function(
        "(header) => Array.from(document.querySelectorAll("
        '\'[data-testid="stDataFrame"] [role="columnheader"]\'))'
        ".some(h => h.textContent.trim() === header)",
        arg=header,
    )
    grids = [g for g in page.evaluate(GRIDS) if g["visible"] and header in g["headers"]]
    assert len(grids) == 1, (header, grids)
    return grids[0]


def _open(page, url: str) -> None:
    from playwright.sync_api import expect

    page.goto(url)
    wait_rendered(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()  # open, as it starts


def _assert_fits(page, header: str, artifacts: Path, name: str) -> None:
    grid = _grid(page, header)
    page.locator('[data-testid="stDataFrame"]').nth(grid["index"]).screenshot(
        path=str(artifacts / f"table-{name}-{VIEWPORT[0]}x{VIEWPORT[1]}.png")
    )
    assert grid["overflow"] <= 0, (name, grid)
    assert horizontal_overflow(page) <= 0, name


def test_ranking_fits(fresh_server: str, page_at, artifacts: Path, slugs) -> None:
    page = page_at(*VIEWPORT)
    for slug in slugs:
        _open(page, f"{fresh_server}/bereich?area={slug}")
        _assert_fits(page, "Option", artifacts, f"ranking-{slug}")


def test_portfolio_tables_fit(fresh_server: str, page_at, artifacts: Path) -> None:
    page = page_at(*VIEWPORT)
    _open(page, fresh_server)  # the Übersicht is the start page
    _assert_fits(page, "Nutzen (Punkte)", artifacts, "portfolio-choice")
    _assert_fits(page, "Ab Budget", artifacts, "portfolio-steps")


def test_cost_table_fits(fresh_server: str, page_at, artifacts: Path, slugs) -> None:
    page = page_at(*VIEWPORT)
    for slug in slugs:
        _open(page, f"{fresh_server}/sensitivitaet?area={slug}")
        _assert_fits(page, "WiBe-Urteil", artifacts, f"cost-{slug}")
