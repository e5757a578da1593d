"""Every page holds its layout at 1024, 1400 and 1920 px with the sidebar open: nothing
scrolls sideways (page or table), no heading or table header breaks inside a word (only at a
hyphen or a soft hyphen), no chart text overlaps
another text of its chart (an axis title over its labels, two labels over each other)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser.conftest import serve
from tests.browser.helpers import horizontal_overflow, wait_rendered

pytestmark = pytest.mark.browser

WIDTHS = (1024, 1400, 1920)
HEIGHT = 900
EXPECTED_PAGES = {"", "bereich", "sensitivitaet", "methodik", "daten", "szenarien", "gremium"}
# The Übersicht builds only its open tabs: the others are checked opened by a link.
OVERVIEW_TABS = ("?pf_tab=curve&pathway_tab=table", "?pf_tab=value")

# Words of headings and table header cells that the browser split inside a word. A word may
# break after a hyphen, a dash or a slash, or at a soft hyphen (where the browser shows "-"):
# each piece between those must stay on one line.
BROKEN_WORDS = """() => {
  const broken = [];
  const headings = document.querySelectorAll(['h1', 'h2', 'h3', 'h4', 'th']
    .map(tag => `[data-testid="stMain"] ${tag}`).join(', '));
  for (const heading of headings) {
    if (heading.offsetParent === null) continue;
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /([^\\s\\u00ad\\-\\u2013\\u2014\\/]+)[\\u00ad\\-\\u2013\\u2014\\/]*/g;
      let match;
      while ((match = re.exec(node.textContent)) !== null) {
        // The line of a character: its lowest box (a range just after a break also reports
        // a sliver at the end of the line before, where the hyphen is drawn).
        const line = (offset) => {
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + 1);
          return Math.max(...Array.from(range.getClientRects()).map(box => Math.round(box.top)));
        };
        const tops = new Set([line(match.index), line(match.index + match[1].length - 1)]);
        if (tops.size > 1) broken.push(match[0].replace(/\\u00ad/g, ''));
      }
    }
  }
  return broken;
}"""

# Every visible dataframe whose grid scrolls sideways: its headers and the excess in px.
WIDE_GRIDS = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
  .filter(frame => frame.offsetParent !== null)
  .map(frame => {
    const scroller = frame.querySelector('.dvn-scroller');
    return {headers: Array.from(frame.querySelectorAll('[role="columnheader"]'))
              .map(h => h.textContent.trim()).slice(0, 4),
            overflow: scroller ? scroller.scrollWidth - scroller.clientWidth : 0};
  })
  .filter(grid => grid.overflow > 0)"""

# Every visible HTML table (st.table) wider than its box.
WIDE_TABLES = """() => Array.from(document.querySelectorAll('[data-testid="stTable"]'))
  .filter(table => table.offsetParent !== null)
  .map(table => ({first: (table.querySelector('th') || {}).textContent,
                  overflow: Math.max(table.scrollWidth - table.clientWidth,
                    table.querySelector('table').getBoundingClientRect().width
                      - table.getBoundingClientRect().width)}))
  .filter(table => table.overflow > 1)"""

# Pairs of texts in one Vega chart whose boxes overlap (more than a pixel each way).
OVERLAPS = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"] svg'))
  .flatMap(svg => {
    const texts = Array.from(svg.querySelectorAll('g[class*="role-axis"] text,'
        + ' g[class*="role-legend"] text, g[class*="role-title"] text'))
      .filter(t => t.textContent.trim() && t.getAttribute('opacity') !== '0')
      .map(t => ({text: t.textContent, box: t.getBoundingClientRect()}));
    const hits = [];
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].box, b = texts[j].box;
        if (a.width === 0 || b.width === 0) continue;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) hits.push([texts[i].text, texts[j].text]);
      }
    }
    return hits;
  })"""


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory: pytest.TempPathFactory, chromium: str):
    """A server of our own on a freshly seeded store: other browser tests edit their data."""
    with serve(str(tmp_path_factory.mktemp("layout") / "cockpit.duckdb")) as url:
        yield url


def _page_paths(page, server: str) -> list[str]:
    page.goto(server)
    wait_rendered(page)
    page.wait_for_selector('[data-testid="stSidebarNav"] a')
    hrefs = page.eval_on_selector_all(
        '[data-testid="stSidebarNav"] a', "links => links.map(a => a.getAttribute('href'))"
    )
    paths = [href.split(server, 1)[-1].strip("/") for href in hrefs]
    assert EXPECTED_PAGES <= set(paths), paths
    return paths


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_holds_its_layout(
    fresh_server: str, page_at, artifacts: Path, width: int
) -> None:
    from playwright.sync_api import expect

    page = page_at(width, HEIGHT)
    problems: dict[str, dict] = {}
    for path in [*_page_paths(page, fresh_server), *OVERVIEW_TABS]:
        page.goto(f"{fresh_server}/{path}")
        wait_rendered(page)
        expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
        found = {
            "page_overflow": horizontal_overflow(page),
            "wide_tables": page.evaluate(WIDE_GRIDS) + page.evaluate(WIDE_TABLES),
            "broken_words": page.evaluate(BROKEN_WORDS),
            "overlapping_chart_texts": page.evaluate(OVERLAPS),
        }
        if found["page_overflow"] > 0 or any(found[k] for k in list(found)[1:]):
            problems[path or "uebersicht"] = found
            shot = (path or "uebersicht").replace("?", "uebersicht-").replace("&", "-")
            page.screenshot(path=str(artifacts / f"layout-{shot}-{width}.png"))
    (artifacts / f"layout-{width}.json").write_text(
        json.dumps(problems, indent=2, ensure_ascii=False)
    )
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)
