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

st.header(t("method_sources_header"))
sources = data.sources(ctx.version)
tables.static(
    sources.rename(
        columns={
            "source": t("col_source"),
            "used_in": t("col_used_in"),
            "citations": t("col_citations"),
        }
    ),
    "sources_table",
    [t("col_citations")],
)

st.header(t("a11y_header"))
contact = settings.get("contact")  # set by the operator; may be Markdown, e.g. a mailto link
st.markdown(text.prose("a11y_statement", contact=contact or t("a11y_contact_missing")))
