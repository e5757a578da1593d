"""The per-run context every page reads: data version, catalogue, weights, method.

Results that depend on the data version and the weighting are computed once for all sessions
per data version and weighting (:meth:`Context.overview`): the call sites of the weights
fragment, a rerun for another widget and other sessions with the same weights (a committee
looking at the same view) share them instead of recomputing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from core import analysis, scoring
from ui import data, text

CONTEXT_KEY = "_context"
MEMO_PREFIX = "_memo_"
T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    version: int
    date: str
    areas: pd.DataFrame
    criteria: pd.DataFrame
    weights: scoring.WeightSet
    horizon_years: int
    discount_rate: float

    @property
    def method(self) -> str:
        """The scoring method of the weighting."""
        return self.weights.method

    def models(self) -> dict[str, scoring.AreaModel]:
        return data.models(self.version, self.horizon_years, self.discount_rate)

    def weights_key(self) -> tuple[Any, ...]:
        """Everything a weighted result depends on, as plain values (the language too: the
        results name options, in the session's language)."""
        return (
            (data.store_key(), text.lang()),  # another tenant or language starts afresh
            self.version,
            self.horizon_years,
            self.discount_rate,
            tuple(sorted(self.weights.groups.items())),
            tuple(sorted(self.weights.within.items())),
            self.method,
        )

    def overview(self) -> analysis.Overview:
        """``analysis.overview_of`` (every area's ranking, its values and the best-option
        summary) under this weighting, computed once per data version and weighting for all
        sessions. Shared: do not change the frames or arrays in place."""
        return _overview(self.weights_key())

    def area_name(self, slug: str, lang: str) -> str:
        """Display name of an area (a dict lookup: select boxes call this for every option)."""
        return data.catalogue(self.version).area_name(slug, lang)

    def area_names(self, lang: str) -> dict[str, str]:
        """Slug → display name of every area, from one catalogue look-up: for tables that
        name an area per row (each :meth:`area_name` call resolves the session's store and
        tenant to find the cached catalogue)."""
        catalogue = data.catalogue(self.version)
        return {slug: catalogue.area_name(slug, lang) for slug in catalogue.area_slugs}

    def area_description(self, slug: str) -> str:
        """The area's description (German), from the per-version catalogue."""
        return data.catalogue(self.version).area_descriptions[slug]


@data.cache_resource(max_entries=64)
def _overview(key: tuple[Any, ...]) -> analysis.Overview:
    """``analysis.overview_of`` for a :meth:`Context.weights_key` (plain values: the cache
    key)."""
    _store, version, horizon_years, discount_rate, groups, within, method = key
    weights = scoring.WeightSet(dict(groups), dict(within), method)
    models = data.models(version, horizon_years, discount_rate)
    return analysis.overview_of(models, weights, method)


def memo(name: str, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """The session's last result of ``name`` if it was computed for ``key``, else a new one
    (one entry per name: the weighting in force, not a history)."""
    held = st.session_state.get(MEMO_PREFIX + name)
    if held is not None and held[0] == key:
        return held[1]
    value = compute()
    st.session_state[MEMO_PREFIX + name] = (key, value)
    return value


def set_current(context: Context) -> None:
    st.session_state[CONTEXT_KEY] = context


def get() -> Context:
    """The context app.py prepared for this run."""
    return st.session_state[CONTEXT_KEY]
