"""The per-run context every page reads: data version, catalogue, weights, method."""

from __future__ import annotations

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
        return data.catalogue(self.version).area_name(slug, lang)

    def area_description(self, slug: str) -> str:
        """The area's description (German), from the per-version catalogue."""
        return data.catalogue(self.version).area_descriptions[slug]


def set_current(context: Context) -> None:
    st.session_state[CONTEXT_KEY] = context


def get() -> Context:
    """The context app.py prepared for this run."""
    return st.session_state[CONTEXT_KEY]
