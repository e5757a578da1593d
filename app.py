"""IT-Reorg-Cockpit: page set-up, session state from the URL, navigation."""

from __future__ import annotations

import streamlit as st

from core import fmt, settings
from ui import context, data, text, weights_panel
from ui.text import t

st.set_page_config(page_title="IT-Reorg-Cockpit Mülheim", page_icon="🏛️", layout="wide")

version, version_date = data.version()
areas = data.areas(version)
criteria = data.criteria(version)
weights_panel.init_from_url(criteria, areas["slug"].tolist())

st.sidebar.selectbox(
    t("language"), ("de", "en"), key=text.LANG_KEY, format_func=lambda c: {"de": "Deutsch", "en": "English"}[c]
)
weights, method = weights_panel.show(criteria, data.presets(version))
context.set_current(
    context.Context(
        version=version,
        date=version_date,
        areas=areas,
        criteria=criteria,
        weights=weights,
        method=method,
        horizon_years=settings.get("horizon_years"),
        discount_rate=settings.get("discount_rate"),
    )
)

shares = data.estimate_share(version).set_index("tbl")
st.sidebar.divider()
st.sidebar.caption(t("data_stand", version=version, date=fmt.date_text(version_date, text.lang())))
st.sidebar.caption(
    t(
        "honesty_note",
        estimates=int(shares.loc["assessments", "estimates"]),
        total=int(shares.loc["assessments", "total"]),
    )
)

ignored = st.session_state.get(weights_panel.IGNORED_KEY)
if ignored:
    st.warning(t("bad_params", params=", ".join(ignored)), icon="⚠️")

navigation = st.navigation(
    [
        st.Page("pages/overview.py", title=t("page_overview"), icon="🗂️", url_path="uebersicht", default=True),
        st.Page("pages/area.py", title=t("page_area"), icon="🔎", url_path="bereich"),
        st.Page("pages/method.py", title=t("page_method"), icon="📚", url_path="methodik"),
    ]
)
navigation.run()
weights_panel.sync_url(criteria)
