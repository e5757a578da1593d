"""What depends on the weights, rerun alone when the weights change.

A slider move used to rerun the whole app: app.py (data version, catalogue, sidebar, sign-in,
navigation) and every element of the page, also those that do not depend on the weights
(area description, current systems, an option's assessments). Now the parts that do depend
on the weights are call sites of one Streamlit fragment, ``@st.fragment(key="weights")``:

- in the sidebar, the weights panel's shares, its warning and the sub-weights note;
- on a page that opts in (:func:`show`), the part of the page that reads the weights.

The panel's widgets stay in app.py and call :func:`on_change`; when the page on screen has
put its weight-dependent part into the fragment, the callback reruns every call site of the
fragment (``st.rerun("weights")``) instead of the app. Pages that have not opted in (their
weight-dependent content is not in the fragment) get the full rerun as before.

The three group sliders (what a committee moves) sit in a fragment of their own,
:func:`sliders`. A widget outside every fragment makes the browser ask for a run of the whole
app; the server starts it (a new session for the browser, which then marks every element as
stale and processes the app's settings and theme again) before the callback replaces it with
the fragment run. A slider in a fragment asks only for that fragment's run, which the
callback replaces in the same way, and the sliders, already showing their new value, are
not sent again (the callback's rerun does not include their fragment). Each call
site rebuilds the weighting from the panel's session state and, in such a rerun, rewrites
the URL (app.py does it at the end of a full run), so a fragment rerun shows and links
what a full run would.

Widgets drawn inside a call site (the cards' buttons, the portfolio's confidence toggle, the
lazy tabs of ui.view_tabs) rerun only their own call site when used; a tab's callback
(:func:`on_view`) has that rerun rewrite the URL too. A page whose own inputs do not depend on the
weights draws them outside the fragment, once, and puts what they drive into a second
fragment, :func:`results` (the Übersicht's portfolio: a dozen selectboxes and two long
multiselects that a slider move would otherwise redraw and resend); those inputs call
:func:`on_input`, which reruns only the results, and a weights change reruns both fragments.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import streamlit as st

from ui import context, guard, weights_panel

FRAGMENT_KEY = "weights"
RESULTS_KEY = "weights_results"
SLIDERS_KEY = "weights_sliders"
_PAGE_KEY = "_weights_fragment_on_page"  # the page on screen drew its part in the fragment
_RESULTS_KEY = "_weights_fragment_results_on_page"  # ... and has a results call site
_SYNC_KEY = "_weights_fragment_sync_url"  # this run is a fragment rerun for new weights


def begin_run() -> None:
    """Call at the start of every full run, before the panel: no page part in the fragment
    yet, and the URL is app.py's to rewrite (at the end of the run: a page may read query
    parameters first, e.g. a participant link)."""
    st.session_state[_PAGE_KEY] = False
    st.session_state[_RESULTS_KEY] = False
    st.session_state[_SYNC_KEY] = False


def on_change() -> None:
    """Callback of the panel's widgets: rerun only the weight-dependent parts when the page
    has them all in the fragment, otherwise the whole app (a group slider sits in a
    fragment of its own, which would otherwise be all that reruns)."""
    if st.session_state.get(_PAGE_KEY):
        st.session_state[_SYNC_KEY] = True
        if st.session_state.get(_RESULTS_KEY):
            st.rerun([FRAGMENT_KEY, RESULTS_KEY])
        st.rerun(FRAGMENT_KEY)
    st.rerun()


def on_input() -> None:
    """Callback of a page's own inputs drawn outside the fragments: rerun only the
    :func:`results` call sites (the URL is kept in step there), else the app."""
    if st.session_state.get(_RESULTS_KEY):
        st.session_state[_SYNC_KEY] = True
        st.rerun(RESULTS_KEY)


def on_view() -> None:
    """Callback of a control inside a call site that changes only what the link carries
    about the view (a lazy tab, ui.view_tabs): its call site reruns alone (Streamlit reruns
    a fragment for its own widgets) and rewrites the URL there, as app.py would."""
    st.session_state[_SYNC_KEY] = True


def current() -> context.Context:
    """The run's context with the weighting the panel holds now.

    In a full run this is app.py's context; in a fragment rerun app.py has not run, so the
    weighting is rebuilt from the panel's session state, once per set of panel values."""
    ctx = context.get()
    weights = context.memo(
        "weights",
        (ctx.version, weights_panel.panel_values(ctx.criteria)),
        lambda: weights_panel.current_weights(ctx.criteria),
    )
    if weights != ctx.weights:
        ctx = dataclasses.replace(ctx, weights=weights)
        context.set_current(ctx)
    return ctx


def _draw(draw: Callable[..., Any], args: tuple[Any, ...]) -> None:
    # a fragment rerun does not pass app.py's guard: guard the call site itself
    with guard.page():
        ctx = current()
        draw(ctx, *args)
        if st.session_state.get(_SYNC_KEY):  # app.py does not run: keep the URL in step here
            weights_panel.sync_url(ctx.criteria)
            # once per run: the call sites after this one would write the same address
            st.session_state[_SYNC_KEY] = False


@st.fragment(key=FRAGMENT_KEY)
def _call_site(draw: Callable[..., Any], args: tuple[Any, ...]) -> None:
    _draw(draw, args)


@st.fragment(key=RESULTS_KEY)
def _results_site(draw: Callable[..., Any], args: tuple[Any, ...]) -> None:
    _draw(draw, args)


@st.fragment(key=SLIDERS_KEY)
def _sliders_site(draw: Callable[..., Any], args: tuple[Any, ...]) -> None:
    _draw(draw, args)


def sliders(draw: Callable[..., Any], *args: Any) -> None:
    """The panel's group sliders, ``draw(ctx, *args)``, in the sidebar, in a fragment of
    their own: moving one asks the server for no run of the whole app (see above); their
    callback (:func:`on_change`) decides what reruns."""
    with st.sidebar:
        _sliders_site(draw, args)


def sidebar(draw: Callable[..., Any], *args: Any) -> None:
    """A call site in the sidebar: ``draw(ctx, *args)``."""
    with st.sidebar:
        _call_site(draw, args)


def show(draw: Callable[..., Any], *args: Any) -> None:
    """The page's weight-dependent part, ``draw(ctx, *args)``, as a call site of the
    fragment; from now on a weights change reruns only the fragment."""
    st.session_state[_PAGE_KEY] = True
    _call_site(draw, args)


def results(draw: Callable[..., Any], *args: Any) -> None:
    """What the page's own inputs (drawn outside the fragments, with :func:`on_input` as
    their callback) drive, and what also reads the weights: ``draw(ctx, *args)`` as a call
    site of a second fragment, rerun by a weights change and by those inputs."""
    st.session_state[_PAGE_KEY] = True
    st.session_state[_RESULTS_KEY] = True
    _results_site(draw, args)
