"""The weights panel in the sidebar and its sync with the URL.

The panel owns these session-state keys: ``w_<group>`` (0–100), ``s_<criterion>`` (0–100),
``method``, ``lang`` and ``area`` (the chosen review area, kept here because it is part of
the URL state shared by all pages). They are filled from the query parameters once per
session; after every run the URL is rewritten from them, so a copied link reproduces the view.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core import i18n, scoring, views
from core.errors import CockpitError, WeightError
from ui import context, kept, portfolio_section, presentation, text
from ui.text import t

INIT_KEY = "_view_initialised"
IGNORED_KEY = "_ignored_params"  # [(parameter, value as given)] rejected from the URL
AREA_KEY = "area"
AREA_SLUGS_KEY = "_area_slugs"  # the area slugs, for the area weights in the URL
SUB_WEIGHTS_OPEN_KEY = "_sub_weights_open"  # the sub-criteria expander is open
SCENARIO_KEY = "scenario"  # slug of the saved scenario the weights were loaded from, or None
# Page settings the link carries (core.views.urlstate.VIEW_PARAMS), held under these
# session keys: the Sensitivität tab, the Bereich page's option, the Monte Carlo settings.
# The budgets (pf_invest, pf_annual) pair with their on/off keys, see _apply_budget.
TAB_KEY = "sens_tab_group"
OPTION_KEY = "detail_option"
MC_KEYS = ("mc_mode", "mc_concentration", "mc_samples", "mc_seed")
BUDGET_KEYS = {"pf_invest": "pf_invest_on", "pf_annual": "pf_annual_on"}
# The Übersicht's lazy tabs (ui.view_tabs), held as slugs under their parameter's name; the
# link names one only when it is not the default (the first) tab.
PORTFOLIO_TAB_KEY = "pf_tab"
PATHWAY_TAB_KEY = "pathway_tab"
VIEW_TABS = {PORTFOLIO_TAB_KEY: views.PORTFOLIO_TABS, PATHWAY_TAB_KEY: views.PATHWAY_TABS}
VIEW_KEYS = (TAB_KEY, OPTION_KEY, *MC_KEYS, *BUDGET_KEYS, *BUDGET_KEYS.values(), *VIEW_TABS)
# Kept like them, though the link does not carry it: the Monte Carlo data toggle.
PAGE_ONLY_KEYS = ("mc_data",)


def _default_within(criteria: pd.DataFrame) -> dict[str, int]:
    return {k: int(round(w)) for k, w in zip(criteria["key"], criteria["default_weight"])}


def _group_keys() -> list[str]:
    return [f"w_{g}" for g in scoring.GROUPS]


def _panel_keys(criteria: pd.DataFrame) -> list[str]:
    return [
        *_group_keys(),
        *(f"s_{k}" for k in criteria["key"]),
        "method",
        text.LANG_KEY,
    ]


def _apply(state: views.ViewState, criteria: pd.DataFrame) -> None:
    weights = state.weights
    for group in scoring.GROUPS:
        st.session_state[f"w_{group}"] = int(weights.groups[group])
    for key, default in _default_within(criteria).items():
        st.session_state[f"s_{key}"] = int(weights.within.get(key, default))
    st.session_state["method"] = weights.method
    st.session_state[text.LANG_KEY] = state.lang
    st.session_state[AREA_KEY] = state.area
    st.session_state[SCENARIO_KEY] = state.scenario
    presentation.set_on(state.present)
    st.session_state[presentation.SLIDE_KEY] = state.slide
    settings = state.settings
    if "tab" in settings:
        st.session_state[TAB_KEY] = settings["tab"]
    if "option" in settings:
        st.session_state[OPTION_KEY] = settings["option"]
    for key in VIEW_TABS:
        if key in settings:
            st.session_state[key] = settings[key]
    for key in MC_KEYS:
        if key in settings:
            value = settings[key]
            st.session_state[key] = value if key == "mc_mode" else int(value)
    for key, on_key in BUDGET_KEYS.items():
        if key in settings:
            st.session_state[on_key] = settings[key] != "off"
            if settings[key] != "off":
                st.session_state[key] = int(settings[key])


def _settings() -> dict[str, str]:
    """The page settings as link parameters, for those the session holds."""
    state = st.session_state
    settings = {}
    if state.get(TAB_KEY):
        settings["tab"] = str(state[TAB_KEY])
    if state.get(OPTION_KEY):
        settings["option"] = str(state[OPTION_KEY])
    for key, slugs in VIEW_TABS.items():
        if state.get(key) in slugs[1:]:
            settings[key] = str(state[key])
    for key in MC_KEYS:
        if key in state:
            settings[key] = str(state[key])
    for key, on_key in BUDGET_KEYS.items():
        if on_key in state:
            settings[key] = str(int(state[key])) if state[on_key] and key in state else "off"
    return settings


def kept_keys(criteria: pd.DataFrame, area_slugs: list[str]) -> list[str]:
    """The keys whose values outlive the runs that do not draw their widgets (ui.kept): the
    panel's, the page settings the link carries and the portfolio's inputs."""
    return [
        *_panel_keys(criteria),
        *VIEW_KEYS,
        *PAGE_ONLY_KEYS,
        *portfolio_section.kept_keys(list(area_slugs)),
    ]


def init_from_url(criteria: pd.DataFrame, area_slugs: list[str]) -> None:
    """Fill the panel's keys from the query parameters, once per session.

    On every run the kept keys (:func:`kept_keys`) whose widgets the last full run did not
    draw, or all of them after a language switch, are written back (ui.kept.restore; app.py
    ends each full run with ui.kept.finish_run): Streamlit forgets the value of a widget a
    run does not draw (presentation mode, a closed expander, another page), and the sliders
    would then come back at 0. Keys of widgets that stay on screen are not written: a widget
    whose key the run writes is sent with the server's value for the browser to show, which
    set a slider back to the value of a run started before the user's latest presses.
    """
    if not st.session_state.get(INIT_KEY):
        query = st.query_params.to_dict()
        st.session_state[AREA_SLUGS_KEY] = list(area_slugs)
        state, ignored = views.parse_query(query, area_slugs, _default_within(criteria))
        if state.scenario:
            state = _with_scenario(state, criteria, ignored)
        _apply(state, criteria)
        portfolio_section.init_from_url(query, list(area_slugs))
        st.session_state[IGNORED_KEY] = [(name, query.get(name)) for name in ignored]
        st.session_state[INIT_KEY] = True
    kept.restore(kept_keys(criteria, area_slugs), text.lang())


def panel_values(criteria: pd.DataFrame) -> tuple[object, ...]:
    """The panel's values as they stand (the key of everything derived from them)."""
    state = st.session_state
    return (
        *(state.get(f"w_{g}") for g in scoring.GROUPS),
        *(state.get(f"s_{k}") for k in criteria["key"]),
        state.get("method"),
    )


