"""The projector slide's type: chart font from the number of options, root font from what
the viewport's height leaves beside the chart."""

from __future__ import annotations

import re

import pandas as pd

from core.scoring.weights import GROUPS
from core.views import charts, slide_fit


def test_chart_font_shrinks_with_more_options_and_stays_within_its_share() -> None:
    fonts = [slide_fit.chart_font(n, 2) for n in range(1, 16)]
    assert fonts == sorted(fonts, reverse=True)  # more options never get a larger font
    assert fonts[0] == slide_fit.CHART_FONT_MAX and fonts[-1] == slide_fit.CHART_FONT_MIN
    budget = slide_fit.CHART_SHARE * slide_fit.DESIGN_HEIGHT_PX
    for n, font in enumerate(fonts, start=1):
        if font > slide_fit.CHART_FONT_MIN:
            assert slide_fit.chart_height_px(n, 2, font) <= budget, n


def test_chart_height_counts_the_rows_ranking_bars_draws() -> None:
    row = charts.ranking_row_height(17, 2, wrapped=True)
    assert slide_fit.chart_height_px(6, 2, 17) - slide_fit.chart_height_px(5, 2, 17) == row
    spec = charts.ranking_bars(
        charts.ranking_frame(_empty_ranking(), LABELS),
        LABELS,
        title="",
        x_title="x",
        y_title="y",
        legend_title="g",
        font_size=17,
        label_wrap=36,
        label_lines=2,
    ).to_dict()
    assert spec["height"] == {"step": row}


def test_text_lines_count_paragraphs_and_ignore_markdown() -> None:
    assert slide_fit.text_lines(["**A**" + "x" * 118], 120) == 1  # 119 characters shown
    assert slide_fit.text_lines(["x" * 121], 120) == 2
    assert slide_fit.text_lines(["a", "b", " "], 120) == 2


def test_a_wider_column_or_less_text_takes_fewer_rem() -> None:
    box, sentence, meta = ["x" * 130, "y" * 126], ["z" * 185], "m" * 149
    narrow = slide_fit.area_text_rem(box, sentence, meta, 61)
    wide = slide_fit.area_text_rem(box, sentence, meta, 95)
    assert narrow > wide >= slide_fit.AREA_FIXED_REM
    assert slide_fit.area_text_rem(["x"], ["y"], "m", 61) < narrow


def _font_at(css: str, width: float, height: float) -> float:
    """Evaluate area_root_font's CSS for a viewport (the subset of CSS it uses)."""
    expr = css.replace("px", "").replace("calc", "")
    expr = re.sub(r"([\d.]+)vw", lambda m: f"({m.group(1)} * {width} / 100)", expr)
    expr = re.sub(r"([\d.]+)vh", lambda m: f"({m.group(1)} * {height} / 100)", expr)
    expr = expr.replace("clamp(16, ", "max(16, min(").replace(", 28)", ", 28))")
    return float(eval(expr, {"max": max, "min": min}))  # noqa: S307 - our own arithmetic


def test_the_root_font_fits_the_counted_text_beside_the_chart() -> None:
    box, sentence, meta = ["x" * 130, "y" * 126], ["z" * 185], "m" * 149
    chart_px = 343
    css = slide_fit.area_root_font(chart_px, box, sentence, meta)
    for width, height in ((1280, 720), (1024, 768), (1920, 1080), (1366, 600)):
        font = _font_at(css, width, height)
        assert font <= min(28, max(16, min(0.015 * width, 0.026 * height))) + 1e-9
        column = width / font - slide_fit.PAGE_PADDING_REM
        # the text, counted at the narrowest listed width the column still reaches, fits
        counted = max(w for w in slide_fit.TEXT_WIDTHS_REM if w <= column)
        rem = slide_fit.area_text_rem(box, sentence, meta, counted) + slide_fit.CHART_THEME_REM
        assert chart_px + rem * font <= height + 1e-6 or font == slide_fit.ROOT_FONT_MIN
    # fewer lines in a wider column let the type grow: larger than the narrowest estimate
    narrowest = slide_fit.area_text_rem(box, sentence, meta, 61) + slide_fit.CHART_THEME_REM
    assert _font_at(css, 1280, 720) > (720 - chart_px) / narrowest


LABELS = {g: g.title() for g in GROUPS}


def _empty_ranking() -> pd.DataFrame:
    columns = {"option": str, "rank": int, "score": float, **dict.fromkeys(GROUPS, float)}
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})
