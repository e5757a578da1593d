"""IT-Reorg-Cockpit: page set-up, session state from the URL, navigation."""

from __future__ import annotations

import streamlit as st

from core import settings, views
from ui import (
    auth as auth_ui,
    context,
    data,
    guard,
    kept,
    layout,
    not_found,
    presentation,
    tenancy,
    text,
    weights_fragment,
    weights_panel,
    widget_texts,
)
from ui.text import t

HOME_PATH = "uebersicht"
presenting = presentation.is_on()  # before set_page_config: the projector starts collapsed
st.set_page_config(
    page_title="IT-Reorg-Cockpit Mülheim",
    page_icon="🏛️",
    layout="wide",
    initial_sidebar_state="collapsed" if presenting else "auto",
)

with guard.page():  # no traceback reaches the page; details go to the server log
    tenancy.note_link()  # a participant link names its tenant (checked by its signature)
    data.ensure_store()  # a store held by another process: a note, then a retry
    layout.narrow_screen_style()
    weights_fragment.begin_run()
    version, version_date = data.version()
    areas = data.areas(version)
    criteria = data.criteria(version)
    weights_panel.init_from_url(criteria, areas["slug"].tolist())
    # The link may have set the language: the catalogue's texts in that language.
    areas = data.areas(version)
    criteria = data.criteria(version)

    st.sidebar.selectbox(
        t("language"),
        ("de", "en"),
        key=text.LANG_KEY,
        format_func=lambda c: {"de": "Deutsch", "en": "English"}[c],
    )
    text.declare_language()
    widget_texts.style_in_language()  # Streamlit's own texts, in the language just chosen
    # The weighting first: the panel's live parts (ui.weights_fragment) read it from the context.
    if presenting:  # no editing controls on the projector; a warning if the weights cannot rank
        weights = weights_panel.current(criteria)
    else:
        weights = weights_panel.current_weights(criteria)
    context.set_current(
        context.Context(
            version=version,
            date=version_date,
            areas=areas,
            criteria=criteria,
            weights=weights,
            horizon_years=settings.get("horizon_years"),
            discount_rate=settings.get("discount_rate"),
        )
    )
    if not presenting:
        weights_panel.show(
            criteria,
            data.presets(version),
            on_change=weights_fragment.on_change,
            live=weights_fragment.sidebar,
            sliders=weights_fragment.sliders,
        )

    shares = data.estimate_share(version).set_index("tbl")
    st.sidebar.divider()
    st.sidebar.caption(
        t("data_stand", version=version, date=views.format_date(version_date, text.lang()))
    )
    st.sidebar.caption(
        t(
            "honesty_note",
            estimates=int(shares.loc["assessments", "estimates"]),
            total=int(shares.loc["assessments", "total"]),
        )
    )
    if not presenting:  # who is signed in, login/logout; the role itself is re-derived by each page
        auth_ui.sidebar()

    bad_params_note = weights_panel.ignored_note(criteria)
    if bad_params_note:
        st.warning(bad_params_note, icon="⚠️")

    pages = [
        st.Page("pages/area.py", title=t("page_area"), icon="🔎", url_path="bereich"),
        st.Page(
            "pages/sensitivity.py",
            title=t("page_sensitivity"),
            icon="🎚️",
            url_path="sensitivitaet",
        ),
        st.Page("pages/method.py", title=t("page_method"), icon="📚", url_path="methodik"),
        st.Page("pages/data.py", title=t("page_data"), icon="🗄️", url_path="daten"),
        st.Page("pages/scenarios.py", title=t("page_scenarios"), icon="⚖️", url_path="szenarien"),
        st.Page("pages/committee.py", title=t("page_committee"), icon="🗳️", url_path="gremium"),
        st.Page("pages/reuse.py", title=t("page_reuse"), icon="🔁", url_path="nachnutzung"),
        present_page := st.Page(
            "pages/present.py", title=t("page_present"), icon="📽️", url_path="praesentation"
        ),
    ]
    # The address in the link if it names no page above: the overview's own name or unknown.
    requested = not_found.requested({p.url_path for p in pages})
    home = st.Page(
        "pages/overview.py",
        title=t("page_overview"),
        icon="🗂️",
        url_path=HOME_PATH,
        default=requested != HOME_PATH,  # "/uebersicht": the overview there, not the root
    )
    pages.insert(0, home)
    # Our own pages in the UI language, never Streamlit's English "Page not found" dialog.
    extra: list[st.Page] = []
    if requested == HOME_PATH:
        extra.append(not_found.root_page(home))
    elif requested is not None:
        extra.append(not_found.unknown_page(requested, home))
    navigation = st.navigation(
        [*pages, *extra],
        position="hidden" if presenting else "sidebar",  # the slides step on their own
    )
    if presenting and navigation.url_path != present_page.url_path:
        st.switch_page(present_page)
    navigation.run()
    weights_panel.sync_url(criteria)
# After a page that failed too (the guard reported it): keep what the run did not draw.
kept.finish_run()
