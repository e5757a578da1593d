"""The recommendation box of an area (Bereich page and presentation slide): the sentence;
when the recommended option's values are mostly estimates, a caution that says so; and how
sure the result is under uncertain data (Monte Carlo over data and weights)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core import analysis, scoring, views
from ui import context, data

# Draws for the box's certainty sentence: enough for a share to about ±3 percentage points
# (95 %), few enough to cost a few milliseconds per slider move. The Sensitivität page runs
# the full analysis with its own settings.
CERTAINTY_SAMPLES = 1_000


@data.cache_resource(max_entries=256)
def _first_share(weights_key: tuple[Any, ...], area: str, option_id: str) -> float:
    """Share of draws (data and weights, fixed seed) in which ``option_id`` ranks first."""
    _store, version, horizon_years, discount_rate, groups, within, method = weights_key
    model = data.models(version, horizon_years, discount_rate)[area]
    weights = scoring.WeightSet(dict(groups), dict(within), method)
    result = analysis.rank_acceptability(
        model,
        weights,
        method,
        samples=CERTAINTY_SAMPLES,
        data=True,
        data_stack=_data_stack(version, horizon_years, discount_rate, area),
    )
    return result.first_share(option_id)


@data.cache_resource(max_entries=64)
def _data_stack(version: int, horizon_years: int, discount_rate: float, area: str) -> Any:
    """The box's data draws for one area: the same for every weighting (fixed seed), so
    drawn once per data version and shared read-only, not on every slider move."""
    model = data.models(version, horizon_years, discount_rate)[area]
    stack = analysis.mc_data_stack(model, CERTAINTY_SAMPLES)
    stack.flags.writeable = False
    return stack


@data.cache_resource(max_entries=64)
def _estimate_flags(version: int, area: str) -> dict[Any, tuple[bool, ...]]:
    """Per option of the area: is each assessment, then each cost line, an estimate? Shared
    read-only across sessions (``ui.data``'s frames are copied on every call)."""
    flags: dict[Any, list[bool]] = {}
    for frame in (data.assessments(version, area), data.cost_lines(version, area)):
        for option_id, is_estimate in zip(frame["option_id"], frame["is_estimate"]):
            flags.setdefault(option_id, []).append(bool(is_estimate))
    return {option_id: tuple(values) for option_id, values in flags.items()}


def show(ctx: context.Context, area: str, ranking: pd.DataFrame, lang: str) -> list[str]:
    """Green for a clear recommendation, yellow for a tie, blue when it rests on estimates;
    every box ends with how sure the result is.

    Returns the box's paragraphs (a slide sizes its type by them)."""
    kind, sentence = views.recommendation(ranking, lang, ctx.method)
    top = ranking["option_id"].iloc[0]
    note = views.estimate_note(_estimate_flags(ctx.version, area).get(top, ()), lang)
    share = _first_share(ctx.weights_key(), area, str(top))
    certainty = views.certainty_note(share, CERTAINTY_SAMPLES, lang)
    paragraphs = [sentence, *([note] if note else []), certainty]
    box = st.warning if kind == "tie" else (st.info if note else st.success)
    box("  \n".join(paragraphs))
    return paragraphs
