"""The A4 print summary: one section per area, the recommendation, the ranking, escaping."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re

import pandas as pd
import pytest

from core import settings
from core.scoring import area_model
from core.scoring.weightset import WeightSet
from core.views import (
    fmt,
    print_sources,
    print_summary,
    recommendation_text as recommendation,
    sourcing,
)

CONTEXT = print_summary.Context(
    stand="Datenstand 3 vom 01.12.2026",
    scenario="Ausgewogen",
    method="Nutzwertanalyse",
    group_shares={"cost": 0.34, "citizen_value": 0.33, "feasibility": 0.33},
    horizon_years=5,
)


def _ranking(options: list[str], scores: list[float]) -> pd.DataFrame:
    n = len(options)
    return pd.DataFrame(
        {
            "option_id": [f"o{i}" for i in range(n)],
            "option": options,
            "pathway": ["standard"] * n,
            "partner": [None] * n,
            "rank": list(range(1, n + 1)),
            "score": scores,
            "cost": [s / 2 for s in scores],
            "citizen_value": [s / 4 for s in scores],
            "feasibility": [s / 4 for s in scores],
            "npv_cost": [100_000.0] * n,
            "investment": [10_000.0] * n,
            "annual_cost": [20_000.0] * n,
            "staff_fte": [0.5] * n,
        }
    )


@pytest.fixture(scope="module")
def models() -> dict[str, area_model.AreaModel]:
    from core import store
    from core.store import seed

    with store.connect(":memory:") as conn:
        seed.load_seed(conn)
        return area_model.load_areas(
            conn, settings.get("horizon_years"), settings.get("discount_rate")
        )


def test_recommendation_kinds() -> None:
    kind, text = recommendation.recommendation(_ranking(["A", "B"], [0.8, 0.5]), "de")
    assert kind == "lead"
    assert text.startswith("Empfehlung: **A**") and "30,0 Punkte vor „B“" in text
    assert recommendation.recommendation(_ranking(["A"], [0.8]), "de")[0] == "single"
    tie = _ranking(["A", "B"], [0.5, 0.5]).assign(rank=[1, 1])
    kind, text = recommendation.recommendation(tie, "en")
    assert kind == "tie" and text.startswith("Tie: **A**")


def test_every_area_gets_its_own_page_with_the_essentials(models) -> None:
    pages = [
        print_summary.AreaPage(
            slug=slug,
            name=f"Bereich {slug}",
            description="Beschreibung",
            ranking=area_model.rank_area(model, WeightSet()),
            stability="Die Empfehlung ist **stabil**." if slug == "ozg" else None,
            sources=("Quelle A", "Quelle B"),
        )
        for slug, model in models.items()
    ]
    document = print_summary.summary_html(pages, CONTEXT, "de")
    assert document.startswith("<!DOCTYPE html>") and '<html lang="de">' in document
    assert "@page { size: A4" in document
    assert len(re.findall(r'<section class="area"', document)) == len(models)
    for page in pages:
        top = page.ranking.iloc[0]["option"]
        section = document.split(f'id="area-{page.slug}"')[1].split("</section>")[0]
        assert f"<strong>{top}</strong>" in section.replace("&amp;", "&")
        assert "Datenstand 3 vom 01.12.2026" in section and "Ausgewogen" in section
        # points: two header rows + one per option; costs: one header row + one per option
        assert section.count("<tr>") == 3 + 2 * len(page.ranking)
        assert "Quelle A" not in section  # the sources follow the areas
    sources = document.split('<section class="sources">')[1]
    assert all(f"<h2>{page.name}</h2>" in sources for page in pages)
    assert sources.count("Quelle A") == len(pages)
    assert "Die Empfehlung ist <strong>stabil</strong>." in document
    assert "Kosten 34 %" in document


def test_data_is_escaped() -> None:
    evil = "<script>alert(1)</script>"
    page = print_summary.AreaPage(
        slug="x",
        name=evil,
        description=evil,
        ranking=_ranking([evil, "B"], [0.9, 0.1]),
        sources=(evil,),
    )
    document = print_summary.summary_html([page], CONTEXT, "de")
    assert "<script>" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document


def test_empty_area_says_so() -> None:
    page = print_summary.AreaPage(slug="x", name="Leer", description="", ranking=_ranking([], []))
    document = print_summary.summary_html([page], CONTEXT, "en")
    assert "No options are recorded for this area." in document
    assert "<table>" not in document


def test_sources_are_distinct_in_first_seen_order() -> None:
    assert print_sources.area_sources(["B", "A", None, " "], ["A", "C ", "B"]) == ("B", "A", "C")


def test_cells_citing_several_sources_are_split_outside_parentheses() -> None:
    cells = ["WAZ 1; BITV 2.0 (EN 301 549; WCAG 2.1 AA)", "BITV 2.0 (EN 301 549; WCAG 2.1 AA); X"]
    assert print_sources.area_sources(cells) == ("WAZ 1", "BITV 2.0 (EN 301 549; WCAG 2.1 AA)", "X")


def test_file_name() -> None:
    assert print_summary.file_name("ozg", 3) == "zusammenfassung-ozg-v3.pdf"
    assert print_summary.file_name("ozg", 3, "html") == "zusammenfassung-ozg-v3.html"
    assert print_summary.file_name(None, 1) == "zusammenfassung-alle-bereiche-v1.pdf"


def test_sources_show_title_stand_age_flag_and_domain() -> None:
    sources = {
        "kdn": sourcing.Source("kdn", "KDN", "", "2012", ""),
        "moers": sourcing.Source("moers", "Moers <Portal>", "moers.de/x", "2013-02-19", "2026-11"),
        "neu": sourcing.Source("neu", "Neu", "", "2025-06", ""),
    }
    context = sourcing.Sourcing(sources, dt.date(2026, 12, 1), 5)
    shown = print_sources.area_sources(
        ["kdn; neu", "moers", "unbekannt"], sourcing=context, lang="de"
    )
    assert shown == (
        "KDN (2012 ⚠)",
        "Neu (06/2025)",
        "Moers <Portal> (19.02.2013 ⚠) – moers.de",
        "unbekannt",
    )
    long = sourcing.Source("lang", "Ein sehr langer Titel " * 5, "", "", "")
    cut = print_sources.area_sources(
        ["lang"], sourcing=sourcing.Sourcing({"lang": long}, dt.date(2026, 12, 1), 5)
    )[0]
    assert cut.endswith("… (o. J.)") and len(cut) < 70
    page = print_summary.AreaPage(
        slug="x", name="X", description="", ranking=_ranking(["A"], [1.0]), sources=shown
    )
    document = print_summary.summary_html([page], CONTEXT, "de")
    assert "Moers &lt;Portal&gt; (19.02.2013 ⚠) – moers.de" in document
    assert '<p class="meta">in Klammern der Stand der Quelle, ⚠ = älter als 5 Jahre</p>' in document


def _parts(document: str) -> list[str]:
    """The class of every top-level section, in order: each starts a new page."""
    return re.findall(r'<section class="(\w+)"', document)


def test_the_document_runs_cover_overview_areas_sources_and_ends_with_the_date(models) -> None:
    pages = [
        print_summary.AreaPage(
            slug=slug,
            name=f"Bereich {slug}",
            description="",
            ranking=area_model.rank_area(model, WeightSet()),
            sources=("Quelle A",),
        )
        for slug, model in models.items()
    ]
    context = dataclasses.replace(CONTEXT, printed="02.12.2026")
    document = print_summary.summary_html(pages, context, "de")
    assert _parts(document) == ["cover", "overview", *["area"] * len(pages), "sources"]
    cover = document.split('<section class="cover">')[1].split("</section>")[0]
    for fact in (
        "Stadt Mülheim an der Ruhr",
        "<dt>Erstellt am</dt><dd>02.12.2026</dd>",
        "<dd>Datenstand 3 vom 01.12.2026</dd>",
        "<dd>Ausgewogen</dd>",
        "<dd>Nutzwertanalyse</dd>",
        "<dd>Kosten 34 % · Bürgernutzen 33 % · Umsetzbarkeit 33 %</dd>",
        "<dd>5 Jahre (Kosten-Barwert)</dd>",
    ):
        assert fact in cover, fact
    assert cover.count("<li>") == len(pages)
    overview = document.split('<section class="overview">')[1].split("</section>")[0]
    for page in pages:  # every area's recommendation in the overview
        top = page.ranking.iloc[0]["option"]
        assert f"<strong>{html.escape(top)}</strong>" in overview, page.slug
    assert "Einmalinvestition gesamt" in overview and "− heißt Einsparung" in overview
    total = sum(float(p.ranking.iloc[0]["investment"]) for p in pages)
    assert fmt.eur(total, 0, "de") in overview
    tail = document.split('<section class="sources">')[1]
    assert "Erstellt am 02.12.2026 mit dem IT-Reorg-Cockpit" in tail
    # the page footer: title left, "Seite n von m" right (CSS margin boxes)
    assert 'counter(page) " von " counter(pages)' in document
    assert "default-src 'none'" in document  # no script, nothing loaded from outside


def test_one_area_has_no_overview_and_english_is_english() -> None:
    page = print_summary.AreaPage(
        slug="x", name="X", description="", ranking=_ranking(["A", "B"], [0.8, 0.5])
    )
    document = print_summary.summary_html([page], CONTEXT, "en")
    assert _parts(document) == ["cover", "area"]  # no sources listed, no overview
    assert "City of Mülheim an der Ruhr" in document and "Seite" not in document
    assert 'counter(page) " of " counter(pages)' in document


def test_a_quote_in_the_title_cannot_leave_the_css_string() -> None:
    page = print_summary.AreaPage(
        slug="x", name='A"}body{x:y', description="", ranking=_ranking(["A"], [0.8])
    )
    document = print_summary.summary_html([page], CONTEXT, "de")
    css = document.split("<style>")[1].split("</style>")[0]
    assert '"}body{' not in css and "\\22 " in css
