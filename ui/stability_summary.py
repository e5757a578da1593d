"""One plain-language stability sentence per area, for the Bereich and Übersicht pages."""

from __future__ import annotations

import streamlit as st

from core import analysis, scoring, views
from ui import context, data, text


@st.cache_data(show_spinner=False, max_entries=256)
def stability(
    version: int,
    horizon_years: int,
    discount_rate: float,
    groups: tuple[tuple[str, float], ...],
    within: tuple[tuple[str, float], ...],
    method: str,
    area: str,
) -> analysis.AreaStability:
    """The stability analysis of one area, cached by plain values (data version, weights)."""
    model = data.models(version, horizon_years, discount_rate)[area]
    weights = scoring.WeightSet(dict(groups), dict(within), method)
    return analysis.area_stability(model, weights, weights.method)


def for_area(ctx: context.Context, area: str) -> analysis.AreaStability:
    """The cached stability analysis of ``area`` under the context's weights and method."""
    return stability(
        ctx.version,
        ctx.horizon_years,
        ctx.discount_rate,
        tuple(sorted(ctx.weights.groups.items())),
        tuple(sorted(ctx.weights.within.items())),
        ctx.method,
        area,
    )


def sentence(ctx: context.Context, area: str) -> str:
    """One plain-German (or English) sentence on how stable the area's recommendation is."""
    return views.stability_sentence(for_area(ctx, area), text.lang())
