"""The per-run context every page reads: data version, catalogue, weights, method."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from core import i18n, scoring
from ui import data

CONTEXT_KEY = "_context"


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

    def area_name(self, slug: str, lang: str) -> str:
        """Display name of an area (a dict lookup: select boxes call this for every option)."""
        return self._area_names[i18n.localized_column("name", lang)][slug]

    @functools.cached_property
    def _area_names(self) -> dict[str, dict[str, str]]:
        """Area names by column (``name_de``, ``name_en``) and slug."""
        areas = self.areas
        columns = [i18n.localized_column("name", lang) for lang in i18n.LANGUAGES]
        return {column: dict(zip(areas["slug"], areas[column])) for column in columns}


def set_current(context: Context) -> None:
    st.session_state[CONTEXT_KEY] = context


def get() -> Context:
    """The context app.py prepared for this run."""
    return st.session_state[CONTEXT_KEY]
