"""Bereich: one review area — current systems, ranking, charts and every assessment."""

from __future__ import annotations

import streamlit as st

from core import analysis, scoring, views
from ui import (
    charts as ui_charts,
    context,
    downloads,
    recommendation_box,
    stability_summary,
    tables,
    text,
    weights_panel,
)
from ui.text import t

ctx = context.get()
lang = text.lang()
area = weights_panel.area_picker(
    ctx.areas["slug"].tolist(), lambda s: ctx.area_name(s, lang), key="area_select"
)
st.title(ctx.area_name(area, lang))
st.caption(ctx.areas.set_index("slug").loc[area, "description_de"])

model = ctx.models()[area]
ranking = scoring.rank_area(model, ctx.weights, ctx.method)
if ranking.empty:
    st.info(t("no_options"))
    st.stop()

recommendation_box.show(ctx, area, ranking, lang)
pathways = text.pathway_labels()
st.caption(stability_summary.sentence(ctx, area))

st.subheader(t("ranking"))
ranking_view = tables.ranking_table(ranking, ctx.horizon_years, ctx.method)
tables.static(ranking_view, "ranking_table", [ranking_view.columns[0], *ranking_view.columns[4:]])
downloads.area_button(ctx, area)

ranking_text = t(
    "chart_alt_ranking",
    items="; ".join(
        f"{int(r.rank)}. {r.option} ({views.format_points(r.score, 1, lang)})"
        for r in ranking.itertuples(index=False)
    ),
)
ui_charts.show(
    "ranking_bars",
    views.ranking_frame(ranking, text.group_labels()),
    alt_text=ranking_text,
    group_labels=text.group_labels(),
    title=t(scoring.text_key("chart_scores_title", ctx.method)),
    x_title=t(scoring.text_key("chart_points", ctx.method)),
    y_title=t("col_option"),
    legend_title=t("chart_group"),
    lang=lang,
)
st.caption(ranking_text)

points = analysis.scatter_points(model, ctx.weights)
efficient_text = t("efficient_list", names=", ".join(points.loc[points["efficient"], "option"]))
ui_charts.show(
    "cost_value_scatter",
    views.scatter_frame(points, pathways),
    alt_text=efficient_text,
    pathway_labels=pathways,
    title=t("chart_scatter_title"),
    x_title=t("chart_cost_axis", years=ctx.horizon_years),
    y_title=t("chart_value_axis"),
    size_title=t("chart_size"),
    legend_title=t("col_pathway"),
    frontier_title=t("chart_frontier"),
    lang=lang,
)
st.caption(t("scatter_caption"))
st.caption(efficient_text)
top = ranking["option"].iloc[0]
if not points.loc[points["option"] == top, "efficient"].any():
    st.caption(t("efficient_not_top", option=top))

st.subheader(t("current_systems"))
systems = tables.systems_view(ctx.version, area, lang)
if systems.num_rows == 0:
    st.info(t("no_systems"))
else:
    tables.static(systems.to_pandas(), "systems_table", [t("col_annual"), t("col_since")])

st.subheader(t("option_details"))
option_names = dict(zip(ranking["option_id"], ranking["option"]))
linked = st.session_state.get(weights_panel.OPTION_KEY)
if f"detail_{area}" not in st.session_state and linked in option_names:  # from the link
    st.session_state[f"detail_{area}"] = linked
chosen = st.selectbox(
    t("choose_option"),
    list(option_names),
    format_func=option_names.__getitem__,
    key=f"detail_{area}",
)
st.session_state[weights_panel.OPTION_KEY] = chosen
option = model.options.set_index("id").loc[chosen]
st.markdown(option["description"])
st.caption(f"{t('col_source')}: {option['source']}")
# Reference tables with long texts (rationale, source): plain HTML that wraps to the width.
tables.static(
    tables.assessment_view(ctx.version, area, chosen, lang).to_pandas(),
    "assessment_table",
    [t("col_value")],
)
st.markdown(f"**{t('cost_lines')}**")
tables.static(
    tables.cost_line_view(ctx.version, area, chosen, lang).to_pandas(),
    "cost_line_table",
    [t("col_investment"), t("col_annual"), t("col_fte")],
)
