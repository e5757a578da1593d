"""axe-core (WCAG 2.0/2.1 A and AA rules) on every registered page and the projector view.

axe-core comes from the npm registry (package.json, installed by ``make test``) and is
injected into the running app. Every finding fails the test, whatever its impact (minor,
moderate, serious, critical), on every page and every slide, in German and English; findings
inside Streamlit's own widgets that the app cannot fix would be excluded below, rule by rule
and selector by selector, each documented in docs/accessibility.md.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core import settings, store
from core.store import seed
from tests.browser.helpers import wait_rendered

pytestmark = pytest.mark.browser

AXE = settings.REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
EXPECTED_PAGES = {"", "bereich", "methodik", "praesentation"}
# rule id -> CSS selectors axe must skip for it; see docs/accessibility.md for each entry.
EXCLUDED: dict[str, list[str]] = {}


@pytest.fixture(scope="module")
def axe_source() -> Path:
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core missing under CI: `make test` runs `npm ci` first")
        pytest.skip("axe-core not installed (run `npm ci` or `make test`)")
    return AXE


def _violations(page, axe_source: Path) -> list[dict]:
    page.add_script_tag(path=str(axe_source))
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    found = []
    for violation in result["violations"]:
        skip = EXCLUDED.get(violation["id"], [])
        nodes = [
            n for n in violation["nodes"] if not any(s in json.dumps(n["target"]) for s in skip)
        ]
        if nodes:
            found.append(
                {
                    "id": violation["id"],
                    "impact": violation["impact"],
                    "help": violation["help"],
                    "targets": [n["target"] for n in nodes][:5],
                    "summary": nodes[0].get("failureSummary", ""),
                }
            )
    return found


def _open_expanders(page) -> None:
    for summary in page.locator('[data-testid="stExpander"] summary').all():
        if summary.is_visible():
            summary.click()
    wait_rendered(page)
    # A hovered slider shows its min/max labels and fades them out over 0.5 s when the mouse
    # leaves; axe must see the settled page, not a label at half opacity.
    page.mouse.move(0, 0)
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running'"
        " || a.effect?.getTiming().iterations === Infinity)"
    )


def _page_paths(server: str, page) -> list[str]:
    page.goto(server)
    wait_rendered(page)
    page.wait_for_selector('[data-testid="stSidebarNav"] a')
    hrefs = page.eval_on_selector_all(
        '[data-testid="stSidebarNav"] a', "links => links.map(a => a.getAttribute('href'))"
    )
    paths = [href.split(server, 1)[-1].strip("/") for href in hrefs]
    assert EXPECTED_PAGES <= set(paths), paths
    return paths


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_page_has_no_violations(
    server: str, page, axe_source: Path, artifacts: Path, lang: str
) -> None:
    report = {}
    # The Übersicht builds only its open tabs: the others are checked opened by a link.
    tabs = ["?pf_tab=curve&pathway_tab=table", "?pf_tab=value"]
    for path in [*_page_paths(server, page), *tabs]:
        page.goto(f"{server}/{path}{'&' if '?' in path else '?'}lang={lang}")
        wait_rendered(page)
        _open_expanders(page)
        # WCAG 3.1.1: the page declares the language it is written in (axe cannot tell)
        page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
        report[path or "uebersicht"] = _violations(page, axe_source)
    (artifacts / f"axe-pages-{lang}.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False)
    )
    assert all(not found for found in report.values()), json.dumps(
        report, indent=2, ensure_ascii=False
    )


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_slide_has_no_violations(
    server: str, page_at, axe_source: Path, artifacts: Path, lang: str
) -> None:
    """The summary slide, every area's slide and the closing portfolio slide."""
    page = page_at(1280, 720)
    report = {}
    with store.connect(":memory:") as conn:
        seed.load_seed(conn)
        slugs = store.areas(conn)["slug"].tolist()
    for slide in ["summary", *slugs, "portfolio"]:
        page.goto(f"{server}/praesentation?present=1&lang={lang}&slide={slide}")
        wait_rendered(page)
        _open_expanders(page)
        page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
        report[slide] = _violations(page, axe_source)
    (artifacts / f"axe-slides-{lang}.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False)
    )
    assert all(not found for found in report.values()), json.dumps(
        report, indent=2, ensure_ascii=False
    )


def test_any_finding_counts_whatever_its_impact(page, axe_source: Path) -> None:
    """The check itself: a minor finding is reported like a critical one."""
    page.set_content(
        '<html lang="de"><body><main><h1>Test</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'  # no alt: critical
        '<p><a href="#x"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Weiter">'
        '</a> <a href="#x">Weiter</a></p>'  # the same link twice, side by side
        '<meta name="viewport" content="maximum-scale=1.0">'  # zoom blocked
        "</main></body></html>"
    )
    found = {v["id"]: v["impact"] for v in _violations(page, axe_source)}
    assert found.get("image-alt") == "critical", found
    assert set(found.values()) - {"critical", "serious"}, found  # a moderate/minor one too