def _slider_groups() -> dict[str, int]:
    """The group sliders (0–100)."""
    return {g: int(st.session_state.get(f"w_{g}", 0)) for g in scoring.GROUPS}


def _slider_within(criteria: pd.DataFrame) -> dict[str, int]:
    """The sub-criterion sliders that differ from their default."""
    defaults = _default_within(criteria)
    return {
        key: int(st.session_state.get(f"s_{key}", default))
        for key, default in defaults.items()
        if int(st.session_state.get(f"s_{key}", default)) != default
    }


def _method() -> str:
    return st.session_state.get("method", scoring.DEFAULT_METHOD)


def _slider_weights(criteria: pd.DataFrame) -> scoring.WeightSet:
    """The sliders' weighting; :class:`~core.errors.WeightError` while every group is at 0."""
    return scoring.WeightSet(_slider_groups(), _slider_within(criteria), _method())


def current_state(criteria: pd.DataFrame) -> views.ViewState:
    """The view state as held in the session.

    While every group slider is at 0 there is no weighting; the state then holds the default
    group weights (the link still shows the zeros, see :func:`sync_url`).
    """
    try:
        weights = _slider_weights(criteria)
    except WeightError:
        weights = scoring.WeightSet(within=_slider_within(criteria), method=_method())
    return views.ViewState(
        weights=weights,
        area=st.session_state.get(AREA_KEY),
        lang=text.lang(),
        present=presentation.is_on(),
        scenario=st.session_state.get(SCENARIO_KEY),
        slide=st.session_state.get(presentation.SLIDE_KEY),
        settings=_settings(),
    )


