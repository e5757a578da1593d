"""The presentation's slides: the summary first, one slide per area, the portfolio last.

Each slide is a title, one meta line (data version, scenario, method, weights in %) and
what the committee decides on. On the projector a slide fits the screen without scrolling
(tests/browser/test_present.py measures it at 1280×720, 1024×768 and 1920×1080); numbers in
tables are right-aligned.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from core import analysis, scoring, views
from core.errors import CockpitError
from ui import (
    charts as ui_charts,
    context,
    data,
    portfolio_section,
    presentation,
    recommendation_box,
    stability_summary,
    tables,
    text,
)
from ui.text import t


def weights_text(ctx: context.Context, lang: str) -> str:
    """The group weights in %, e.g. 'Kosten 40 % · Bürgernutzen 35 % · Umsetzbarkeit 25 %'."""
    labels = text.group_labels()
    return " · ".join(
        f"{labels[g]} {views.format_percent(share, 0, lang)}"
        for g, share in ctx.weights.group_shares().items()
    )


def meta(ctx: context.Context, lang: str) -> str:
    """The line under each slide's title: what the slide rests on (returned as shown)."""
    stand = t("data_stand", version=ctx.version, date=views.format_date(ctx.date, lang))
    scenario = views.scenario_name(ctx.weights, data.presets(ctx.version), lang)
    line = t(
        "slide_meta",
        stand=stand,
        scenario=scenario,
        method=text.method_label(ctx.method),
        weights=weights_text(ctx, lang),
    )
    st.caption(line)
    return line


def summary(ctx: context.Context, rankings: Mapping[str, pd.DataFrame], lang: str) -> None:
    """The opening slide: the recommendation per area, its lead and costs, and the totals."""
    st.title(t("slide_summary_title"))
    meta(ctx, lang)
    rows = pd.DataFrame(
        [{"area": slug, **analysis.area_summary(r)} for slug, r in rankings.items() if len(r)]
    )
    if rows.empty:
        st.info(t("no_options"))
        return
    score_label = views.score_label(ctx.method, lang)
    annual_label = t("slide_col_annual_change")
    frame = pd.DataFrame(
        {
            t("col_area"): rows["area"].map(lambda s: ctx.area_name(s, lang)),
            t("slide_col_recommendation"): rows["option"],
            score_label: rows["score"].map(lambda v: views.format_points(v, 1, lang)),
            t("col_lead"): [
                "–" if lead is None or pd.isna(lead) else views.format_lead(lead, lang)
                for lead in rows["lead"]
            ],
            t("col_investment_short"): rows["investment"].map(
                lambda v: views.format_eur(v, 0, lang)
            ),
            annual_label: rows["annual_change"].map(
                lambda v: views.format_eur(v, 0, lang, signed=True)
            ),
        }
    )
    tables.static(
        frame,
        "slide_summary_table",
        [score_label, t("col_lead"), t("col_investment_short"), annual_label],
    )
    totals = st.columns(3)
    totals[0].metric(t("total_investment"), views.format_eur(rows["investment"].sum(), 0, lang))
    totals[1].metric(
        t("total_annual_change"),
        views.format_eur(rows["annual_change"].sum(), 0, lang, signed=True),
    )
    totals[2].metric(
        t("total_npv_change", years=ctx.horizon_years),
        views.format_eur(rows["npv_change"].sum(), 0, lang, signed=True),
    )
    st.caption(t("sign_convention"))


def area(ctx: context.Context, slug: str, ranking: pd.DataFrame, lang: str) -> None:
    """One area: recommendation, stability sentence, the stacked bars of every option."""
    st.title(ctx.area_name(slug, lang))
    meta_line = meta(ctx, lang)
    if ranking.empty:
        st.info(t("no_options"))
        return
    box = recommendation_box.show(ctx, slug, ranking, lang)
    stability = stability_summary.sentence(ctx, slug, ranking)
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
    presenting = presentation.is_on()
    label_lines = max(len(views.wrap_label(o, presentation.LABEL_WRAP)) for o in ranking["option"])
    font = views.CHART_FONT_SIZE + 2
    if presenting:
        # The chart's pixels come first; the text gets what the screen's height leaves.
        font = views.slide_chart_font(len(ranking), label_lines)
        chart_px = views.slide_chart_height_px(len(ranking), label_lines, font)
        sentences = [stability] if stability else []
        presentation.fit_root_font(views.area_root_font(chart_px, box, sentences, meta_line))
    ui_charts.show(
        "ranking_bars",
        views.ranking_frame(ranking, group_labels),
        alt_text=t("chart_alt_breakdown", items=breakdown),
        group_labels=group_labels,
        # On the projector the slide's title names the area; the chart's would cost a line.
        title="" if presenting else t(scoring.text_key("chart_scores_title", ctx.method)),
        x_title=t(scoring.text_key("chart_points", ctx.method)),
        y_title=t("col_option"),
        legend_title=t("chart_group"),
        font_size=font,
        label_wrap=presentation.LABEL_WRAP,
        label_lines=label_lines,
        legend_top=True,
        lang=lang,
    )


