"""How large the type on a projector slide may be so that the whole slide fits the screen.

An area slide is text (title, meta line, recommendation box, stability sentence, slide
buttons), whose size follows the root font (rem), and the bar chart, whose type and rows are
fixed in pixels (Vega knows no rem). The chart's font is chosen from the number of options so
that the chart takes at most half of the smallest projector picture (720 px high); the root
font then gets what is left of the viewport's height, ``(100vh − chart px) / slide rem``,
and never more than ROOT_FONT, the size of the slides without a chart. The rem figures
below were measured in Chromium (tests/browser/test_present.py checks every slide at
1280×720, 1024×768 and 1920×1080).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from core.views.charts import ranking_row_height

DESIGN_HEIGHT_PX = 720  # 1280×720, the smallest projector picture
CHART_SHARE = 0.5  # of DESIGN_HEIGHT_PX at most for the chart's fixed-pixel part
CHART_FONT_MAX = 18
CHART_FONT_MIN = 12
# The chart's frame beyond its rows: legend, x axis labels and title (each a line of text in
# the chart's font) plus Streamlit's theme paddings, which scale with the root font.
CHART_TEXT_LINES = 3.7  # × chart font, px
CHART_THEME_REM = 4.0  # measured 3.66 rem (Vega paddings from Streamlit's theme)
CHART_SLACK_PX = 4
# The text of an area slide in rem at the root font: page padding, gaps between elements,
# title, one meta line, the slide buttons, the box's padding (measured 10.2 rem), then per
# line of the box and of the stability sentence.
AREA_FIXED_REM = 10.5
BOX_LINE_REM = 1.5
SENTENCE_LINE_REM = 1.6
META_LINE_REM = 1.2
# Characters per rem of line width, counted low: measured 2.05 to 2.2 for body text (a
# 135-character sentence fits 65 rem; a 130-character one wraps at 61 rem).
CHARS_PER_REM = 1.95
META_FONT_REM = 0.8  # the meta line's size
BOX_PADDING_REM = 1.8  # the recommendation box's padding left and right
PAGE_PADDING_REM = 3.0  # the slide's padding left and right
# Text column widths (rem) for which the slide's height is estimated. The smallest is the
# narrowest a projector gives (1024 px at 16 px, 1280 px at 1.5vw: 61-64 rem); the wider
# ones apply when the type is smaller, and let the type grow back into the room that
# fewer lines leave.
TEXT_WIDTHS_REM = (61, 70, 80, 95)
ROOT_FONT = "clamp(16px, min(1.5vw, 2.6vh), 28px)"  # slides without a chart
ROOT_FONT_MIN = 13  # px, an area slide with a tall chart

_MARKUP = re.compile(r"\*\*|\\(?=[^\w\s])")


def text_lines(paragraphs: Iterable[str], chars_per_line: int) -> int:
    """Lines the paragraphs take (each paragraph starts a new line), Markdown marks not counted."""
    return sum(
        max(1, math.ceil(len(_MARKUP.sub("", p).strip()) / chars_per_line))
        for p in paragraphs
        if p.strip()
    )


def chart_height_px(options: int, label_lines: int, font_size: int) -> int:
    """The fixed-pixel part of the ranking chart's height (its rem part is CHART_THEME_REM)."""
    rows = options * ranking_row_height(font_size, label_lines, wrapped=True)
    return rows + math.ceil(CHART_TEXT_LINES * font_size) + CHART_SLACK_PX


def chart_font(options: int, label_lines: int) -> int:
    """The largest chart font (CHART_FONT_MIN…CHART_FONT_MAX) whose chart stays within
    CHART_SHARE of the smallest projector picture; the minimum when none does."""
    budget = CHART_SHARE * DESIGN_HEIGHT_PX
    for size in range(CHART_FONT_MAX, CHART_FONT_MIN - 1, -1):
        if chart_height_px(options, label_lines, size) <= budget:
            return size
    return CHART_FONT_MIN


def area_text_rem(
    box: Sequence[str], sentence: Sequence[str], meta: str, width_rem: float
) -> float:
    """The rem an area slide's text takes in a text column ``width_rem`` wide: fixed parts,
    the box's and the sentence's lines, and the meta line's extra lines when it wraps."""
    body = int(CHARS_PER_REM * width_rem)
    in_box = int(CHARS_PER_REM * (width_rem - BOX_PADDING_REM))
    meta_extra = text_lines([meta], int(CHARS_PER_REM * width_rem / META_FONT_REM)) - 1
    return (
        AREA_FIXED_REM
        + BOX_LINE_REM * text_lines(box, in_box)
        + SENTENCE_LINE_REM * text_lines(sentence, body)
        + META_LINE_REM * meta_extra
    )


def area_root_font(chart_px: int, box: Sequence[str], sentence: Sequence[str], meta: str) -> str:
    """The CSS root font size of an area slide, never more than ROOT_FONT.

    For each text width w of TEXT_WIDTHS_REM: the font at which the slide's text (its lines
    counted at width w) and the chart fill the viewport's height, but only as large as
    keeps the text column at least w rem wide (``100vw / (w + page padding)``), so the
    lines counted are not too few. The largest of these fits; the text is never smaller
    than ROOT_FONT_MIN."""
    candidates = []
    for width in TEXT_WIDTHS_REM:
        rem = area_text_rem(box, sentence, meta, width) + CHART_THEME_REM
        candidates.append(
            f"min(calc((100vh - {chart_px}px) / {rem:.2f}), "
            f"calc(100vw / {width + PAGE_PADDING_REM:g}))"
        )
    return f"max({ROOT_FONT_MIN}px, min({ROOT_FONT}, max({', '.join(candidates)})))"
