"""Sensitivität: how sure the recommendation is — weight stability, the three methods side by
side, Monte Carlo rank acceptability and the cost view with the WiBe rule."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import analysis, scoring, views
from ui import (
    context,
    cost_section,
    montecarlo_section,
    stability_summary,
    tables,
    text,
    weights_panel,
)
from ui.text import t

ctx = context.get()
lang = text.lang()
area = weights_panel.area_picker(
    ctx.areas["slug"].tolist(), lambda s: ctx.area_name(s, lang), key="sens_area_select"
)
st.title(f"{t('page_sensitivity')}: {ctx.area_name(area, lang)}")
st.caption(t("sens_intro"))

model = ctx.models()[area]
if len(model.options) == 0:
    st.info(t("no_options"))
    st.stop()
names = dict(zip(model.options["id"], model.options["name"], strict=True))
labels = text.group_labels()
method_label = text.method_label(ctx.method)

# --- 1. weight stability ---------------------------------------------------------------
st.header(t("sens_stability_header"))
stability = stability_summary.for_area(ctx, area)
st.info(views.stability_sentence(stability, lang))
exact = scoring.method_spec(ctx.method).linear
st.caption(
    t("sens_stability_intro")
    + " "
    + t("sens_exact" if exact else "sens_numerical", method=method_label)
)
tab_labels = [labels[g] for g in scoring.GROUPS]
shown_group = st.session_state.get(weights_panel.TAB_KEY)


def _remember_tab() -> None:  # the link carries the tab as its group slug
    chosen = st.session_state.get("sens_tab")
    st.session_state[weights_panel.TAB_KEY] = next(
        (g for g in scoring.GROUPS if labels[g] == chosen), None
    )


group_tabs = st.tabs(
    tab_labels,
    key="sens_tab",
    default=labels[shown_group] if shown_group in labels else None,
    on_change=_remember_tab,
)
for group, tab in zip(scoring.GROUPS, group_tabs, strict=True):
    with tab:
        result = stability.groups[group]
        st.markdown(views.group_stability_sentence(stability, result, lang))
        if not result.applicable:
            continue
        st.caption(
            t(
                "stability_current",
                group=labels[group],
                weight=views.format_percent(result.current, 1, lang),
            )
        )
        curve = analysis.score_curves(
            model, ctx.weights, ctx.method, group, crossings=result.crossings
        )
        crossings = pd.DataFrame(
            {
                "weight": [c.weight for c in result.crossings],
                "score": [c.score for c in result.crossings],
                "changes_top": [c.changes_top for c in result.crossings],
                "label": [
                    f"{names[c.leader_below]} → {names[c.leader_above]}" for c in result.crossings
                ],
            }
        )
        st.altair_chart(
            views.stability_lines(
                curve,
                crossings,
                result.current,
                title=t("chart_stability_title", group=labels[group]),
                x_title=t("chart_weight_axis", group=labels[group]),
                y_title=t(scoring.text_key("chart_points", ctx.method)),
                legend_title=t("col_option"),
                current_label=t("chart_current_weight"),
                lang=lang,
            ),
            width="stretch",
        )
        st.caption(t("stability_chart_caption"))
        if crossings.empty:
            st.caption(t("no_crossings"))
            continue
        st.markdown(f"**{t('crossings_header')}**")
        tables.static(
            pd.DataFrame(
                {
                    t("sens_col_weight"): [
                        views.format_percent(w, 1, lang) for w in crossings["weight"]
                    ],
                    t("sens_col_leader_below"): [names[c.leader_below] for c in result.crossings],
                    t("sens_col_leader_above"): [names[c.leader_above] for c in result.crossings],
                    t("sens_col_changes_top"): [
                        t("sens_yes") if c.changes_top else t("sens_no") for c in result.crossings
                    ],
                }
            ),
            f"crossings_table_{group}",
            [t("sens_col_weight")],
        )

# --- 2. method comparison --------------------------------------------------------------
st.header(t("compare_header"))
st.caption(t("compare_intro"))
comparison = analysis.compare_methods(model, ctx.weights)
if comparison.agree:
    st.badge(
        t("compare_agree", option=views.md(names[comparison.agreed_top])),
        icon=":material/check:",
        color="green",
    )
else:
    tops = "; ".join(
        f"{text.method_label(m)}: {', '.join(views.md(names[o]) for o in options)}"
        for m, options in comparison.top.items()
    )
    st.warning(t("compare_disagree", tops=tops))
method_ranks = {text.method_label(m): comparison.ranks[m] for m in scoring.method_keys()}
tables.static(
    pd.DataFrame(
        {
            t("col_option"): comparison.ranks["option"],
            t("col_pathway"): comparison.ranks["pathway"].map(text.pathway_labels()),
            **method_ranks,
        }
    ),
    "method_ranks_table",
    list(method_ranks),
)

# --- 3. Monte Carlo rank acceptability --------------------------------------------------
montecarlo_section.show(ctx, model)

# --- 4. cost view and WiBe -----------------------------------------------------------------
cost_section.show(ctx, model)
