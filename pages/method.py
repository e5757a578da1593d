"""Methodik & Quellen: the mandate, how scores are computed, data version and sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import i18n, settings, views
from ui import context, data, tables, text
from ui.text import t

ctx = context.get()
lang = text.lang()
st.title(t("page_method"))

st.header(t("method_motion_header"))
st.markdown(text.prose("method_motion"))

st.header(t("method_scoring_header"))
st.markdown(
    text.prose(
        "method_scoring",
        years=ctx.horizon_years,
        rate=views.format_percent(ctx.discount_rate, 1, lang),
    )
)
st.header(t("method_robustness_header"))
st.markdown(
    text.prose(
        "method_robustness",
        years=ctx.horizon_years,
        rate=views.format_percent(ctx.discount_rate, 1, lang),
    )
)

st.subheader(t("criteria_catalogue"))
crit = ctx.criteria
label_col = i18n.localized_column("label", lang)
tables.static(
    pd.DataFrame(
        {
            t("col_group"): crit["grp"].map(text.group_labels()),
            t("col_criterion"): crit[label_col],
            t("col_unit"): crit["unit"],
            t("col_direction"): crit["direction"].map(lambda d: t(f"direction_{d}")),
            t("col_range"): [
                f"{views.format_number(lo, 0, lang)} – {views.format_number(hi, 0, lang)}"
                for lo, hi in zip(crit["min_value"], crit["max_value"])
            ],
            t("col_default_weight"): crit["default_weight"].map(
                lambda w: views.format_number(w, 0, lang)
            ),
        }
    ),
    "criteria_table",
    [t("col_default_weight")],
)

st.header(t("method_data_header"))
st.markdown(t("data_stand", version=ctx.version, date=views.format_date(ctx.date, lang)))
shares = data.estimate_share(ctx.version).set_index("tbl")
st.markdown(
    text.prose(
        "method_honesty",
        assessments=int(shares.loc["assessments", "estimates"]),
        assessments_total=int(shares.loc["assessments", "total"]),
        costs=int(shares.loc["cost_lines", "estimates"]),
        costs_total=int(shares.loc["cost_lines", "total"]),
        systems=int(shares.loc["systems", "estimates"]),
        systems_total=int(shares.loc["systems", "total"]),
    )
)

st.header(t("method_maturity_header"))
st.markdown(text.prose("method_maturity"))

# Age of the figures: rows whose (oldest dated) source is older than the limit.
sourcing = data.sourcing(ctx.version)
area_names = views.area_names(ctx.areas, lang)
old = views.outdated_rows(
    data.cited_rows(ctx.version, lang), sourcing.sources, sourcing.today, sourcing.max_age_years
)
st.header(t("method_old_header", years=sourcing.max_age_years))
counts = views.count_old_by_kind(old)
st.markdown(
    text.prose(
        "method_age",
        years=sourcing.max_age_years,
        systems=counts["systems"],
        options=counts["options"],
        costs=counts["cost_lines"],
        assessments=counts["assessments"],
    )
)
if len(old):
    with st.expander(t("method_old_list", n=len(old))):
        st.dataframe(
            views.outdated_table(
                old,
                sourcing.sources,
                lang,
                sourcing.today,
                sourcing.max_age_years,
                area_names,
            ),
            hide_index=True,
            width="stretch",
        )

st.header(t("method_sources_header"))
st.markdown(text.prose("method_sources"))
SOURCE_FILTER = "method_source_filter"
AREA_FILTER = "method_source_area"
wanted = st.query_params.get(views.SOURCE_QUERY_KEY)
if wanted and st.session_state.get("method_source_from_url") != wanted:
    st.session_state["method_source_from_url"] = wanted  # a marker link: show that source
    st.session_state[SOURCE_FILTER] = wanted if wanted in sourcing.sources else ""
    st.session_state[AREA_FILTER] = ""
left, right = st.columns(2)
area_filter = left.selectbox(
    t("sources_filter_area"),
    ["", *ctx.areas["slug"]],
    format_func=lambda s: (
        area_names.get(s, t("sources_filter_all")) if s else t("sources_filter_all")
    ),
    key=AREA_FILTER,
)
listed = data.sources(ctx.version, area_filter or None)
choices = ["", *listed["id"]]
if st.session_state.get(SOURCE_FILTER) not in choices:
    st.session_state[SOURCE_FILTER] = ""
titles = dict(zip(listed["id"], listed["title"]))
source_filter = right.selectbox(
    t("sources_filter_source"),
    choices,
    format_func=lambda k: titles[k] if k else t("sources_filter_all_sources"),
    key=SOURCE_FILTER,
)
if source_filter:
    listed = listed[listed["id"] == source_filter]
st.caption(t("sources_count", n=len(listed)))
tables.static_with_sources(
    views.sources_table(listed, lang, sourcing.today, sourcing.max_age_years, area_names),
    "sources_table",
    addresses=(t("col_address"),),
)

st.header(t("a11y_header"))
contact = settings.get("contact")  # set by the operator; may be Markdown, e.g. a mailto link
st.markdown(text.prose("a11y_statement", contact=contact or t("a11y_contact_missing")))
