"""The per-run context every page reads: data version, catalogue, weights, method."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from core import scoring
from ui import data

CONTEXT_KEY = "_context"


@dataclass(frozen=True)
class Context:
    version: int
    date: str
    areas: pd.DataFrame
    criteria: pd.DataFrame
    weights: scoring.WeightSet
    method: str
    horizon_years: int
    discount_rate: float

    def models(self) -> dict[str, scoring.AreaModel]:
        return data.models(self.version, self.horizon_years, self.discount_rate)

    def area_name(self, slug: str, lang: str) -> str:
        """Display name of an area (a dict lookup: select boxes call this for every option)."""
        return self._area_names[slug][0 if lang == "de" else 1]

    @functools.cached_property
    def _area_names(self) -> dict[str, tuple[str, str]]:
        areas = self.areas
        return {s: (de, en) for s, de, en in zip(areas["slug"], areas["name_de"], areas["name_en"])}


def set_current(context: Context) -> None:
    st.session_state[CONTEXT_KEY] = context


def get() -> Context:
    """The context app.py prepared for this run."""
    return st.session_state[CONTEXT_KEY]
