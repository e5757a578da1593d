"""Cached store access: one DuckDB connection per process, a cursor per call.

Reads are cached by the data version, so an edit (which raises the version) is seen at
once, and a slider move never touches the database. The small catalogue frames that every
run reads (areas, criteria, presets, estimate shares) are cached as shared resources, so a
run does not pay for unpickling copies: callers derive new frames and never change them in
place.
"""

from __future__ import annotations

import datetime as dt
import time

import duckdb
import pandas as pd
import streamlit as st

from core import scoring, settings, store, views
from ui import text
from ui.text import t

APP_WAIT_SECONDS = 2.0  # a page waits this long for a store held elsewhere …
RETRY_SECONDS = 3  # … then says so and tries again after this many seconds


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    # A StoreBusyError is not cached: the next run tries again.
    return store.open_seeded(path, wait=APP_WAIT_SECONDS)


def ensure_store() -> None:
    """Open the store before anything reads it; while another process holds it, show a
    German note instead of a traceback and run the page again after a short pause."""
    try:
        _connection(settings.get("db_path"))
    except store.StoreBusyError:
        st.warning(t("store_busy_retrying", seconds=RETRY_SECONDS), icon="⏳")
        time.sleep(RETRY_SECONDS)
        st.rerun()


def cursor() -> duckdb.DuckDBPyConnection:
    """A fresh cursor on the shared connection (DuckDB: one cursor per thread)."""
    return _connection(settings.get("db_path")).cursor()


def version() -> tuple[int, str]:
    """(data version, date) – read on every run; it is the cache key of everything else."""
    with cursor() as cur:
        return store.data_version(cur)


@st.cache_resource(show_spinner=False, max_entries=4)
def _areas(data_version: int) -> pd.DataFrame:
    with cursor() as cur:
        return store.areas(cur)


@st.cache_resource(show_spinner=False, max_entries=8)
def _areas_in(data_version: int, lang: str) -> pd.DataFrame:
    return store.localize(_areas(data_version), "areas", lang, english(data_version))


def areas(data_version: int) -> pd.DataFrame:
    """The areas; their descriptions in the session's language (names: ``name_de``/``name_en``)."""
    return _areas_in(data_version, text.lang())


@st.cache_resource(show_spinner=False, max_entries=8)
def _catalogue(data_version: int, lang: str) -> store.Catalogue:
    return store.catalogue(_areas_in(data_version, lang))


def catalogue(data_version: int) -> store.Catalogue:
    """Area names and descriptions (in the session's language) as plain dicts, built once
    per data version and language."""
    return _catalogue(data_version, text.lang())


@st.cache_resource(show_spinner=False, max_entries=4)
def _criteria(data_version: int) -> pd.DataFrame:
    with cursor() as cur:
        return store.criteria(cur)


@st.cache_resource(show_spinner=False, max_entries=8)
def _criteria_in(data_version: int, lang: str) -> pd.DataFrame:
    return store.localize(_criteria(data_version), "criteria", lang, english(data_version))


def criteria(data_version: int) -> pd.DataFrame:
    """The criteria; unit and help text in the session's language (labels: ``label_de``/
    ``label_en``). Keys, ranges and weights are the same in every language."""
    return _criteria_in(data_version, text.lang())


@st.cache_resource(show_spinner=False, max_entries=4)
def _presets(data_version: int) -> pd.DataFrame:
    with cursor() as cur:
        return store.weight_profiles(cur, "preset")


@st.cache_resource(show_spinner=False, max_entries=8)
def _presets_in(data_version: int, lang: str) -> pd.DataFrame:
    return store.localize(_presets(data_version), "weight_profiles", lang, english(data_version))


def presets(data_version: int) -> pd.DataFrame:
    """The built-in weight presets; descriptions in the session's language."""
    return _presets_in(data_version, text.lang())


@st.cache_resource(show_spinner=False, max_entries=4)
def english(data_version: int) -> pd.DataFrame:
    """Every English text of the data (``store.english_texts``), shared read-only."""
    with cursor() as cur:
        return store.english_texts(cur)


def localized(frame: pd.DataFrame, table: str, data_version: int) -> pd.DataFrame:
    """``frame`` (rows of ``table``) in the session's language: English texts where they
    translate the current German ones, German otherwise (:func:`core.store.localize`)."""
    return store.localize(frame, table, text.lang(), english(data_version))


@st.cache_data(show_spinner=False)
def _systems(data_version: int, area: str) -> pd.DataFrame:
    with cursor() as cur:
        return store.systems(cur, area)


def systems(data_version: int, area: str) -> pd.DataFrame:
    return localized(_systems(data_version, area), "systems", data_version)


@st.cache_data(show_spinner=False)
def _assessments(data_version: int, area: str) -> pd.DataFrame:
    with cursor() as cur:
        return store.assessments(cur, area)


def assessments(data_version: int, area: str) -> pd.DataFrame:
    return localized(_assessments(data_version, area), "assessments", data_version)


@st.cache_data(show_spinner=False)
def _cost_lines(data_version: int, area: str) -> pd.DataFrame:
    with cursor() as cur:
        return store.cost_lines(cur, area)


def cost_lines(data_version: int, area: str) -> pd.DataFrame:
    return localized(_cost_lines(data_version, area), "cost_lines", data_version)


@st.cache_data(show_spinner=False)
def _sources(data_version: int, area: str | None, lang: str) -> pd.DataFrame:
    with cursor() as cur:
        return store.sources(cur, area, lang)


def sources(data_version: int, area: str | None = None) -> pd.DataFrame:
    """The sources table with what cites each source, optionally of one area (the note and
    the cited rows' names in the session's language; titles and publishers as published)."""
    return localized(_sources(data_version, area, text.lang()), "sources", data_version)


@st.cache_data(show_spinner=False)
def cited_rows(data_version: int, lang: str = "de") -> pd.DataFrame:
    with cursor() as cur:
        return store.cited_rows(cur, lang=lang)


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
def _models(
    data_version: int, horizon_years: int, discount_rate: float, lang: str
) -> dict[str, scoring.AreaModel]:
    with cursor() as cur:
        return scoring.load_areas(cur, horizon_years, discount_rate, lang=lang)


def models(
    data_version: int, horizon_years: int, discount_rate: float
) -> dict[str, scoring.AreaModel]:
    """Built area models, option names and descriptions in the session's language (ids,
    figures and rankings are the same in every language). A resource, not data: shared
    read-only (frozen, read-only matrix) objects, so a rerun does not pay for unpickling a
    copy."""
    return _models(data_version, horizon_years, discount_rate, text.lang())
