"""Presentation mode on the projector: 1280×720, 1024×768 and 1920×1080, every slide, A4 print."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from core import settings, store
from core.scoring import area_model
from core.scoring.weightset import WeightSet
from core.store import seed
from tests.browser.conftest import serve
from tests.browser.helpers import chart_texts, horizontal_overflow, wait_rendered

pytestmark = pytest.mark.browser

VIEWPORTS = [(1280, 720), (1024, 768), (1920, 1080)]
A4_POINTS = (595.3, 841.9)  # 210 × 297 mm


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory: pytest.TempPathFactory, chromium: str):
    """A server of our own on a freshly seeded store: other browser tests edit their data."""
    with serve(str(tmp_path_factory.mktemp("present") / "cockpit.duckdb")) as url:
        yield url


@pytest.fixture(scope="module")
def rankings() -> dict[str, list[str]]:
    """Option names per area, best first, under the default weights (the seeded data)."""
    with store.connect(":memory:") as conn:
        seed.load_seed(conn)
        models = area_model.load_areas(
            conn, settings.get("horizon_years"), settings.get("discount_rate")
        )
    return {
        slug: area_model.rank_area(model, WeightSet())["option"].tolist()
        for slug, model in models.items()
    }


def _check_chart_labels(page, options: list[str]) -> None:
    """No label truncated, clipped, off-screen or overlapping; every option name complete."""
    texts = chart_texts(page)
    assert texts, f"no chart text found on {page.url}"
    for text in texts:
        assert "…" not in text["text"], text
        assert text["left"] >= text["frameLeft"] - 1 and text["right"] <= text["frameRight"] + 1, (
            text
        )
        assert text["right"] <= text["viewport"], text
    names = [t for t in texts if "role-axis-label" in t["role"] and t["chart"] == 0]
    shown = {re.sub(r"\s+", "", t["text"]) for t in names}
    for option in options:
        assert re.sub(r"\s+", "", option) in shown, (option, shown)
    option_labels = sorted(
        (
            t
            for t in names
            if re.sub(r"\s+", "", t["text"]) in {re.sub(r"\s+", "", o) for o in options}
        ),
        key=lambda t: t["top"],
    )
    for upper, lower in zip(option_labels, option_labels[1:]):
        assert upper["bottom"] <= lower["top"] + 1, (upper["text"], lower["text"])


# How far the page and Streamlit's scrolling main container reach beyond the viewport.
VERTICAL_OVERFLOW = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const root = document.scrollingElement || document.documentElement;
  return Math.max(root.scrollHeight - window.innerHeight, main.scrollHeight - main.clientHeight);
}"""

