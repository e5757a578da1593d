"""The recommendation box of an area (Bereich page and presentation slide): the sentence,
and, when the recommended option's values are mostly estimates, a caution that says so."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import views
from ui import context, data


def show(ctx: context.Context, area: str, ranking: pd.DataFrame, lang: str) -> list[str]:
    """Green for a clear recommendation, yellow for a tie, blue when it rests on estimates.

    Returns the box's paragraphs (a slide sizes its type by them)."""
    kind, sentence = views.recommendation(ranking, lang, ctx.method)
    top = ranking["option_id"].iloc[0]
    assessments = data.assessments(ctx.version, area)
    cost_lines = data.cost_lines(ctx.version, area)
    flags = [
        *assessments.loc[assessments["option_id"] == top, "is_estimate"],
        *cost_lines.loc[cost_lines["option_id"] == top, "is_estimate"],
    ]
    note = views.estimate_note(flags, lang)
    box = st.warning if kind == "tie" else (st.info if note else st.success)
    box(f"{sentence}  \n{note}" if note else sentence)
    return [sentence, note] if note else [sentence]