def sync_url(criteria: pd.DataFrame) -> None:
    """Rewrite the query parameters from the session (no rerun is triggered)."""
    wanted = views.to_query(current_state(criteria))
    wanted.update(views.group_params(_slider_groups()))  # as they stand, even all at 0
    wanted.update(portfolio_section.url_param(st.session_state.get(AREA_SLUGS_KEY, [])))
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def _with_scenario(
    state: views.ViewState, criteria: pd.DataFrame, ignored: list[str]
) -> views.ViewState:
    """``?scenario=slug``: the saved scenario's weights, overridden by weights in the URL."""
    from ui import data, profiles  # local: only links with a scenario need the store here

    profile = profiles.scenario(data.version()[0], state.scenario or "")
    if profile is None:
        ignored.append("scenario")
        return dataclasses.replace(state, scenario=None)
    return views.overlay_scenario(
        state, st.query_params.to_dict(), profile.weights, _default_within(criteria)
    )


def apply_scenario(slug: str, weights: scoring.WeightSet, criteria: pd.DataFrame) -> None:
    """Load saved weights into the panel (call from a widget callback, before the panel draws)."""
    for group in scoring.GROUPS:
        st.session_state[f"w_{group}"] = min(100, max(0, int(round(weights.groups[group]))))
    for key, default in _default_within(criteria).items():
        value = weights.within.get(key, default)
        st.session_state[f"s_{key}"] = min(100, max(0, int(round(value))))
    st.session_state["method"] = weights.method
    st.session_state[SCENARIO_KEY] = slug or None


def _set_groups(values: dict[str, float]) -> None:
    for group in scoring.GROUPS:
        st.session_state[f"w_{group}"] = int(round(values[group]))
    st.session_state[SCENARIO_KEY] = None


def _reset(criteria: pd.DataFrame) -> None:
    _set_groups(scoring.DEFAULT_GROUP_WEIGHTS)
    for key, default in _default_within(criteria).items():
        st.session_state[f"s_{key}"] = default
    st.session_state["method"] = "wsm"


Live = Callable[..., None]  # draws ``draw(ctx, *args)`` where it is called, see show()


def show(
    criteria: pd.DataFrame,
    presets: pd.DataFrame,
    *,
    on_change: Callable[[], None],
    live: Live,
    sliders: Live,
) -> None:
    """Draw the panel.

    The sliders and the method selector call ``on_change`` after a change (the user moved
    them, so the browser already shows the new value); presets and reset set the sliders
    themselves and rerun the whole app, so that the sliders are drawn anew. What the panel
    shows about the current weighting (the shares, the warning when it cannot rank, the
    sub-weights note) is drawn through ``live(draw, ...)`` (ui.weights_fragment.sidebar), so
    that it can be redrawn without the rest of the app. The three group sliders are drawn
    through ``sliders(draw, ...)`` (ui.weights_fragment.sliders): a move of one of them then
    starts no run of the whole app, which ``on_change`` would end at once."""
    sidebar = st.sidebar
    sidebar.header(t("weights_header"))
    labels = text.group_labels()
    sliders(_group_sliders, labels, on_change)
    live(_summary, labels)

    sidebar.caption(t("presets"))
    name_col = i18n.localized_column("name", text.lang())
    for preset in presets.itertuples(index=False):
        values = {
            "cost": preset.w_cost,
            "citizen_value": preset.w_citizen_value,
            "feasibility": preset.w_feasibility,
        }
        sidebar.button(
            getattr(preset, name_col) or preset.name_de,
            key=f"preset_{preset.slug}",
            on_click=_set_groups,  # a full rerun: the sliders must show the preset
            args=(values,),
            width="stretch",
        )

    _sub_weights(sidebar, criteria, labels, on_change)
    live(_sub_weights_note)

    keys = scoring.method_keys()
    labels_by_method = {m: text.method_label(m) for m in keys}  # bound now: AppTest calls it later
    sidebar.selectbox(
        t("method"),
        keys,
        key="method",
        format_func=labels_by_method.__getitem__,
        help=t("method_help"),
        on_change=on_change,
    )
    sidebar.button(t("reset"), on_click=_reset, args=(criteria,), width="stretch")


