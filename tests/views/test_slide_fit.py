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
    assert slide_fit.text_lines(["**A**" + "x" * 118]) == 1  # 119 characters shown
    assert slide_fit.text_lines(["x" * 121]) == 2
    assert slide_fit.text_lines(["a", "b", " "]) == 2


def test_more_text_or_a_taller_chart_gives_a_smaller_root_font() -> None:
    short = slide_fit.area_text_rem(["x" * 50], ["y" * 50], "meta")
    long = slide_fit.area_text_rem(["x" * 50, "z" * 200], ["y" * 250], "m" * 200)
    assert long > short
    css = slide_fit.area_root_font(400, long)
    assert css.startswith(f"max({slide_fit.ROOT_FONT_MIN}px, min({slide_fit.ROOT_FONT}, calc(")
    px, rem = re.search(r"calc\(\(100vh - (\d+)px\) / ([\d.]+)\)", css).groups()
    assert int(px) == 400 and float(rem) == round(long + slide_fit.CHART_THEME_REM, 2)
    # At 1280×720 the text gets what the chart leaves: (720 − 400) px over the slide's rem.
    assert (720 - 400) / float(rem) < 720 * 0.026


LABELS = {g: g.title() for g in GROUPS}


def _empty_ranking() -> pd.DataFrame:
    columns = {"option": str, "rank": int, "score": float, **dict.fromkeys(GROUPS, float)}
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})
