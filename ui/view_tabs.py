"""Lazy tabs whose choice the link carries: only the open tab's content is built.

``st.tabs(labels, key=..., on_change=...)`` tracks the selected tab in session state, by its
label, and each returned tab's ``.open`` says whether it is the selected one; a caller builds
(computes, draws, sends) only the content of the open tab. A switch reruns the call site the
tabs are drawn in (the tabs of the Übersicht sit in the weights fragment's call sites, so a
switch reruns that part of the page, not the app) and rewrites the URL
(``weights_fragment.on_view``).

The label depends on the language, and Streamlit forgets a widget's state when a run does not
draw it (the user visits another page). So the choice is kept as a slug under a plain session
key as well, e.g. ``pf_tab`` = ``curve``; the weights panel puts it into the link when it is
not the default (``core.views.urlstate.VIEW_PARAMS``, ``ui.weights_panel``). The widget's own
state wins when it names one of the current labels (the user just clicked); otherwise
(first run, another language, back from another page, a bad link value) the slug decides
and an unknown slug means the first tab.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st
from streamlit.elements.lib.mutable_tab_container import TabContainer

from ui import weights_fragment


def chosen(choice_key: str, slugs: tuple[str, ...]) -> str:
    """The tab held under ``choice_key``; the first (default) one if none or unknown."""
    choice = st.session_state.get(choice_key)
    return choice if choice in slugs else slugs[0]


def lazy(choice_key: str, widget_key: str, labels: Mapping[str, str]) -> dict[str, TabContainer]:
    """Tabs labelled ``labels`` (slug → label, the default first) that track their choice;
    returns the tab containers by slug. Build content only under ``tab.open``."""
    slugs = tuple(labels)
    by_label = {label: slug for slug, label in labels.items()}
    state = st.session_state
    shown = state.get(widget_key)
    if shown in by_label:
        choice = by_label[shown]
    else:
        choice = chosen(choice_key, slugs)
        state[widget_key] = labels[choice]
    state[choice_key] = choice
    tabs = st.tabs(list(labels.values()), key=widget_key, on_change=weights_fragment.on_view)
    return dict(zip(slugs, tabs, strict=True))
