"""The dashboard's tables: core's display tables, cached where they do not depend on the
weights, and handed to ``st.dataframe`` as Arrow tables (no pandas conversion per run)."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from core import tables
from ui import data, text


def ranking_table(ranking: pd.DataFrame, horizon_years: int, method: str) -> pd.DataFrame:
    """The ranking with German labels and numbers already formatted (1.234.567 €, 45,6)."""
    return tables.ranking_table(ranking, text.lang(), horizon_years, method=method)


def right_aligned(frame: pd.DataFrame, first: int) -> dict[str, st.column_config.Column]:
    """Column config aligning the formatted number columns (from index ``first``) right."""
    return {c: st.column_config.TextColumn(alignment="right") for c in frame.columns[first:]}


def _arrow(frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame, preserve_index=False)


# Weight-independent tables: built once per data version, area, option and language, and
# shared read-only (an Arrow table cannot be changed in place).


@st.cache_resource(show_spinner=False, max_entries=64)
def systems_view(version: int, area: str, lang: str) -> pa.Table:
    """The current systems of an area; empty when it has none."""
    return _arrow(tables.systems_table(data.systems(version, area), lang))


@st.cache_resource(show_spinner=False, max_entries=256)
def assessment_view(version: int, area: str, option_id: str, lang: str) -> pa.Table:
    """Every assessment of one option with rationale, source and estimate marker."""
    criteria = data.criteria(version)
    return _arrow(
        tables.assessment_table(data.assessments(version, area), option_id, criteria, lang)
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def cost_line_view(version: int, area: str, option_id: str, lang: str) -> pa.Table:
    """The cost lines of one option."""
    return _arrow(tables.cost_line_table(data.cost_lines(version, area), option_id, lang))
