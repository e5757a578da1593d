"""Bereich: one review area — current systems, ranking, charts and every assessment.

Everything that reads the weights (recommendation, stability, ranking, charts) is drawn in
the weights fragment (ui.weights_fragment): a slider move reruns only that part. The area's
description, its current systems and the option details do not depend on the weights and
stay as they are."""

from __future__ import annotations

import streamlit as st

from core import analysis, scoring, views
from ui import (
    charts as ui_charts,
    context,
    data,
    downloads,
    recommendation_box,
    stability_summary,
    tables,
    text,
    weights_fragment,
    weights_panel,
)
from ui.text import t

ctx = context.get()
lang = text.lang()
area = weights_panel.area_picker(
    ctx.areas["slug"].tolist(), lambda s: ctx.area_name(s, lang), key="area_select"
)
st.title(ctx.area_name(area, lang))
st.caption(views.md(ctx.area_description(area)))

model = ctx.models()[area]
if len(model.options) == 0:
    st.info(t("no_options"))
    st.stop()


RANKING_KEY = "ranking_table"


def weighted(ctx: context.Context, area: str, model: scoring.AreaModel) -> None:
    """The part of the page that reads the weights (a call site of the weights fragment)."""
    lang = text.lang()
    ranking = scoring.rank_area(model, ctx.weights, ctx.method)
    # The recommendation and its stability sit above the ranking but are drawn after it:
    # the table, which a slider move is meant to change, reaches the browser without
    # waiting for their Monte Carlo draws and stability analysis. Until they arrive the
    # browser keeps showing the previous ones in the container (no jump).
    verdict = st.container()
    pathways = text.pathway_labels()

    st.subheader(t("ranking"))
    ranking_view = tables.ranking_table(ranking, ctx.horizon_years, ctx.method)
    tables.static(ranking_view, RANKING_KEY, styled=False)  # style: below, outside
    st.caption(views.ranking_benefit_line(ranking, lang))  # Markdown: core escapes the names
    downloads.area_button(ctx, area)
    with verdict:
        recommendation_box.show(ctx, area, ranking, lang)
        st.caption(stability_summary.sentence(ctx, area, ranking))

    ranking_text = t(  # over plain lists: itertuples and .loc cost more on every move
        "chart_alt_ranking",
        items="; ".join(
            f"{int(rank)}. {option} ({views.format_points(score, 1, lang)})"
            for rank, option, score in zip(
                ranking["rank"].tolist(), ranking["option"].tolist(), ranking["score"].tolist()
            )
        ),
    )
    # The charts' text alternatives do not change with the weights: the browser rebuilds a
    # chart whose text changed instead of updating its data (ui.charts.show); the values
    # stand in the captions under each chart.
    ui_charts.show(
        "ranking_bars",
        views.ranking_frame(ranking, text.group_labels()),
        alt_text=t("chart_alt_bars"),
        group_labels=text.group_labels(),
        title=t(scoring.text_key("chart_scores_title", ctx.method)),
        x_title=t(scoring.text_key("chart_points", ctx.method)),
        y_title=t("col_option"),
        legend_title=t("chart_group"),
        lang=lang,
    )
    st.caption(views.md(ranking_text))  # the ranking as text: names are data

    points = analysis.scatter_points(model, ctx.weights)
    efficient = list(zip(points["option"].tolist(), points["efficient"].tolist()))
    efficient_text = t("efficient_list", names=", ".join(o for o, e in efficient if e))
    ui_charts.show(
        "cost_value_scatter",
        views.scatter_frame(points, pathways, ranking["option"].iloc[0]),
        alt_text=t("chart_alt_scatter"),
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
    st.caption(views.md(efficient_text))
    top = ranking["option"].iloc[0]
    if not any(e for o, e in efficient if o == top):
        st.caption(t("efficient_not_top", option=views.md(top)))


# The ranking table's CSS (rank and every column from the fifth on are numbers) does not
# depend on the weights: drawn here, outside the fragment, it is not sent again per move.
tables.static_style(RANKING_KEY, ["1", "n+5"])
weights_fragment.show(weighted, area, model)

st.subheader(t("current_systems"))
systems = tables.systems_view(ctx.version, area, lang)
if systems.num_rows == 0:
    st.info(t("no_systems"))
else:
    tables.draw(systems, "systems_table", [t("col_annual"), t("col_since")])

st.subheader(t("option_details"))
columns = model.columns()  # catalogue order: the list does not move with the weights
option_names = dict(zip(columns["option_id"], columns["option"]))
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
st.markdown(views.md(option["description"]))  # data is text: never Markdown, links, LaTeX
sourcing = data.sourcing(ctx.version)
st.caption(f"{t('col_source')}: {views.md(sourcing.text(option['source'], lang))}")
tables.draw(
    tables.assessment_view(ctx.version, area, chosen, lang), "assessment_table", [t("col_value")]
)
st.markdown(f"**{t('cost_lines')}**")
tables.draw(
    tables.cost_line_view(ctx.version, area, chosen, lang),
    "cost_line_table",
    [t("col_investment"), t("col_annual"), t("col_fte")],
)
