"""The cost view of the Sensitivität page: NPV of cost, savings vs status quo, WiBe verdict."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import analysis, scoring, views
from ui import context, tables, text
from ui.text import t


def show(ctx: context.Context, model: scoring.AreaModel) -> None:
    """Table and chart of every option's cost NPV and saving, with the WiBe rule applied."""
    lang = text.lang()
    st.header(t("cost_header"))
    st.caption(
        t(
            "cost_settings",
            years=ctx.horizon_years,
            rate=views.format_percent(ctx.discount_rate, 1, lang),
        )
    )
    view = analysis.cost_view(model, ctx.weights, ctx.horizon_years, ctx.discount_rate)
    threshold = views.format_number(analysis.WIBE_THRESHOLD, 0, lang)
    pathways = text.pathway_labels()
    npv = t("col_npv", years=ctx.horizon_years)
    savings = t("cost_col_savings")
    qualitative = t("cost_col_qualitative")
    tables.static(
        pd.DataFrame(
            {
                t("col_option"): view["option"],
                npv: view["npv_cost"].map(lambda v: views.format_eur(v, 0, lang)),
                savings: (-view["savings"]).map(lambda v: views.format_cost_change(v, 0, lang)),
                qualitative: view["qualitative_score"].map(
                    lambda v: views.format_number(v, 1, lang)  # as the verdict compares it
                ),
                t("cost_col_wibe"): view["wibe_status"].map(
                    lambda s: t(f"wibe_{s}", threshold=threshold)
                ),
            }
        ),
        "cost_table",
        [npv, savings, qualitative],
    )
    st.caption(t("cost_wibe_note", threshold=threshold))
    if view["savings"].notna().any():
        shown = view[view["savings"].notna()]
        divisor, unit = views.eur_axis(float(shown["savings"].abs().max()), lang)
        st.altair_chart(
            views.savings_bars(
                shown,
                pathways,
                title=t("chart_savings_title", years=ctx.horizon_years),
                x_title=t("chart_savings_axis", unit=unit),
                eur_divisor=divisor,
                y_title=t("col_option"),
                legend_title=t("col_pathway"),
                lang=lang,
            ),
            width="stretch",
        )
