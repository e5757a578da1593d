"""The dashboard's read-only tables: core's display tables (cached as Arrow where they do not
depend on the weights) shown as plain HTML tables that fit any width (:func:`static`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

from core import views
from ui import data, text


def ranking_table(ranking: pd.DataFrame, horizon_years: int, method: str) -> pd.DataFrame:
    """The ranking with German labels and numbers already formatted (1.234.567 €, 45,6),
    under the short headers of its number columns (it must fit 1024 px beside the sidebar)."""
    lang = text.lang()
    view = views.ranking_table(ranking, lang, horizon_years, method=method)
    return view.rename(columns=views.ranking_short_headers(lang, horizon_years, method=method))


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
    lang = text.lang()
    cells = []  # escaped over plain lists: Series.map over Arrow strings costs far more
    for position, (name, column) in enumerate(frame.items()):
        if name in markdown or pd.api.types.is_numeric_dtype(column):
            cells.append((position, column.to_numpy()))
        else:
            cells.append((position, _escaped(column.tolist())))
    shown = pd.DataFrame(dict(cells))
    shown.columns = [views.soft_hyphens(str(c), lang) for c in frame.columns]
    _draw(shown, key, list(frame.columns), numeric, styled)


def static_texts(
    columns: Mapping[str, list[str]], key: str, numeric: list[str] | None = None
) -> None:
    """:func:`static` of a table given as its columns of text (numbers already formatted):
    the same table, built once for display instead of as a frame first (the Übersicht's
    chosen set, drawn on every slider move). Every cell is escaped."""
    lang = text.lang()
    shown = pd.DataFrame(
        {views.soft_hyphens(str(name), lang): _escaped(values) for name, values in columns.items()}
    )
    _draw(shown, key, list(columns), numeric, True)


def _escaped(values: list[Any]) -> list[Any]:
    """A column's cells with every text escaped for ``st.table``'s Markdown (data, never
    markup)."""
    return [views.md(v) if isinstance(v, str) else v for v in values]


def _draw(
    shown: pd.DataFrame, key: str, names: list[object], numeric: list[str] | None, styled: bool
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


def _arrow(frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame, preserve_index=False)


# Weight-independent tables: built once per data version, area, option and language, and
# shared read-only (an Arrow table cannot be changed in place).


@data.cache_resource(max_entries=64)
def systems_view(version: int, area: str, lang: str) -> pa.Table:
    """The current systems of an area; empty when it has none."""
    return _arrow(views.systems_table(data.systems(version, area), lang, data.sourcing(version)))


@data.cache_resource(max_entries=256)
def assessment_view(version: int, area: str, option_id: str, lang: str) -> pa.Table:
    """Every assessment of one option with rationale, source and estimate marker."""
    criteria = data.criteria(version)
    return _arrow(
        views.assessment_table(
            data.assessments(version, area), option_id, criteria, lang, data.sourcing(version)
        )
    )


@data.cache_resource(max_entries=256)
def cost_line_view(version: int, area: str, option_id: str, lang: str) -> pa.Table:
    """The cost lines of one option."""
    return _arrow(
        views.cost_line_table(
            data.cost_lines(version, area), option_id, lang, data.sourcing(version)
        )
    )


def static_with_sources(
    table: Any, key: str, numeric: list[str] | None = None, addresses: tuple[str, ...] = ()
) -> None:
    """:func:`static` for a table with a marker column (``<link>#<text>``, see
    :func:`source_columns`): the marker becomes a Markdown link to its source on the
    Methodik page; every other cell is data text and is shown literally."""
    frame = table.to_pandas() if hasattr(table, "to_pandas") else table.copy()
    marker = text.t("col_estimate")
    links = tuple(c for c in frame.columns if c == marker or c in addresses)
    for column in links:
        # a link only from the address field, its domain visible
        frame[column] = frame[column].map(_marker_link if column == marker else _address_link)
    static(frame, key, numeric, markdown=links)


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
