"""The dashboard's read-only tables: core's display tables (cached as Arrow where they do not
depend on the weights) shown as plain HTML tables that fit any width (:func:`static`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util

from core import i18n, views
from ui import data, text


def ranking_table(ranking: pd.DataFrame, horizon_years: int, method: str) -> pd.DataFrame:
    """The ranking with German labels and numbers already formatted (1.234.567 €, 45,6),
    under the short headers of its number columns (it must fit 1024 px beside the sidebar)."""
    lang = text.lang()
    view = views.ranking_table(ranking, lang, horizon_years, method=method)
    return view.rename(columns=views.ranking_short_headers(lang, horizon_years, method=method))


@dataclass(frozen=True)
class Shown:
    """A read-only table ready for ``st.table``: every text cell escaped (or, in a Markdown
    column, built from escaped parts), the headings hyphenated, as Arrow. Cached ones are
    shared read-only (an Arrow table cannot be changed in place)."""

    table: pa.Table
    names: tuple[str, ...]  # the headings before hyphenation (what ``numeric`` names)

    @property
    def num_rows(self) -> int:
        return self.table.num_rows


def prepared(frame: pd.DataFrame, lang: str, markdown: tuple[str, ...] = ()) -> Shown:
    """``frame`` as :func:`static` shows it: text cells escaped except in the ``markdown``
    columns, numbers as they are, headings hyphenated for ``lang``."""
    cells = []  # escaped over plain lists: Series.map over Arrow strings costs far more
    for position, (name, column) in enumerate(frame.items()):
        if name in markdown or pd.api.types.is_numeric_dtype(column):
            cells.append((position, column.to_numpy()))
        else:
            cells.append((position, _escaped(column.tolist())))
    shown = pd.DataFrame(dict(cells))
    shown.columns = [views.soft_hyphens(str(c), lang) for c in frame.columns]
    # Streamlit's own conversion (with its fixes for mixed columns): the bytes sent are those
    # st.table would send for the frame.
    return Shown(dataframe_util.convert_pandas_df_to_arrow_table(shown), tuple(frame.columns))


def static(
    frame: pd.DataFrame,
    key: str,
    numeric: list[str] | None = None,
    markdown: tuple[str, ...] = (),
    *,
    styled: bool = True,
) -> None:
    """A read-only table as plain HTML (``st.table``) in a container keyed ``key``: it takes
    the width there is and wraps its text, so it never scrolls sideways (a word too long for
    its cell, such as a URL, breaks where it must). The ``numeric`` columns (already
    formatted) are right-aligned, header included, and kept on one line. A heading never
    breaks inside a word except at a syllable of a long word (soft hyphens).

    ``st.table`` renders Markdown in its cells; every text cell is data and is escaped
    (:func:`core.views.md`) except in the ``markdown`` columns, which the caller built as
    Markdown from escaped parts (links to sources).

    A few CSS rules scoped to the container do this; a pandas Styler would cost about 13 ms
    per table and run (Streamlit aligns text columns left by an inline style, so the rule
    needs ``!important``).

    ``styled=False``: the caller has drawn the rules already with :func:`static_style`
    (outside a fragment, so that a fragment rerun does not send them again)."""
    draw(prepared(frame, text.lang(), markdown), key, numeric, styled=styled)


def draw(shown: Shown, key: str, numeric: list[str] | None = None, *, styled: bool = True) -> None:
    """A table prepared by :func:`prepared` (or :func:`with_sources`) as :func:`static`
    draws it: what a page shows unchanged on every run is prepared once and cached."""
    _draw(shown.table, key, list(shown.names), numeric, styled)


def static_texts(
    columns: Mapping[str, list[str]],
    key: str,
    numeric: list[str] | None = None,
    *,
    styled: bool = True,
) -> None:
    """:func:`static` of a table given as its columns of text (numbers already formatted):
    the same table, built once for display instead of as a frame first (the Übersicht's
    chosen set, drawn on every slider move). Every cell is escaped. ``styled`` as there."""
    lang = text.lang()
    shown = pd.DataFrame(
        {views.soft_hyphens(str(name), lang): _escaped(values) for name, values in columns.items()}
    )
    _draw(shown, key, list(columns), numeric, styled)


def _escaped(values: list[Any]) -> list[Any]:
    """A column's cells with every text escaped for ``st.table``'s Markdown (data, never
    markup)."""
    return [views.md(v) if isinstance(v, str) else v for v in values]


def _draw(
    shown: pd.DataFrame | pa.Table,
    key: str,
    names: list[object],
    numeric: list[str] | None,
    styled: bool,
) -> None:
    """The table ``shown`` in its container, with its rules unless drawn already; ``names``
    the column names before hyphenation (what ``numeric`` names)."""
    with st.container(key=key):
        if styled:
            positions = [str(i + 1) for i, c in enumerate(names) if c in (numeric or [])]
            static_style(key, positions)
        st.table(shown, hide_index=True)


def static_style(key: str, numeric: list[str]) -> None:
    """The CSS rules of the :func:`static` table keyed ``key``: wrapping, and right-aligned
    number columns at the positions ``numeric`` (CSS ``nth-child`` arguments: ``"3"`` the
    third column, ``"n+5"`` the fifth and every one after it). The rules reach the table
    wherever it is drawn; drawn outside a fragment they stay while the fragment reruns
    (the Bereich's ranking: one element less per slider move)."""
    scope = f".st-key-{key} [data-testid='stTable']"
    # The cell's text sits in a Markdown paragraph with wrapping rules of its own.
    rules = [
        f"{scope} :is(td, th), {scope} :is(td, th) * "
        "{ white-space: normal !important; overflow-wrap: anywhere !important; }",
        # A heading breaks only between words or at a soft hyphen (views.soft_hyphens puts
        # them at the syllables of long words), never anywhere inside a word.
        f"{scope} th, {scope} th * "
        "{ overflow-wrap: normal !important; word-break: normal !important;"
        " hyphens: manual !important; }",
    ]
    for n in numeric:  # a number stays on one line; its header may wrap at spaces
        rules.append(f"{scope} :is(td, th):nth-child({n}) {{ text-align: right !important; }}")
        rules.append(
            f"{scope} td:nth-child({n}), {scope} td:nth-child({n}) * "
            "{ white-space: nowrap !important; overflow-wrap: normal !important; }"
        )
    st.html(f"<style>{' '.join(rules)}</style>")


# Weight-independent tables: prepared for display once per data version, area, option and
# language, and shared read-only.


@data.cache_resource(max_entries=64)
def systems_view(version: int, area: str, lang: str) -> Shown:
    """The current systems of an area; no rows when it has none."""
    return with_sources(
        views.systems_table(data.systems(version, area), lang, data.sourcing(version)), lang
    )


@data.cache_resource(max_entries=256)
def assessment_view(version: int, area: str, option_id: str, lang: str) -> Shown:
    """Every assessment of one option with rationale, source and estimate marker."""
    criteria = data.criteria(version)
    return with_sources(
        views.assessment_table(
            data.assessments(version, area), option_id, criteria, lang, data.sourcing(version)
        ),
        lang,
    )


@data.cache_resource(max_entries=256)
def cost_line_view(version: int, area: str, option_id: str, lang: str) -> Shown:
    """The cost lines of one option."""
    return with_sources(
        views.cost_line_table(
            data.cost_lines(version, area), option_id, lang, data.sourcing(version)
        ),
        lang,
    )


def with_sources(frame: pd.DataFrame, lang: str, addresses: tuple[str, ...] = ()) -> Shown:
    """:func:`prepared` for a table with a marker column (``<link>#<text>``, see
    :func:`source_columns`): the marker becomes a Markdown link to its source on the
    Methodik page, each of the ``addresses`` columns a link showing its domain; every other
    cell is data text and is shown literally."""
    marker = i18n.t("col_estimate", lang)
    links = tuple(c for c in frame.columns if c == marker or c in addresses)
    if links:
        frame = frame.assign(
            **{  # a link only from the address field, its domain visible
                str(c): frame[c].map(_marker_link if c == marker else _address_link) for c in links
            }
        )
    return prepared(frame, lang, markdown=links)


def static_with_sources(
    frame: pd.DataFrame, key: str, numeric: list[str] | None = None, addresses: tuple[str, ...] = ()
) -> None:
    """:func:`static` of :func:`with_sources` (a table that changes with the page's filters)."""
    draw(with_sources(frame, text.lang(), addresses), key, numeric)


def _address_link(value: object) -> object:
    if not isinstance(value, str) or not value:
        return "–"
    found = re.match(views.ADDRESS_DISPLAY, value)
    domain = found.group(1) if found else value
    return f"[{views.md(domain)}]({value.replace(')', '%29').replace(' ', '%20')})"


def _marker_link(value: object) -> object:
    if not isinstance(value, str) or "#" not in value:
        return value
    link, label = value.split("#", 1)
    return f"[{views.md(label)}]({link})" if link else views.md(label)


def source_columns() -> dict[str, st.column_config.Column]:
    """Column config of a table with a marker and a source column: the marker is a link to
    its source on the Methodik page (shown as its text), the source column wraps."""
    return {
        text.t("col_estimate"): st.column_config.LinkColumn(
            display_text=views.MARKER_DISPLAY, width="medium"
        ),
    }
