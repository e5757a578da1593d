"""Cached store access: one DuckDB connection per process, a cursor per call.

Reads are cached by the data version, so an edit (which raises the version) is seen at
once, and a slider move never touches the database. The small catalogue frames that every
run reads (areas, criteria, presets, estimate shares) are cached as shared resources, so a
run does not pay for unpickling copies: callers derive new frames and never change them in
place.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import streamlit as st

from core import scoring, settings, store, views


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return store.open_seeded(path)


def cursor() -> duckdb.DuckDBPyConnection:
    """A fresh cursor on the shared connection (DuckDB: one cursor per thread)."""
    return _connection(settings.get("db_path")).cursor()


def version() -> tuple[int, str]:
    """(data version, date) – read on every run; it is the cache key of everything else."""
    with cursor() as cur:
        return store.data_version(cur)


@st.cache_resource(show_spinner=False, max_entries=4)
def areas(data_version: int) -> pd.DataFrame:
    with cursor() as cur:
        return store.areas(cur)


@st.cache_resource(show_spinner=False, max_entries=4)
def catalogue(data_version: int) -> store.Catalogue:
    """Area names and descriptions as plain dicts, built once per data version."""
    return store.catalogue(areas(data_version))


@st.cache_resource(show_spinner=False, max_entries=4)
def criteria(data_version: int) -> pd.DataFrame:
    with cursor() as cur:
        return store.criteria(cur)


@st.cache_resource(show_spinner=False, max_entries=4)
def presets(data_version: int) -> pd.DataFrame:
    with cursor() as cur:
        return store.weight_profiles(cur, "preset")


@st.cache_data(show_spinner=False)
def systems(data_version: int, area: str) -> pd.DataFrame:
    with cursor() as cur:
        return store.systems(cur, area)


@st.cache_data(show_spinner=False)
def assessments(data_version: int, area: str) -> pd.DataFrame:
    with cursor() as cur:
        return store.assessments(cur, area)


@st.cache_data(show_spinner=False)
def cost_lines(data_version: int, area: str) -> pd.DataFrame:
    with cursor() as cur:
        return store.cost_lines(cur, area)


@st.cache_data(show_spinner=False)
def sources(data_version: int, area: str | None = None) -> pd.DataFrame:
    """The sources table with what cites each source, optionally of one area."""
    with cursor() as cur:
        return store.sources(cur, area)


@st.cache_data(show_spinner=False)
def cited_rows(data_version: int) -> pd.DataFrame:
    with cursor() as cur:
        return store.cited_rows(cur)


@st.cache_resource(show_spinner=False, max_entries=4)
def _sourcing(data_version: int, today: str, max_age_years: int) -> views.Sourcing:
    return views.Sourcing(
        views.source_registry(sources(data_version)),
        dt.date.fromisoformat(today),
        max_age_years,
    )


def sourcing(data_version: int) -> views.Sourcing:
    """Sources by key, today's date and the age limit, for tables that show sources."""
    return _sourcing(
        data_version, dt.date.today().isoformat(), settings.get("source_max_age_years")
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def estimate_share(data_version: int) -> pd.DataFrame:
    with cursor() as cur:
        return store.estimate_share(cur)


@st.cache_resource(show_spinner=False, max_entries=8)
def models(
    data_version: int, horizon_years: int, discount_rate: float
) -> dict[str, scoring.AreaModel]:
    """Built area models. A resource, not data: shared read-only (frozen, read-only matrix)
    objects, so a rerun does not pay for unpickling a copy."""
    with cursor() as cur:
        return scoring.load_areas(cur, horizon_years, discount_rate)
