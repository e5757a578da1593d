"""The dashboard's tables: core's display tables, cached where they do not depend on the
weights, and handed to ``st.dataframe`` as Arrow tables (no pandas conversion per run)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

from core import views
from ui import data, text

# Pixels a table may take to fit without a horizontal scrollbar: a 1400 px window with the
# sidebar open leaves 938 px of content; a few to spare for wider numbers in other data.
FIT_WIDTH = 920
# Streamlit wraps text in a cell only when rows are taller than 4rem (64 px). A wrapped line
# takes LINE_PX, the text CELL_PADDING_PX less than its column. A table of wrapped rows is at
# most MAX_HEIGHT_PX high (two thirds of a 900 px window) and scrolls beyond.
WRAP_MIN_ROW_PX = 65
LINE_PX = 18
ROW_PADDING_PX = 14
CELL_PADDING_PX = 18
HEADER_PX = 36
MAX_HEIGHT_PX = 600


def wrap_layout(columns: list[tuple[int, list[str]]]) -> dict[str, Any]:
    """``row_height`` and ``height`` for ``st.dataframe`` such that the texts of every
    (width in pixels, texts) column wrap whole; no arguments when all fit on one line."""
    lines = max(
        (
            views.wrapped_lines(str(s), width - CELL_PADDING_PX)
            for width, texts in columns
            for s in texts
        ),
        default=1,
    )
    if lines <= 1:
        return {}
    row = max(WRAP_MIN_ROW_PX, lines * LINE_PX + ROW_PADDING_PX)
    rows = max((len(texts) for _, texts in columns), default=0)
    content = HEADER_PX + rows * row + 2
    return {"row_height": row, "height": "content" if content <= MAX_HEIGHT_PX else MAX_HEIGHT_PX}


def number_column(full: str, short: str | None = None) -> st.column_config.Column:
    """A right-aligned column of formatted numbers, sized to fit them, under ``short`` if
    given; the full header is then the tooltip."""
    label = short or full
    return st.column_config.TextColumn(
        label, help=full if label != full else None, alignment="right"
    )


# Widths in pixels of the ranking's text columns. The number columns size themselves to their
# short headers and values (never cut); with these widths the table fits the 938 px of
# content a 1400 px window leaves beside the open sidebar. Longer names wrap
# (:func:`ranking_wrap`).
RANKING_TEXT_WIDTHS = {"col_option": 190, "col_pathway": 124, "col_partner": 150}
# The partner column grows up to this width when one word of a partner's name would not fit
# (the grid breaks lines only at spaces: "Geonetzwerk.metropoleRuhr"); the option column
# gives the room back.
PARTNER_MAX_PX = 200


def ranking_text_widths(frame: pd.DataFrame) -> dict[str, int]:
    """Widths of the ranking's text columns by header, fitted to the partners' longest word."""
    widths = {text.t(key): px for key, px in RANKING_TEXT_WIDTHS.items()}
    option, partner = text.t("col_option"), text.t("col_partner")
    if partner in frame:
        words = [w for name in frame[partner].astype(str) for w in name.split()]
        longest = max((views.text_px(w) for w in words), default=0.0)
        wanted = min(PARTNER_MAX_PX, max(widths[partner], int(longest + CELL_PADDING_PX + 4)))
        widths[option] -= wanted - widths[partner]
        widths[partner] = wanted
    return widths


def ranking_wrap(frame: pd.DataFrame) -> dict[str, Any]:
    """``row_height``/``height`` for the ranking table so option, pathway and partner names
    wrap whole in their fixed-width columns (see :func:`wrap_layout`)."""
    return wrap_layout(
        [
            (px, frame[header].astype(str).tolist())
            for header, px in ranking_text_widths(frame).items()
        ]
    )


def ranking_table(ranking: pd.DataFrame, horizon_years: int, method: str) -> pd.DataFrame:
    """The ranking with German labels and numbers already formatted (1.234.567 €, 45,6).

    ``attrs["short_headers"]`` maps long number headers to the short ones shown on screen."""
    lang = text.lang()
    view = views.ranking_table(ranking, lang, horizon_years, method=method)
    view.attrs["short_headers"] = views.ranking_short_headers(lang, horizon_years, method=method)
    return view


def right_aligned(frame: pd.DataFrame, first: int) -> dict[str, st.column_config.Column]:
    """Column config for a table whose columns from index ``first`` on are formatted numbers:
    those are right-aligned and sized to fit, under the short header from
    ``frame.attrs["short_headers"]`` (the full header becomes the tooltip); the known text
    columns before them get the widths of :func:`ranking_text_widths`."""
    widths = ranking_text_widths(frame)
    short: dict[str, str] = frame.attrs.get("short_headers", {})
    config: dict[str, st.column_config.Column] = {
        c: st.column_config.TextColumn(width=widths[c])
        for c in frame.columns[:first]
        if c in widths
    }
    for c in frame.columns[first:]:
        config[c] = number_column(c, short.get(c))
    return config


def _arrow(frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame, preserve_index=False)


# Weight-independent tables: built once per data version, area, option and language, and
# shared read-only (an Arrow table cannot be changed in place).


@st.cache_resource(show_spinner=False, max_entries=64)
def systems_view(version: int, area: str, lang: str) -> pa.Table:
    """The current systems of an area; empty when it has none."""
    return _arrow(views.systems_table(data.systems(version, area), lang, data.sourcing(version)))


@st.cache_resource(show_spinner=False, max_entries=256)
def assessment_view(version: int, area: str, option_id: str, lang: str) -> pa.Table:
    """Every assessment of one option with rationale, source and estimate marker."""
    criteria = data.criteria(version)
    return _arrow(
        views.assessment_table(
            data.assessments(version, area), option_id, criteria, lang, data.sourcing(version)
        )
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def cost_line_view(version: int, area: str, option_id: str, lang: str) -> pa.Table:
    """The cost lines of one option."""
    return _arrow(
        views.cost_line_table(
            data.cost_lines(version, area), option_id, lang, data.sourcing(version)
        )
    )


def source_columns() -> dict[str, st.column_config.Column]:
    """Column config of a table with a marker and a source column: the marker is a link to
    its source on the Methodik page (shown as its text), the source column wraps."""
    return {
        text.t("col_estimate"): st.column_config.LinkColumn(
            display_text=views.MARKER_DISPLAY, width="medium"
        ),
    }