def area_tables(ctx: context.Context, ranking: pd.DataFrame, lang: str) -> None:
    """The ranking and the group contributions as tables (off the projector)."""
    if ranking.empty:
        return
    group_labels = text.group_labels()
    score_label = views.score_label(ctx.method, lang)
    st.subheader(t("ranking"))
    tables.static(
        pd.DataFrame(
            {
                t("col_rank"): ranking["rank"].astype(int).astype(str),
                t("col_option"): ranking["option"],
                t("col_pathway"): ranking["pathway"].map(text.pathway_labels()),
                score_label: ranking["score"].map(lambda s: views.format_points(s, 1, lang)),
                t("col_benefit"): ranking["benefit"].map(
                    lambda v: views.format_number(v, 1, lang) if pd.notna(v) else "–"
                ),
            }
        ),
        "slide_ranking_table",
        [t("col_rank"), score_label, t("col_benefit")],
    )
    with st.expander(t("present_breakdown")):
        groups = {
            group_labels[g]: ranking[g].map(lambda v: views.format_points(v, 1, lang))
            for g in scoring.GROUPS
        }
        tables.static(
            pd.DataFrame(
                {
                    t("col_option"): ranking["option"],
                    **groups,
                    score_label: ranking["score"].map(lambda s: views.format_points(s, 1, lang)),
                }
            ),
            "slide_groups_table",
            [*groups, score_label],
        )


def portfolio(ctx: context.Context, rankings: Mapping[str, pd.DataFrame], lang: str) -> None:
    """The closing slide: the best set of options within the budgets set on the Übersicht."""
    st.title(t("slide_portfolio_title"))
    meta(ctx, lang)
    try:
        slugs = list(ctx.areas["slug"])
        items = analysis.portfolio_items(
            ctx.models(), ctx.weights, portfolio_section.area_weights(slugs)
        )
        if items.empty:
            st.info(t("no_options"))
            return
        invest, annual = portfolio_section.current_budgets(items)
        result = analysis.solve_portfolio(items, invest, annual)
    except CockpitError as exc:
        st.error(text.message(exc))
        return
    unlimited = t("slide_unlimited")
    st.markdown(
        t(
            "slide_portfolio_budget",
            invest=unlimited if invest is None else views.format_eur(invest, 0, lang),
            annual=unlimited if annual is None else views.format_eur(annual, 0, lang),
        )
    )
    if not result.feasible:
        st.error(
            t(
                "pf_infeasible",
                invest=views.format_eur(result.min_investment, 0, lang),
                annual=views.format_eur(result.min_annual, 0, lang),
            )
        )
        return
    choices = result.choices
    invest_label, annual_label = t("col_investment_short"), t("col_annual_short")
    tables.static(
        pd.DataFrame(
            {
                t("col_area"): choices["area"].map(lambda s: ctx.area_name(s, lang)),
                t("col_option"): choices["option"],
                t("col_pathway"): choices["pathway"].map(text.pathway_labels()),
                invest_label: choices["investment"].map(lambda v: views.format_eur(v, 0, lang)),
                annual_label: choices["annual_cost"].map(lambda v: views.format_eur(v, 0, lang)),
            }
        ),
        "slide_portfolio_table",
        [invest_label, annual_label],
    )
    totals = st.columns(3)
    totals[0].metric(
        t("pf_total_value"),
        t(
            "pf_value_points",
            value=views.format_number(result.total_value, 1, lang),
        ),
    )
    totals[1].metric(t("pf_total_invest"), views.format_eur(result.total_investment, 0, lang))
    totals[2].metric(t("pf_total_annual"), views.format_eur(result.total_annual, 0, lang))