def _group_sliders(
    _ctx: context.Context, labels: dict[str, str], on_change: Callable[[], None]
) -> None:
    """The group sliders (drawn where ``show``'s ``sliders`` calls this)."""
    for group in scoring.GROUPS:
        st.slider(
            labels[group],
            min_value=0,
            max_value=100,
            step=1,
            key=f"w_{group}",
            on_change=on_change,
        )


def _summary(ctx: context.Context, labels: dict[str, str]) -> None:
    """The group shares under the sliders, and a warning when the sliders cannot rank."""
    try:
        group_shares = scoring.WeightSet(_slider_groups()).group_shares()
    except WeightError:  # every group at 0
        group_shares = dict.fromkeys(scoring.GROUPS, 0.0)
    shares = " · ".join(
        t(
            "group_share",
            label=labels[g],
            share=views.format_percent(group_shares[g], 0, text.lang()),
        )
        for g in scoring.GROUPS
    )
    st.caption(shares)
    _weights(ctx.criteria, st.warning)


def _sub_weights(
    sidebar: DeltaGenerator,
    criteria: pd.DataFrame,
    labels: dict[str, str],
    on_change: Callable[[], None],
) -> None:
    """The sub-criteria sliders, drawn only while their expander is open.

    Eleven sliders cost more per rerun than the rest of the panel; closed, they are not
    drawn at all (their values live on in the session, see :func:`init_from_url`)."""
    expander = sidebar.expander(t("sub_weights"), key=SUB_WEIGHTS_OPEN_KEY, on_change="rerun")
    if expander.open:
        label_col = i18n.localized_column("label", text.lang())
        with expander:
            for group in scoring.GROUPS:
                st.markdown(f"**{labels[group]}**")
                for row in criteria[criteria["grp"] == group].itertuples(index=False):
                    st.slider(
                        getattr(row, label_col),
                        min_value=0,
                        max_value=100,
                        step=1,
                        key=f"s_{row.key}",
                        help=row.help_de or None,
                        on_change=on_change,
                    )


def _sub_weights_note(ctx: context.Context) -> None:
    """A note under the sub-criteria expander when the sub-weights differ from the defaults."""
    changed = _slider_within(ctx.criteria)
    if changed:
        st.caption(t("sub_weights_changed", count=len(changed)))


def _weights(criteria: pd.DataFrame, warn: Callable[[str], object]) -> scoring.WeightSet:
    """The sliders' weighting, or (with a warning) the default one if it cannot rank."""
    try:
        weights = _slider_weights(criteria)
        weights.criterion_weights(criteria)
    except CockpitError as exc:
        warn(t("weights_error", detail=text.message(exc)))
        weights = scoring.WeightSet(method=_method())
    return weights


def current(criteria: pd.DataFrame) -> scoring.WeightSet:
    """The weighting without drawing the panel (presentation mode), with a warning if the
    panel's values cannot rank; they survive the runs that do not draw the panel (see
    :func:`init_from_url`)."""
    return _weights(criteria, st.warning)


def current_weights(criteria: pd.DataFrame) -> scoring.WeightSet:
    """The weighting the panel holds, or the default one if it cannot rank (no message:
    the panel shows the warning)."""
    return _weights(criteria, lambda _message: None)


def area_picker(slugs: list[str], name: Callable[[str], str], *, key: str) -> str:
    """A select box for the review area that shares the chosen area across pages.

    The widget ``key`` is per page; the choice lives in ``AREA_KEY`` (part of the URL state),
    which survives runs that do not draw this page's widget.
    """
    if st.session_state.get(AREA_KEY) not in slugs:
        st.session_state[AREA_KEY] = slugs[0]
    st.session_state[key] = st.session_state[AREA_KEY]

    def copy_choice() -> None:
        st.session_state[AREA_KEY] = st.session_state[key]

    return st.selectbox(t("choose_area"), slugs, key=key, format_func=name, on_change=copy_choice)


def ignored_note(criteria: pd.DataFrame) -> str | None:
    """The note on rejected URL parameters, in the user's words, or None if there were none."""
    ignored = st.session_state.get(IGNORED_KEY)
    if not ignored:
        return None
    lang = text.lang()
    labels = dict(zip(criteria["key"], criteria[i18n.localized_column("label", lang)]))
    described = [views.describe_ignored_params(name, raw, lang, labels) for name, raw in ignored]
    return t("bad_params", params=", ".join(described))
