"""Cached store access per session tenant: one connection per (store, tenant) and process,
a cursor (DuckDB) or pooled connection (PostgreSQL) per call.

Every cache is keyed by the session's store and tenant (:func:`store_key`) and by the data
version, which each run reads afresh (:func:`version`, one cheap query): an edit raises the
version, so it is seen at once in this process and, on PostgreSQL, in every other app server
at the next interaction; a slider move never touches the database. Two tenants never share
a cached frame even when their version numbers agree. The small catalogue frames that every
run reads (areas, criteria, presets, estimate shares) are cached as shared resources, so a
run does not pay for unpickling copies: callers derive new frames and never change them in
place.
"""

from __future__ import annotations

import datetime as dt
import inspect
import time
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from core import scoring, settings, store, views
from core.errors import InputError
from ui import tenancy, text
from ui.text import t

APP_WAIT_SECONDS = 2.0  # a page waits this long for a store held elsewhere …
RETRY_SECONDS = 3  # … then says so and tries again after this many seconds
KEY_PARAMETER = "store_key"  # the hidden first argument of every tenant-keyed cache

F = TypeVar("F", bound=Callable[..., Any])


_RUN_STORE_KEY = "_data_store_key"  # this session's (store, tenant) as the last full run found it


def begin_run() -> None:
    """Find this session's (store, tenant) once per full run (:func:`ensure_store`, after
    the participant link is noted): :func:`store_key` is read on every cached look-up, about
    a dozen a slider move, and finding the tenant asks the secrets and the sign-in each time.
    The tenant changes only in a full run (a link, a sign-in or sign-out reruns the app),
    so a fragment run reads what the full run before it found. A tenant set-up that is
    wrong raises here, with nothing held."""
    st.session_state.pop(_RUN_STORE_KEY, None)
    st.session_state[_RUN_STORE_KEY] = _current_store_key()


def store_key() -> tuple[str, str]:
    """(store, tenant) of this session: the first part of every cache key."""
    held = st.session_state.get(_RUN_STORE_KEY)
    return held if held is not None else _current_store_key()


def _current_store_key() -> tuple[str, str]:
    return settings.get("db_path"), tenancy.current() or ""


def _keyed(cache: Callable[..., Any], **options: Any) -> Callable[[F], F]:
    """Like ``cache(**options)``, but keyed by :func:`store_key` too, which the callers do not
    pass. The cache sees a function with an extra first parameter ``store_key`` that has the
    decorated function's name, module and source, so each keeps a cache of its own."""

    def decorate(func: F) -> F:
        def keyed(store_key: tuple[str, str], *args: Any, **kwargs: Any) -> Any:
            return func(*args, **kwargs)

        signature = inspect.signature(func)
        first = inspect.Parameter(KEY_PARAMETER, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        keyed.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[first, *signature.parameters.values()]
        )
        keyed.__module__ = func.__module__
        keyed.__qualname__ = func.__qualname__
        keyed.__name__ = func.__name__
        keyed.__doc__ = func.__doc__
        keyed.__wrapped__ = func  # type: ignore[attr-defined]  # its source names the cache
        cached = cache(show_spinner=False, **options)(keyed)

        def public(*args: Any, **kwargs: Any) -> Any:
            return cached(store_key(), *args, **kwargs)

        public.__doc__ = func.__doc__
        public.__name__ = func.__name__
        public.__qualname__ = func.__qualname__
        public.__module__ = func.__module__
        public.clear = cached.clear  # type: ignore[attr-defined]
        return public  # type: ignore[return-value]

    return decorate


def cache_data(**options: Any) -> Callable[[F], F]:
    """``st.cache_data`` keyed by the session's store and tenant as well."""
    return _keyed(st.cache_data, **options)


def cache_resource(**options: Any) -> Callable[[F], F]:
    """``st.cache_resource`` keyed by the session's store and tenant as well."""
    return _keyed(st.cache_resource, **options)


@st.cache_resource(show_spinner=False)
def _connection(path: str, tenant: str) -> store.Connection:
    # A StoreBusyError is not cached: the next run tries again. On PostgreSQL the
    # connection's pool belongs to the tenant (core.store.pg.pool).
    return store.open_seeded(path, tenant=tenant or None, wait=APP_WAIT_SECONDS)


def ensure_store() -> None:
    """Open the store before anything reads it; while another process holds it, show a
    German note instead of a traceback and run the page again after a short pause. A
    broken tenant set-up (a ``[tenants]`` mapping that is wrong, a tenant on DuckDB) stops the
    run with its message. Called first in every full run: it finds the run's store and
    tenant (:func:`begin_run`)."""
    try:
        begin_run()
        _connection(*store_key())
    except InputError as exc:  # a wrong tenant set-up: say what, show nothing else
        st.error(exc.message(text.lang()))
        st.stop()
    except store.StoreBusyError:
        st.warning(t("store_busy_retrying", seconds=RETRY_SECONDS), icon="⏳")
        time.sleep(RETRY_SECONDS)
        st.rerun()


