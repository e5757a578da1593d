"""Übersicht: the best option per review area, the pathway heatmap and the totals.

The heatmap and its table are two lazy tabs (ui.view_tabs): only the open one is built on a
slider move. The cards, totals and heatmap read the weights: a call site of the weights fragment
(ui.weights_fragment), with the areas' rankings computed once per data version and weighting
(``Context.overview``). The portfolio's inputs do not read the weights and are drawn once;
its results do and are a call site of the fragment's results part, rerun by a slider move
and by a portfolio input (ui.portfolio_section)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core import analysis, scoring, views
from ui import (
    charts as ui_charts,
    context,
    downloads,
    layout,
    portfolio_section,
    stability_summary,
    tables,
    text,
    view_tabs,
    weights_fragment,
    weights_panel,
)
from ui.text import t

st.title(t("app_title"))
st.caption(t("overview_intro"))


def _open_area(slug: str) -> None:
    st.session_state[weights_panel.AREA_KEY] = slug


def card_lines(ctx: context.Context, row: Any, stability: str, lang: str) -> list[str]:
    """The lines under a card's score (Markdown, data escaped): lead or tie, benefit, cost
    changes against the status quo and how stable the recommendation is (``stability``)."""
    if row.runner_up is None:
        lines = ["–"]
    elif row.tied:
        lines = [t("card_tie", runner_up=views.md(row.runner_up))]
    else:
        lead = views.format_lead(row.lead, lang)
        key = scoring.text_key("card_lead", ctx.method)
        lines = [t(key, lead=lead, runner_up=views.md(row.runner_up))]
    if pd.notna(row.benefit):
        lines.append(t("card_benefit", value=views.format_number(row.benefit, 1, lang)))
    lines.append(t("card_annual", value=text.cost_change(row.annual_change)))
    lines.append(t("card_npv", years=ctx.horizon_years, value=text.cost_change(row.npv_change)))
    lines.append(stability)
    return lines


def cards(ctx: context.Context) -> None:
    """The best option per area, the totals and the heatmap under the current weights."""
    lang = text.lang()
    pathways = text.pathway_labels()
    overview = ctx.overview()
    names = ctx.area_names(lang)
    stability = stability_summary.sentences(ctx, overview)
    grid = layout.card_grid("area_cards")
    for row in overview.summary_rows():
        # Five elements a card (heading with the option, score, one caption of its lines,
        # button) instead of eleven: each element costs server time on every slider move.
        with layout.card(grid, f"area_card_{row.area}"):
            st.markdown(
                f"#### {views.md(names[row.area])}\n\n**{views.md(row.option)}**  \n"
                + pathways[row.pathway]
                + (f" · {views.md(row.partner)}" if row.partner else "")
            )
            st.metric(views.score_label(ctx.method, lang), views.format_points(row.score, 1, lang))
            st.caption("  \n".join(card_lines(ctx, row, stability[row.area], lang)))
            if st.button(
                t("card_open"), key=f"open_{row.area}", on_click=_open_area, args=(row.area,)
            ):
                st.switch_page("pages/area.py")

    st.subheader(t("totals_header"))
    totals = st.columns(3)
    totals[0].metric(t("total_investment"), views.format_eur(overview.total("investment"), 0, lang))
    totals[1].metric(
        t("total_annual_change"),
        views.format_eur(overview.total("annual_change"), 0, lang, signed=True),
    )
    totals[2].metric(
        t("total_npv_change", years=ctx.horizon_years),
        views.format_eur(overview.total("npv_change"), 0, lang, signed=True),
    )
    downloads.all_areas_button(ctx)

    pathway_view(ctx, overview, names, pathways, lang)


def pathway_view(
    ctx: context.Context,
    overview: analysis.Overview,
    names: dict[str, str],
    pathways: dict[str, str],
    lang: str,
) -> None:
    """The best score per area and pathway as a heatmap or, in the other tab, as its table
    (the chart's accessible alternative, the same numbers): only the open tab is built."""
    st.subheader(t("heatmap_header"))
    tabs = view_tabs.lazy(
        weights_panel.PATHWAY_TAB_KEY,
        "pathway_tabs",
        dict(
            zip(views.PATHWAY_TABS, (t("heatmap_tab_chart"), t("heatmap_tab_table")), strict=True)
        ),
    )
    if tabs["chart"].open:
        with tabs["chart"]:
            ui_charts.show(
                "pathway_heatmap",
                views.heatmap_frame_of(overview.cell_columns(), names, pathways),
                alt_text=t("heatmap_alt"),
                pathway_labels=pathways,
                title=t(scoring.text_key("heatmap_title", ctx.method)),
                x_title=t("heatmap_x"),
                y_title=t("heatmap_y"),
                value_title=t(scoring.text_key("heatmap_value", ctx.method)),
                signed=scoring.method_spec(ctx.method).signed,
                lang=lang,
            )
            st.caption(t("heatmap_alt"))
    if tabs["table"].open:
        with tabs["table"]:
            shown = views.pathway_table(overview.cells(), names, pathways, lang, t("col_area"))
            tables.static(shown, "pathway_table", list(pathways.values()))


layout.card_grid_style("area_cards")
weights_fragment.show(cards)
portfolio_section.show(context.get())