# The focused element and whether a focus ring is drawn on it.
FOCUS_RING = """() => {
  const e = document.activeElement;
  const style = e ? getComputedStyle(e) : null;
  return {tag: e ? e.tagName : null, testid: e && e.dataset ? e.dataset.testid || '' : '',
          outline: style ? style.outlineStyle + ' ' + style.outlineWidth : ''};
}"""


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= size["height"] + 1
        and box["x"] + box["width"] <= size["width"] + 1
    )


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_every_slide_fits_the_projector(
    fresh_server: str, page_at, artifacts: Path, rankings, width, height
) -> None:
    """Summary, every area and the portfolio: nothing to scroll, every option and the legend
    in sight, weights in %; at 1280×720 each slide is kept as a screenshot."""
    from playwright.sync_api import expect

    page = page_at(width, height)
    slugs = list(rankings)
    deck = ["summary", *slugs, "portfolio"]
    page.goto(f"{fresh_server}/praesentation?present=1")
    wait_rendered(page)
    expect(page.locator('[data-testid="stSidebar"]')).not_to_be_visible()  # collapsed
    expect(page.get_by_role("slider")).to_have_count(0)  # no editing controls
    expect(page.get_by_role("heading", level=1)).to_have_text("Empfehlungen im Überblick")
    shots = artifacts / f"slides-{width}x{height}"
    shots.mkdir(exist_ok=True)
    for index, slide in enumerate(deck):
        if index:
            page.keyboard.press("ArrowRight")  # the presenter's remote; the buttons do the same
            page.wait_for_function(f"() => location.search.includes('slide={slide}')")
            wait_rendered(page)
        expect(page.get_by_text(f"Folie {index + 1} von {len(deck)}")).to_be_visible()
        meta = page.locator("[data-testid=stCaptionContainer] p", has_text="Stand:")
        expect(meta).to_contain_text("Szenario: Ausgewogen")
        expect(meta).to_contain_text("Gewichte: Kosten 34 % · Bürgernutzen 33 %")
        assert _in_viewport(page, meta), slide
        assert page.evaluate(VERTICAL_OVERFLOW) <= 0, (slide, width, height)
        assert horizontal_overflow(page) <= 0, slide
        assert _in_viewport(page, page.get_by_role("button", name="Weiter ▶")), slide
        if slide in rankings:
            top = rankings[slide][0]
            alert = page.locator('[data-testid="stAlert"] strong', has_text=top)
            assert _in_viewport(page, alert), slide
            page.wait_for_selector('[data-testid="stVegaLiteChart"] svg g[class*="mark-"]')
            _check_chart_labels(page, rankings[slide])
            chart = page.locator('[data-testid="stVegaLiteChart"]').first
            assert _in_viewport(page, chart), slide  # legend, every option, the axis
            legend = [t for t in chart_texts(page) if "legend" in t["role"]]
            assert {"Kosten", "Bürgernutzen", "Umsetzbarkeit"} <= {t["text"] for t in legend}
        else:
            assert _in_viewport(page, page.locator('[data-testid="stTable"]').first), slide
        if (width, height) == (1280, 720):
            page.screenshot(path=str(shots / f"{index + 1:02d}-{slide}.png"))


def test_clicking_a_slide_and_typing_draws_no_focus_frame(fresh_server: str, page_at) -> None:
    page = page_at(1280, 720)
    page.goto(f"{fresh_server}/praesentation?present=1&slide=gis")
    wait_rendered(page)
    page.get_by_role("heading", level=1).click()
    page.keyboard.press("a")
    page.keyboard.press("Space")
    ring = page.evaluate(FOCUS_RING)
    assert ring["tag"] == "BODY" or ring["outline"].startswith("none"), ring


def test_numbers_on_slides_are_right_aligned(fresh_server: str, page_at) -> None:
    page = page_at(1280, 720)
    page.goto(f"{fresh_server}/praesentation?present=1&slide=summary")
    wait_rendered(page)
    cells = page.locator('[data-testid="stTable"] tbody tr').first.locator("td")
    aligns = [c.evaluate("e => getComputedStyle(e).textAlign") for c in cells.all()]
    texts = cells.all_inner_texts()
    heads = page.locator('[data-testid="stTable"] thead th').all()
    head_aligns = [h.evaluate("e => getComputedStyle(e).textAlign") for h in heads]
    assert len(head_aligns) == len(aligns)
    for text, align, head in zip(texts, aligns, head_aligns, strict=True):
        numeric = bool(re.fullmatch(r"[−+<\s\d.,€%–]+", text.strip()))
        assert (align == "right") == numeric, (text, align)
        assert (head == "right") == numeric, (text, head)  # the header over its numbers