def cursor() -> store.Connection:
    """A fresh cursor on the session tenant's connection (DuckDB: one cursor per thread;
    PostgreSQL: another pooled connection of the tenant's pool). Close it after use."""
    return _connection(*store_key()).cursor()


def version() -> tuple[int, str]:
    """(data version, date) of the session's store – read on every run (one small query);
    with :func:`store_key` it is the cache key of everything else."""
    with cursor() as cur:
        return store.data_version(cur)


@cache_resource(max_entries=4)
def _areas(data_version: int) -> pd.DataFrame:
    with cursor() as cur:
        return store.areas(cur)


@cache_resource(max_entries=8)
def _areas_in(data_version: int, lang: str) -> pd.DataFrame:
    return store.localize(_areas(data_version), "areas", lang, english(data_version))


def areas(data_version: int) -> pd.DataFrame:
    """The areas; their descriptions in the session's language (names: ``name_de``/``name_en``)."""
    return _areas_in(data_version, text.lang())


@cache_resource(max_entries=8)
def _catalogue(data_version: int, lang: str) -> store.Catalogue:
    return store.catalogue(_areas_in(data_version, lang))


def catalogue(data_version: int) -> store.Catalogue:
    """Area names and descriptions (in the session's language) as plain dicts, built once
    per data version and language."""
    return _catalogue(data_version, text.lang())


@cache_resource(max_entries=4)
def _criteria(data_version: int) -> pd.DataFrame:
    with cursor() as cur:
        return store.criteria(cur)


@cache_resource(max_entries=8)
def _criteria_in(data_version: int, lang: str) -> pd.DataFrame:
    return store.localize(_criteria(data_version), "criteria", lang, english(data_version))


def criteria(data_version: int) -> pd.DataFrame:
    """The criteria; unit and help text in the session's language (labels: ``label_de``/
    ``label_en``). Keys, ranges and weights are the same in every language."""
    return _criteria_in(data_version, text.lang())


@cache_resource(max_entries=4)
def _presets(data_version: int) -> pd.DataFrame:
    with cursor() as cur:
        return store.weight_profiles(cur, "preset")


@cache_resource(max_entries=8)
def _presets_in(data_version: int, lang: str) -> pd.DataFrame:
    return store.localize(_presets(data_version), "weight_profiles", lang, english(data_version))


def presets(data_version: int) -> pd.DataFrame:
    """The built-in weight presets; descriptions in the session's language."""
    return _presets_in(data_version, text.lang())


@cache_resource(max_entries=4)
def english(data_version: int) -> pd.DataFrame:
    """Every English text of the data (``store.english_texts``), shared read-only."""
    with cursor() as cur:
        return store.english_texts(cur)


def localized(frame: pd.DataFrame, table: str, data_version: int) -> pd.DataFrame:
    """``frame`` (rows of ``table``) in the session's language: English texts where they
    translate the current German ones, German otherwise (:func:`core.store.localize`)."""
    return store.localize(frame, table, text.lang(), english(data_version))


@cache_data()
def _systems(data_version: int, area: str) -> pd.DataFrame:
    with cursor() as cur:
        return store.systems(cur, area)


def systems(data_version: int, area: str) -> pd.DataFrame:
    return localized(_systems(data_version, area), "systems", data_version)


@cache_data()
def _assessments(data_version: int, area: str) -> pd.DataFrame:
    with cursor() as cur:
        return store.assessments(cur, area)


def assessments(data_version: int, area: str) -> pd.DataFrame:
    return localized(_assessments(data_version, area), "assessments", data_version)


@cache_data()
def _cost_lines(data_version: int, area: str) -> pd.DataFrame:
    with cursor() as cur:
        return store.cost_lines(cur, area)


def cost_lines(data_version: int, area: str) -> pd.DataFrame:
    return localized(_cost_lines(data_version, area), "cost_lines", data_version)


@cache_data()
def _sources(data_version: int, area: str | None, lang: str) -> pd.DataFrame:
    with cursor() as cur:
        return store.sources(cur, area, lang)


def sources(data_version: int, area: str | None = None) -> pd.DataFrame:
    """The sources table with what cites each source, optionally of one area (the note and
    the cited rows' names in the session's language; titles and publishers as published)."""
    return localized(_sources(data_version, area, text.lang()), "sources", data_version)


@cache_data()
def cited_rows(data_version: int, lang: str = "de") -> pd.DataFrame:
    with cursor() as cur:
        return store.cited_rows(cur, lang=lang)


@cache_resource(max_entries=4)
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


@cache_resource(max_entries=4)
def estimate_share(data_version: int) -> pd.DataFrame:
    with cursor() as cur:
        return store.estimate_share(cur)


@cache_resource(max_entries=8)
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
