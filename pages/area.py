"""Bereich: one review area — current systems, ranking, charts and every assessment."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import analysis, area_model, charts, fmt
from ui import context, data, text, weights_panel
from ui.tables import ranking_table
from ui.text import t

ctx = context.get()
lang = text.lang()
slugs = ctx.areas["slug"].tolist()
if st.session_state.get(weights_panel.AREA_KEY) not in slugs:
    st.session_state[weights_panel.AREA_KEY] = slugs[0]
st.session_state["area_select"] = st.session_state[weights_panel.AREA_KEY]


def _copy_area() -> None:
    st.session_state[weights_panel.AREA_KEY] = st.session_state["area_select"]


area = st.selectbox(
    t("choose_area"),
    slugs,
    key="area_select",
    format_func=lambda s: ctx.area_name(s, lang),
    on_change=_copy_area,
)
st.title(ctx.area_name(area, lang))
st.caption(ctx.areas.set_index("slug").loc[area, "description_de"])

model = ctx.models()[area]
ranking = area_model.rank_area(model, ctx.weights, ctx.method)
if ranking.empty:
    st.info(t("no_options"))
    st.stop()

summary = analysis.area_summary(ranking)
pathways = text.pathway_labels()
if summary["runner_up"] is None:
    st.success(t("recommendation_single", option=summary["option"], pathway=pathways[summary["pathway"]]))
elif summary["tied"]:
    st.warning(t("recommendation_tie", option=summary["option"], runner_up=summary["runner_up"],
                 score=fmt.points(summary["score"], 1, lang)))
else:
    st.success(
        t(
            "recommendation",
            option=summary["option"],
            pathway=pathways[summary["pathway"]],
            score=fmt.points(summary["score"], 1, lang),
            lead=fmt.points(summary["lead"], 1, lang),
            runner_up=summary["runner_up"],
        )
    )

st.subheader(t("ranking"))
st.dataframe(ranking_table(ranking, ctx.horizon_years), hide_index=True, width="stretch")

x_title = t("chart_netflow") if ctx.method == "promethee2" else t("chart_points")
st.altair_chart(
    charts.ranking_bars(
        ranking,
        text.group_labels(),
        title=t("chart_scores_title"),
        x_title=x_title,
        y_title=t("col_option"),
        legend_title=t("chart_group"),
    ),
    width="stretch",
)
st.caption(
    t(
        "chart_alt_ranking",
        items="; ".join(
            f"{int(r.rank)}. {r.option} ({fmt.points(r.score, 1, lang)})"
            for r in ranking.itertuples(index=False)
        ),
    )
)

points = analysis.scatter_points(model, ctx.weights)
st.altair_chart(
    charts.cost_value_scatter(
        points,
        pathways,
        title=t("chart_scatter_title"),
        x_title=t("chart_cost_axis", years=ctx.horizon_years),
        y_title=t("chart_value_axis"),
        size_title=t("chart_size"),
        legend_title=t("col_pathway"),
        frontier_title=t("chart_frontier"),
    ),
    width="stretch",
)
st.caption(t("scatter_caption"))
st.caption(t("efficient_list", names=", ".join(points.loc[points["efficient"], "option"])))

st.subheader(t("current_systems"))
systems = data.systems(ctx.version, area)
if systems.empty:
    st.info(t("no_systems"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                t("col_name"): systems["name"],
                t("col_kind"): systems["kind"].map(lambda k: t(f"kind_{k}")),
                t("col_operator"): systems["operator"],
                t("col_annual"): systems["annual_cost_eur"].map(lambda v: fmt.eur(v, 0, lang)),
                t("col_reach"): [
                    f"{fmt.number(v, 0, lang)} {u}".strip() if pd.notna(v) else "–"
                    for v, u in zip(systems["reach_value"], systems["reach_unit"])
                ],
                t("col_since"): systems["in_use_since"].map(lambda y: "–" if pd.isna(y) else str(int(y))),
                t("col_notes"): systems["notes"],
                t("col_source"): [
                    s if not e else f"{t('estimate_marker')}: {r}" + (f" ({s})" if s else "")
                    for s, e, r in zip(systems["source"], systems["is_estimate"], systems["estimate_reason"])
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )

st.subheader(t("option_details"))
assessments = data.assessments(ctx.version, area)
lines = data.cost_lines(ctx.version, area)
crit = ctx.criteria.set_index("key")
label_col = "label_de" if lang == "de" else "label_en"
for row in ranking.itertuples(index=False):
    with st.expander(f"{int(row.rank)}. {row.option} — {pathways[row.pathway]}"):
        option = model.options.set_index("id").loc[row.option_id]
        st.markdown(option["description"])
        st.caption(f"{t('col_source')}: {option['source']}")
        rows = assessments[assessments["option_id"] == row.option_id].copy()
        rows["order"] = rows["criterion"].map(crit["sort_order"])
        rows = rows.sort_values("order")
        st.dataframe(
            pd.DataFrame(
                {
                    t("col_criterion"): rows["criterion"].map(crit[label_col]),
                    t("col_value"): rows["value"].map(lambda v: fmt.number(v, 1, lang)),
                    t("col_unit"): rows["criterion"].map(crit["unit"]),
                    t("col_estimate"): rows["is_estimate"].map(
                        lambda e: f"⚠ {t('estimate_marker')}" if e else f"✓ {t('sourced_marker')}"
                    ),
                    t("col_rationale"): [
                        f"{r} ({t('estimate_marker')}: {why})" if e and why else r
                        for r, e, why in zip(rows["rationale"], rows["is_estimate"], rows["estimate_reason"])
                    ],
                    t("col_source"): rows["source"],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        own = lines[lines["option_id"] == row.option_id]
        st.markdown(f"**{t('cost_lines')}**")
        st.dataframe(
            pd.DataFrame(
                {
                    t("col_item"): own["item"],
                    t("col_investment"): own["investment_eur"].map(lambda v: fmt.eur(v, 0, lang)),
                    t("col_annual"): own["annual_cost_eur"].map(lambda v: fmt.eur(v, 0, lang)),
                    t("col_fte"): own["staff_fte"].map(lambda v: fmt.number(v, 2, lang)),
                    t("col_estimate"): own["is_estimate"].map(
                        lambda e: f"⚠ {t('estimate_marker')}" if e else f"✓ {t('sourced_marker')}"
                    ),
                    t("col_source"): [
                        f"{s} — {t('estimate_marker')}: {why}" if e else s
                        for s, e, why in zip(own["source"], own["is_estimate"], own["estimate_reason"])
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
        )