def test_buttons_step_and_toggle_keeps_the_weights(
    fresh_server: str, page_at, artifacts: Path, rankings
) -> None:
    from playwright.sync_api import expect

    slugs = list(rankings)
    page = page_at(1024, 768)
    page.goto(f"{fresh_server}/praesentation?w_cost=80")
    wait_rendered(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_be_visible()
    page.get_by_text("Präsentationsmodus (Projektor)").click()
    page.wait_for_function("() => location.search.includes('present=1')")
    expect(sidebar).not_to_be_visible()
    page.get_by_role("button", name="Weiter ▶").click()
    page.wait_for_function(f"() => location.search.includes('area={slugs[0]}')")
    page.get_by_role("button", name="◀ Zurück").click()
    page.get_by_role("button", name="◀ Zurück").click()
    page.wait_for_function("() => location.search.includes('slide=portfolio')")
    page.get_by_role("button", name="◀ Zurück").click()
    page.wait_for_function(f"() => location.search.includes('slide={slugs[-1]}')")
    wait_rendered(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Geo")
    page.get_by_text("Präsentationsmodus (Projektor)").click()
    page.wait_for_function("() => !location.search.includes('present=1')")
    expect(sidebar).to_be_visible()
    cost = page.locator('[data-testid="stSidebar"] input[type=range][aria-label="Kosten"]')
    expect(cost).to_have_value("80")  # the weights survive the presentation
    assert "w_cost=80" in page.url


def test_print_summary_pdf_has_cover_overview_a_page_per_area_and_sources(
    fresh_server: str, page_at, artifacts: Path, rankings
) -> None:
    """The download is a real PDF made by Chromium: a cover, the overview, exactly one A4
    page per area (the area's heading opens each), the sources and the date at the end."""
    from pypdf import PdfReader

    page = page_at(1400, 1000)
    page.goto(f"{fresh_server}/praesentation?area=ozg")
    wait_rendered(page)
    seeded = pd.read_csv(settings.SEED_DIR / "areas.csv").set_index("slug")["name_de"]
    names = [seeded[slug] for slug in rankings]
    readers = {}
    for name, label in (
        ("all", "Zusammenfassung aller Bereiche (PDF, A4)"),
        ("one", "Zusammenfassung dieses Bereichs (PDF, A4)"),
    ):
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name=label).click()
        assert download.value.suggested_filename.endswith(".pdf"), name
        pdf = Path(download.value.path()).read_bytes()
        assert pdf.startswith(b"%PDF-"), name
        (artifacts / f"print-summary-{name}.pdf").write_bytes(pdf)
        readers[name] = PdfReader(io.BytesIO(pdf))
    today = dt.date.today().strftime("%d.%m.%Y")
    for name, reader in readers.items():
        for sheet in reader.pages:  # A4 portrait, every page
            assert float(sheet.mediabox.width) == pytest.approx(A4_POINTS[0], abs=2), name
            assert float(sheet.mediabox.height) == pytest.approx(A4_POINTS[1], abs=2), name
        texts = [_flat(sheet.extract_text()) for sheet in reader.pages]
        total = len(texts)
        for number, text in enumerate(texts, start=1):
            assert _flat(f"Seite {number} von {total}") in text, (name, number)
        cover = texts[0]
        for fact in ("Zusammenfassung für die Ratsunterlagen", "Stadt Mülheim an der Ruhr",
                     f"Erstellt am {today}", "Datenstand 1", "Ausgewogen", "Nutzwertanalyse",
                     "Kosten 34 %", "Bürgernutzen 33 %", "Umsetzbarkeit 33 %"):  # fmt: skip
            assert _flat(fact) in cover, (name, fact)
        areas = names if name == "all" else [names[list(rankings).index("ozg")]]
        slugs = list(rankings) if name == "all" else ["ozg"]
        first_area = 1
        if name == "all":
            overview = texts[1]
            assert _flat("Empfehlungen im Überblick") in overview
            for slug in slugs:
                assert _flat(rankings[slug][0]) in overview, slug
            assert _flat("Einmalinvestition gesamt") in overview
            first_area = 2
        for offset, (slug, area_name) in enumerate(zip(slugs, areas, strict=True)):
            text = texts[first_area + offset]  # one page per area, nothing spills over
            assert _flat(area_name) in text[: len(area_name) + 150], (name, slug)
            assert _flat("Rangfolge der Optionen") in text and _flat("Kosten der Optionen") in text
            assert _flat(rankings[slug][0]) in text, (name, slug)
        rest = texts[first_area + len(slugs) :]
        assert rest and re.match(r"Seite\d+von\d+.{0,80}Quellen", rest[0]), name  # sources
        assert all(_flat("Rangfolge der Optionen") not in text for text in rest), name
        assert _flat("⚠ = älter als 5 Jahre") in rest[0] and "(2012⚠)" in "".join(rest)
        assert _flat(f"Erstellt am {today} mit dem IT-Reorg-Cockpit") in rest[-1], name


def _flat(text: str) -> str:
    """Text without white space or soft hyphens, ligatures spelled out ("ﬁ" → "fi"): the
    PDF's text breaks lines anywhere."""
    return re.sub(r"[\s\u00ad]+", "", unicodedata.normalize("NFKC", text))
