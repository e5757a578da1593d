"""Präsentation: one slide per review area for the committee projector.

Each slide shows only the essentials: the recommendation with its lead, the stability
sentence, the stacked ranking chart and the ranking as a table, under a line with the data
version ("Stand"), the scenario and the method. In presentation mode (toggle or
``?present=1``) type is large, the sidebar collapsed and no weight can be changed.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import scoring, views
from ui import (
    charts as ui_charts,
    context,
    data,
    presentation,
    stability_summary,
    text,
    weights_panel,
)
from ui.text import t

ctx = context.get()
lang = text.lang()
presenting = presentation.is_on()
if presenting:
    presentation.projector_style()
presentation.keyboard_stepping()

slugs = ctx.areas["slug"].tolist()
names = {slug: ctx.area_name(slug, lang) for slug in slugs}
area = presentation.current_slide(slugs, weights_panel.AREA_KEY)
stand = t("data_stand", version=ctx.version, date=views.format_date(ctx.date, lang))
scenario = views.scenario_name(ctx.weights, data.presets(ctx.version), lang)
method = text.method_label(ctx.method)

st.title(names[area])
st.markdown(t("present_meta", stand=stand, scenario=scenario, method=method))
if not presenting:  # on the projector the switch waits at the end, out of the way
    presentation.toggle()
presentation.slide_buttons(slugs, weights_panel.AREA_KEY, names)

rankings = {
    slug: scoring.rank_area(model, ctx.weights, ctx.method) for slug, model in ctx.models().items()
}
ranking = rankings[area]
if ranking.empty:
    st.info(t("no_options"))
else:
    kind, sentence = views.recommendation(ranking, lang, ctx.method)
    (st.warning if kind == "tie" else st.success)(sentence)
    stability = stability_summary.sentence(ctx, area, ranking)
    if stability:
        st.markdown(stability)

    group_labels = text.group_labels()
    breakdown = "; ".join(
        f"{int(r.rank)}. {r.option}: {views.format_points(r.score, 1, lang)} ("
        + ", ".join(
            f"{group_labels[g]} {views.format_points(getattr(r, g), 1, lang)}"
            for g in scoring.GROUPS
        )
        + ")"
        for r in ranking.itertuples(index=False)
    )
    options = ranking["option"]
    ui_charts.show(
        "ranking_bars",
        views.ranking_frame(ranking, group_labels),
        alt_text=t("chart_alt_breakdown", items=breakdown),
        group_labels=group_labels,
        title=t(scoring.text_key("chart_scores_title", ctx.method)),
        x_title=t(scoring.text_key("chart_points", ctx.method)),
        y_title=t("col_option"),
        legend_title=t("chart_group"),
        font_size=presentation.CHART_FONT_SIZE if presenting else views.CHART_FONT_SIZE + 2,
        label_wrap=presentation.LABEL_WRAP if presenting else 0,
        label_lines=max(len(views.wrap_label(o, presentation.LABEL_WRAP)) for o in options),
        lang=lang,
    )

    pathways = text.pathway_labels()
    score_label = views.score_label(ctx.method, lang)
    st.subheader(t("ranking"))
    st.table(
        pd.DataFrame(
            {
                t("col_rank"): ranking["rank"].astype(int).astype(str),
                t("col_option"): ranking["option"],
                t("col_pathway"): ranking["pathway"].map(pathways),
                score_label: ranking["score"].map(lambda s: views.format_points(s, 1, lang)),
                t("col_benefit"): ranking["benefit"].map(
                    lambda v: views.format_number(v, 1, lang) if pd.notna(v) else "–"
                ),
            }
        ),
        hide_index=True,
    )
    with st.expander(t("present_breakdown")):
        st.table(
            pd.DataFrame(
                {
                    t("col_option"): ranking["option"],
                    **{
                        group_labels[g]: ranking[g].map(lambda v: views.format_points(v, 1, lang))
                        for g in scoring.GROUPS
                    },
                    score_label: ranking["score"].map(lambda s: views.format_points(s, 1, lang)),
                }
            ),
            hide_index=True,
        )

st.caption(t("present_keys_hint"))
if presenting:
    presentation.toggle()

st.subheader(t("present_downloads"))
summary_context = views.SummaryContext(
    stand=stand,
    scenario=scenario,
    method=method,
    group_shares=ctx.weights.group_shares(),
    horizon_years=ctx.horizon_years,
    method_code=ctx.method,
    source_max_age_years=data.sourcing(ctx.version).max_age_years,
)
area_texts = ctx.areas.set_index("slug")["description_de"]


def _page(slug: str) -> views.SummaryPage:
    model = ctx.models()[slug]
    return views.SummaryPage(
        slug=slug,
        name=names[slug],
        description=str(area_texts.get(slug, "")),
        ranking=rankings[slug],
        stability=stability_summary.sentence(ctx, slug, rankings[slug])
        if len(rankings[slug])
        else None,
        sources=views.area_sources(
            model.options["source"],
            data.assessments(ctx.version, slug)["source"],
            data.cost_lines(ctx.version, slug)["source"],
            data.systems(ctx.version, slug)["source"],
            sourcing=data.sourcing(ctx.version),
            lang=lang,
        ),
    )


left, right = st.columns(2)
left.download_button(
    t("present_download_area"),
    views.summary_html([_page(area)], summary_context, lang),
    file_name=views.summary_file_name(area, ctx.version),
    mime="text/html",
    key="present_download_area",
    help=t("present_download_help"),
    on_click="ignore",
    width="stretch",
)
right.download_button(
    t("present_download_all"),
    views.summary_html([_page(slug) for slug in slugs], summary_context, lang),
    file_name=views.summary_file_name(None, ctx.version),
    mime="text/html",
    key="present_download_all",
    help=t("present_download_help"),
    on_click="ignore",
    width="stretch",
)
