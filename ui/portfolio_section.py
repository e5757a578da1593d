"""The budget portfolio block of the Übersicht page: objective, area weights, budgets, pins,
exclusions, "requires" links, result, next 50,000 €, efficiency curve, value for money.

Benefit is on the global value scales (comparable across areas) times the area weights.
Owns the session-state keys ``pf_objective``, ``pf_invest_on``, ``pf_invest``,
``pf_annual_on``, ``pf_annual``, ``pf_pin_<area>`` (one per area: free, excluded or an
option id), ``pf_aw_<area>`` (area weight), ``pf_excluded_options``, ``pf_requires`` and
the results' tab (``pf_tab`` as a slug, ``pf_tabs`` the widget, see ui.view_tabs).
The area weights are also in the URL (``aw=homepage:2,ozg:1.5``, see :func:`url_param`),
and the results' tab when it is not the first (``pf_tab=curve``).

The inputs (objective, area weights, budgets, pins, exclusions, links) do not depend on the
criteria weights and are drawn once, outside the weights fragment (:func:`show`); the area
weights, the pins and the exclusions with links each sit in an expander whose widgets are drawn
only while it is open (their values outlive a closed expander and another page: Streamlit's
``persist_state`` and ui.kept, see :data:`KEEP` and :func:`kept_keys`); the results
do and are a call site of the weights fragment (:func:`results`,
``weights_fragment.results``). A slider move reruns only the results; an input's callback
reruns only the results too (``weights_fragment.on_input``), except the two "limit the
budget" checkboxes, which enable their sliders and so rerun the page.

The results are three lazy tabs: „Auswahl“ (the chosen set, its totals, the next 50,000 €,
the confidence), „Effizienzkurve“ (the curve and its steps table) and „Preis-Leistung“
(value for money and the best buys). Only the open tab is computed and drawn. Each part is
computed once per data version, weighting (:func:`benefit_key`) and set of inputs for all
sessions, in its own cache (:func:`_solved`, :func:`_efficiency_curve`,
:func:`_value_for_money`), all three from one cached set of items (:func:`_items`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core import analysis, scoring, views
from core.errors import CockpitError
from ui import (
    charts as ui_charts,
    context,
    data,
    tables,
    text,
    view_tabs,
    weights_fragment,
    weights_panel,
)
from ui.text import t

AREA_WEIGHT_PREFIX = "pf_aw_"
URL_PARAM = "aw"
FREE = "__free__"
EXCLUDE = "__exclude__"
SLIDER_STEPS = 200
# The three input expanders, whose widgets are drawn only while they are open.
AREA_WEIGHTS_OPEN_KEY = "_pf_area_weights_open"
PINS_OPEN_KEY = "_pf_pins_open"
CONSTRAINTS_OPEN_KEY = "_pf_constraints_open"
# Every input keeps its value for the whole session, drawn or not (Streamlit's own record):
# an input changed reruns only the results, and the next full run may be on another page,
# where Streamlit would otherwise drop the value before any of the app's code runs.
KEEP = "session"
# The chosen set's table, and the CSS positions of its number columns (value, investment,
# annual cost: the last three of six), whose rules do not depend on the weights.
CHOICE_TABLE = "portfolio_choice_table"
CHOICE_NUMBERS = ["4", "5", "6"]


def _step(top: float) -> int:
    """A round slider step giving about :data:`SLIDER_STEPS` positions (at least 100 €)."""
    raw = max(top / SLIDER_STEPS, 100.0)
    magnitude = 10 ** math.floor(math.log10(raw))
    return int(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw))


# The budgets: (checkbox key, slider key, item column, default share of the largest budget).
BUDGETS = {
    "investment": ("pf_invest_on", "pf_invest", "investment", 0.5),
    "annual": ("pf_annual_on", "pf_annual", "annual_cost", 0.75),
}


def _prepare_budget(on_key: str, key: str, top: float, default_share: float) -> int:
    """Fill the budget's session state (defaults; a value from a link snapped to the slider's
    steps and range); return the slider maximum."""
    step = _step(top)
    maximum = max(int(math.ceil(top / step) * step), step)
    st.session_state.setdefault(on_key, True)
    st.session_state.setdefault(key, int(round(top * default_share / step) * step))
    snapped = int(round(int(st.session_state[key]) / step) * step)
    st.session_state[key] = min(max(snapped, 0), maximum)
    return maximum


def current_budgets(items: pd.DataFrame) -> tuple[float | None, float | None]:
    """The investment and annual budgets as set on the Übersicht (their defaults if never
    set), without drawing the widgets: for the presentation's portfolio slide."""
    values = []
    for on_key, key, column, share in BUDGETS.values():
        _prepare_budget(on_key, key, analysis.budget_range(items, column)[1], share)
        values.append(float(st.session_state[key]) if st.session_state[on_key] else None)
    return values[0], values[1]


def _budget_slider(
    on_key: str, key: str, on_label: str, label: str, top: float, default_share: float
) -> float | None:
    """A checkbox and a € slider from 0 to ``top``; None when the budget is not limited."""
    step = _step(top)
    maximum = _prepare_budget(on_key, key, top, default_share)
    limited = st.checkbox(on_label, key=on_key)
    lang = text.lang()
    # A select slider shows its values through format_func: "385.000 €" like every other
    # amount (a plain slider's printf format has no thousands separator).
    value = st.select_slider(
        label,
        options=range(0, maximum + step, step),
        key=key,
        disabled=not limited,
        format_func=lambda v: views.format_eur(v, 0, lang),
        on_change=weights_fragment.on_input,
        persist_state=KEEP,
    )
    return float(value) if limited else None


def _number_or(value: object, default: float) -> float:
    """``value`` as a float, or ``default`` when it is not a number (a stale label)."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def area_weights(slugs: list[str]) -> analysis.AreaWeights:
    """The area weights as set in the session (default 1 each)."""
    return analysis.AreaWeights(
        {
            slug: float(st.session_state[AREA_WEIGHT_PREFIX + slug])
            for slug in slugs
            if AREA_WEIGHT_PREFIX + slug in st.session_state
        }
    )


def apply_area_weights(saved: Mapping[str, float], slugs: list[str]) -> None:
    """Load a scenario's area weights (areas it does not name go back to 1)."""
    for slug in slugs:
        st.session_state[AREA_WEIGHT_PREFIX + slug] = float(saved.get(slug, 1.0))


def url_param(slugs: list[str]) -> dict[str, str]:
    """``{"aw": "homepage:2,…"}`` for the areas off the default weight (else empty)."""
    spec = area_weights(slugs).to_spec().replace("=", ":")
    return {URL_PARAM: spec} if spec else {}


def init_from_url(query: dict[str, str], slugs: list[str]) -> None:
    """Set the area weights from the URL once per session; a bad value is left out."""
    raw = query.get(URL_PARAM, "")
    for part in raw.split(","):
        area, _, number = part.partition(":")
        try:
            parsed = analysis.parse_area_weights(f"{area}={number}", slugs)
        except CockpitError:
            continue
        st.session_state[AREA_WEIGHT_PREFIX + area.strip()] = parsed.of(area.strip())


def area_weight_steps(current: float) -> tuple[float, ...]:
    """Area weights 0 to 10 in steps of 0.5, with ``current`` (e.g. a saved 1.25) in its place."""
    return tuple(sorted({*(k / 2 for k in range(21)), current}))


def kept_keys(slugs: list[str]) -> list[str]:
    """The inputs' keys whose values outlive the full runs that do not draw their widgets (a
    closed expander, another page; ui.kept): the objective, the area weights, the pins, the
    excluded options and the links (the budgets are kept with the view, ui.weights_panel)."""
    return [
        "pf_objective",
        *(AREA_WEIGHT_PREFIX + slug for slug in slugs),
        *(f"pf_pin_{slug}" for slug in slugs),
        "pf_excluded_options",
        "pf_requires",
    ]


def _restate(key: str, value: object) -> None:
    """Put an input's value in order before its widget is drawn: its default when unset, or
    a value the data no longer offers (a deleted option, a stale label) replaced. A value in
    order is not written: a key written in a run is sent to the browser with its widget.
    That its value outlives the runs that do not draw it, and is sent with the labels of the
    language drawn after a switch, is ui.kept's work (:func:`kept_keys`)."""
    state = st.session_state
    if key not in state or state[key] != value:
        state[key] = value


def _lazy_expander(label: str, key: str) -> DeltaGenerator | None:
    """An expander whose content is drawn only while it is open (opening it reruns the page);
    the expander when open, else None. Closed, its widgets are not drawn at all: on a switch
    to the Übersicht they cost more server time (six pins, a list of every pair of options)
    than anything else of the page's inputs, and the browser would draw them hidden."""
    expander = st.expander(label, key=key, on_change="rerun")
    return expander if expander.open else None


def _area_weight_inputs(ctx: context.Context, slugs: list[str]) -> None:
    lang = text.lang()
    for slug in slugs:
        key = AREA_WEIGHT_PREFIX + slug
        _restate(key, _number_or(st.session_state.get(key), 1.0))
    expander = _lazy_expander(t("pf_area_weights"), AREA_WEIGHTS_OPEN_KEY)
    if expander is None:
        return
    with expander:
        st.caption(t("pf_area_weights_help"))
        columns = st.columns(3)
        for k, slug in enumerate(slugs):
            key = AREA_WEIGHT_PREFIX + slug
            # A select slider shows "1,5" in German (a number input would show "1.50").
            columns[k % 3].select_slider(
                ctx.area_name(slug, lang),
                options=area_weight_steps(float(st.session_state[key])),
                key=key,
                format_func=lambda v: views.format_number(
                    v, 1 if (2 * v).is_integer() else 2, lang
                ),
                on_change=weights_fragment.on_input,
                persist_state=KEEP,
            )


def _pins(ctx: context.Context, items: pd.DataFrame) -> None:
    """One selectbox per area: choose freely, exclude, or pin one option (read back by
    :func:`_pin_state`)."""
    lang = text.lang()
    groups = list(items.groupby("area", sort=False))
    for area, rows in groups:
        key = f"pf_pin_{area}"
        current = st.session_state.get(key)
        _restate(key, current if current in (FREE, EXCLUDE, *rows["option_id"]) else FREE)
    expander = _lazy_expander(t("pf_pins"), PINS_OPEN_KEY)
    if expander is None:
        return
    with expander:
        for area, rows in groups:
            names = dict(zip(rows["option_id"], rows["option"], strict=True))
            labels = {FREE: t("pf_free"), EXCLUDE: t("pf_exclude"), **names}
            st.selectbox(
                ctx.area_name(area, lang), [FREE, EXCLUDE, *names], key=f"pf_pin_{area}",
                format_func=labels.__getitem__, on_change=weights_fragment.on_input,
                persist_state=KEEP,
            )  # fmt: skip


def _option_constraints(ctx: context.Context, items: pd.DataFrame) -> None:
    """Options never to choose, and "requires" links (option → option it needs); read back
    by :func:`_constraint_state`."""
    lang = text.lang()
    excluded_now, requires_now = _constraint_state(items)
    _restate("pf_excluded_options", excluded_now)
    _restate("pf_requires", [f"{a}>{b}" for a, b in requires_now])
    expander = _lazy_expander(t("pf_constraints"), CONSTRAINTS_OPEN_KEY)
    if expander is None:
        return
    label = {
        o: f"{ctx.area_name(a, lang)}: {n}"
        for o, a, n in zip(items["option_id"], items["area"], items["option"], strict=True)
    }
    ids = list(items["option_id"])
    with expander:
        st.multiselect(
            t("pf_excluded_options"), ids, key="pf_excluded_options", format_func=label.get,
            on_change=weights_fragment.on_input, placeholder=t("edit_pick_placeholder"),
            persist_state=KEEP,
        )  # fmt: skip
        st.caption(t("pf_requires_help"))
        area_of = dict(zip(items["option_id"], items["area"], strict=True))
        pairs = [f"{a}>{b}" for a in ids for b in ids if area_of[a] != area_of[b]]
        st.multiselect(
            t("pf_requires"),
            pairs,
            key="pf_requires",
            placeholder=t("edit_pick_placeholder"),
            format_func=lambda p: t(
                "pf_requires_pair", option=label[p.split(">")[0]], needed=label[p.split(">")[1]]
            ),
            on_change=weights_fragment.on_input, persist_state=KEEP,
        )  # fmt: skip


def _result(ctx: context.Context, result: analysis.PortfolioResult, objective: str) -> None:
    lang = text.lang()
    if not result.feasible:
        st.error(
            t(
                "pf_infeasible",
                invest=views.format_eur(result.min_investment, 0, lang),
                annual=views.format_eur(result.min_annual, 0, lang),
            )
        )
        return
    if result.choices.empty:
        st.info(t("pf_all_excluded"))
        return
    totals = st.columns(3)
    totals[0].metric(
        t("pf_total_value"),
        t("pf_value_points", value=views.format_number(result.total_value, 1, lang)),
        help=t("pf_gain_help", gain=views.format_number(result.total_gain, 1, lang)),
    )
    totals[1].metric(t("pf_total_invest"), views.format_eur(result.total_investment, 0, lang))
    totals[2].metric(t("pf_total_annual"), views.format_eur(result.total_annual, 0, lang))
    choices = result.choices
    names = ctx.area_names(lang)
    pathways = text.pathway_labels()
    tables.static_texts(  # plain lists: Series.map over Arrow strings costs far more per run
        {
            t("col_area"): [names[a] for a in choices["area"].tolist()],
            t("col_option"): choices["option"].tolist(),
            t("col_pathway"): [pathways.get(p, p) for p in choices["pathway"].tolist()],
            t("pf_col_value"): _numbers(choices["value"], 1, lang),
            t("col_investment"): _euros(choices["investment"], lang),
            t("col_annual"): _euros(choices["annual_cost"], lang),
        },
        CHOICE_TABLE,
        styled=False,  # its rules are drawn once, outside the fragment (show)
    )


def _euros(values: pd.Series, lang: str) -> list[str]:
    return [views.format_eur(v, 0, lang) for v in values.tolist()]


def _numbers(values: pd.Series, digits: int, lang: str) -> list[str]:
    return [views.format_number(v, digits, lang) for v in values.tolist()]


def _curve(
    ctx: context.Context,
    items: pd.DataFrame,
    budgets: tuple[float | None, float | None],
    curve: pd.DataFrame,
) -> None:
    """Efficiency curve along the investment budget (or the annual one if only that is set)."""
    lang = text.lang()
    invest, annual = budgets
    along = curve_budget(budgets)
    current = invest if along == "investment" else annual
    if curve.empty:
        st.caption(t("pf_nothing_fits_curve"))
        return
    names = dict(zip(items["option_id"], items["option"], strict=True))
    areas = list(curve.columns[3:])
    divisor, unit = views.eur_axis(max(float(curve["budget"].max()), float(current or 0)), lang)
    x_title = t("pf_curve_x_invest" if along == "investment" else "pf_curve_x_annual", unit=unit)
    shown = curve.assign(label=[views.format_eur(b, 0, lang) for b in curve["budget"]])
    ui_charts.show(
        "efficiency_curve_chart",
        views.efficiency_frame(shown, current, x_title),
        alt_text=t("pf_curve_caption"),
        title=t("pf_curve_title"),
        x_title=x_title,
        y_title=t("pf_curve_y"),
        lang=lang,
        eur_divisor=divisor,
    )
    st.caption(t("pf_curve_caption"))
    if not curve["exact"].all():
        st.caption(t("pf_curve_sampled", n=analysis.CURVE_GRID))
    st.markdown(f"**{t('pf_steps_header')}**")
    area_names = ctx.area_names(lang)
    chosen = {a: [names.get(o) for o in curve[a].tolist()] for a in areas}
    tables.static(
        pd.DataFrame(
            {
                t("pf_col_from_budget"): _euros(curve["budget"], lang),
                t("pf_total_value"): _numbers(curve["value"], 1, lang),
                **{area_names[a]: chosen[a] for a in areas},
            }
        ),
        "portfolio_steps_table",
        [t("pf_col_from_budget"), t("pf_total_value")],
    )


def _next_steps(
    ctx: context.Context, items: pd.DataFrame, steps: tuple[analysis.NextStep, ...]
) -> None:
    """What the next 50,000 € on each limited budget would buy."""
    lang = text.lang()
    names = dict(zip(items["option_id"].tolist(), items["option"].tolist(), strict=True))
    area_names = ctx.area_names(lang)
    for step in steps:
        budget = t("pf_next_invest" if step.budget == "investment" else "pf_next_annual")
        if not step.changes:
            st.markdown(t("pf_next_nothing", budget=budget))
            continue
        changes = "; ".join(
            f"{area_names[a]}: {names.get(b, '–')} → {names[c]}" for a, b, c in step.changes
        )
        st.markdown(
            t(
                "pf_next_buys",
                budget=budget,
                gain=views.format_number(step.gain, 1, lang),
                changes=changes,
            )
        )


def _show_value_for_money(ctx: context.Context, frame: pd.DataFrame, buys: pd.DataFrame) -> None:
    """Benefit gained per euro against the status quo, all areas in one chart and table."""
    lang = text.lang()
    st.subheader(t("vfm_header"))
    st.caption(t("vfm_intro"))
    names = ctx.area_names(lang)
    frame = frame.assign(area_name=[names[a] for a in frame["area"].tolist()])
    ui_charts.show(
        "value_for_money_chart",
        views.value_for_money_frame(frame),
        alt_text=t("vfm_intro"),
        x_title=t("vfm_x"),
        y_title=t("vfm_y"),
        area_title=t("col_area"),
        option_title=t("col_option"),
        order_title=t("vfm_order"),
        lang=lang,
    )
    if buys.empty:
        st.caption(t("vfm_none"))
        return
    free = t("vfm_free")
    ratio = [
        views.format_number(v, 2, lang) if math.isfinite(v) else free
        for v in buys["value_per_100k"].tolist()
    ]
    tables.static(
        pd.DataFrame(
            {
                t("vfm_order"): [str(o) for o in buys["order"].tolist()],
                t("col_area"): [names[a] for a in buys["area"].tolist()],
                t("vfm_step"): [
                    f"{a} → {b}"
                    for a, b in zip(
                        buys["from_option"].tolist(), buys["option"].tolist(), strict=True
                    )
                ],
                t("vfm_extra_cost"): _euros(buys["extra_cost"], lang),
                t("vfm_extra_value"): _numbers(buys["extra_value"], 1, lang),
                t("vfm_ratio"): ratio,
            }
        ),
        "best_buys_table",
        [t("vfm_order"), t("vfm_extra_cost"), t("vfm_extra_value"), t("vfm_ratio")],
    )


def _confidence(
    ctx: context.Context, items: pd.DataFrame, result: analysis.PortfolioResult, constraints: dict
) -> None:
    """How sure the chosen set is under uncertain data and weights (on request)."""
    lang = text.lang()
    if not st.toggle(t("pf_confidence_toggle"), key="pf_confidence"):
        return
    found = analysis.portfolio_confidence(
        ctx.models(), ctx.weights, area_weights(list(ctx.areas["slug"])), result, items,
        objective=st.session_state.get("pf_objective", "benefit"), **constraints,
    )  # fmt: skip
    if found is None:
        return
    st.markdown(
        t(
            "pf_confidence_sentence",
            optimal=views.format_number(100 * found.optimal_share, 0, lang),
            within=views.format_number(100 * found.within_budget_share, 0, lang),
            n=views.format_number(found.samples, 0, lang),
        )
    )


def _pin_state(items: pd.DataFrame) -> tuple[dict[str, str], list[str]]:
    """The pins and left-out areas as set (what :func:`_pins` returns, without drawing)."""
    pinned: dict[str, str] = {}
    excluded: list[str] = []
    area_of = dict(zip(items["option_id"].tolist(), items["area"].tolist(), strict=True))
    for area in dict.fromkeys(area_of.values()):  # the areas in order, without a groupby
        choice = st.session_state.get(f"pf_pin_{area}", FREE)
        if choice == EXCLUDE:
            excluded.append(str(area))
        elif choice != FREE and area_of.get(choice) == area:
            pinned[str(area)] = choice
    return pinned, excluded


def _constraint_state(items: pd.DataFrame) -> tuple[list[str], list[tuple[str, str]]]:
    """Excluded options and links as set (what :func:`_option_constraints` returns)."""
    area_of = dict(zip(items["option_id"], items["area"], strict=True))
    excluded = [o for o in st.session_state.get("pf_excluded_options", []) if o in area_of]
    links = []
    for pair in st.session_state.get("pf_requires", []):
        a, _, b = str(pair).partition(">")
        if a in area_of and b in area_of and area_of[a] != area_of[b]:
            links.append((a, b))
    return excluded, links


def _budget_state() -> tuple[float | None, float | None]:
    """The two budgets as set (None when not limited); the sliders were prepared by
    :func:`show` in this session."""
    values = []
    for on_key, key, _column, _share in BUDGETS.values():
        values.append(float(st.session_state[key]) if st.session_state.get(on_key) else None)
    return values[0], values[1]


@dataclass(frozen=True)
class Inputs:
    """The results' cache key: data version and weighting (:func:`benefit_key`) and the
    inputs as set, all plain values."""

    weights_key: tuple
    area_weights: tuple[tuple[str, float], ...]
    objective: str
    budgets: tuple[float | None, float | None]
    pinned: tuple[tuple[str, str], ...]
    excluded: tuple[str, ...]
    excluded_options: tuple[str, ...]
    requires: tuple[tuple[str, str], ...]

    def constraints(self) -> dict:
        """The solver's keyword arguments for pins, left-out areas, options and links."""
        return {
            "pinned": dict(self.pinned), "excluded": list(self.excluded),
            "excluded_options": list(self.excluded_options), "requires": list(self.requires),
        }  # fmt: skip


@dataclass(frozen=True)
class Solved:
    """The chosen set and the next 50,000 € (the "Auswahl" tab), or the inputs' error."""

    items: pd.DataFrame
    result: analysis.PortfolioResult | None = None
    steps: tuple[analysis.NextStep, ...] = ()
    error: CockpitError | None = None


def benefit_key(ctx: context.Context) -> tuple:
    """``Context.weights_key`` with what the portfolio's benefit does not read taken out: the
    cost group's weight (benefit is citizen value and feasibility, renormalised over those
    two) counts only as zero or not. Moving the cost slider leaves the portfolio as it is."""
    store_key, version, horizon_years, discount_rate, groups, within, method = ctx.weights_key()
    groups = tuple((g, w > 0 if g == "cost" else w) for g, w in groups)
    return store_key, version, horizon_years, discount_rate, groups, within, method


# Computed once for all sessions per data version, weighting and inputs, each part on its
# own so that a closed tab computes nothing: the items (shared by the three), the solve
# with its next steps, the efficiency curve, the value for money with the best buys. Shared
# read-only: the frames are never changed in place (callers derive new ones).


@data.cache_resource(max_entries=64)
def _items(
    weights_key: tuple, area_weights: tuple[tuple[str, float], ...], objective: str
) -> pd.DataFrame:
    """Every option's benefit (global value scales times the area weights) and costs."""
    _store, version, horizon_years, discount_rate, groups, within, method = weights_key
    models = data.models(version, horizon_years, discount_rate)
    # the cost weight as 1 or 0: the benefit does not read it (see benefit_key)
    weights = scoring.WeightSet({g: float(w) for g, w in groups}, dict(within), method)
    return analysis.portfolio_items(
        models, weights, analysis.AreaWeights(dict(area_weights)), objective
    )


@data.cache_resource(max_entries=64)
def _solved(inputs: Inputs) -> Solved:
    """The best set within the budgets and what the next 50,000 € on each would buy."""
    items = _items(inputs.weights_key, inputs.area_weights, inputs.objective)
    constraints = inputs.constraints()
    try:  # one prepared instance for the solve and its next steps
        result, steps = analysis.solve_portfolio_with_next_steps(
            items, *inputs.budgets, **constraints
        )
    except CockpitError as exc:
        return Solved(items, error=exc)
    if not result.feasible or result.choices.empty:
        steps = []
    return Solved(items, result, tuple(steps))


def curve_budget(budgets: tuple[float | None, float | None]) -> str:
    """The budget the efficiency curve runs along: the investment one, or the annual one if
    only that is limited."""
    invest, annual = budgets
    return "annual" if invest is None and annual is not None else "investment"


@data.cache_resource(max_entries=64)
def _efficiency_curve(inputs: Inputs) -> pd.DataFrame:
    """The best total value for every budget along :func:`curve_budget`, the other budget
    and the constraints as set."""
    items = _items(inputs.weights_key, inputs.area_weights, inputs.objective)
    invest, annual = inputs.budgets
    along = curve_budget(inputs.budgets)
    other = annual if along == "investment" else invest
    return analysis.efficiency_curve(items, along, other, **inputs.constraints())


@data.cache_resource(max_entries=64)
def _value_for_money(
    weights_key: tuple, area_weights: tuple[tuple[str, float], ...], objective: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every option's extra cost and benefit gained, and the order of best buys (they read
    neither the budgets nor the constraints)."""
    items = _items(weights_key, area_weights, objective)
    buys = analysis.best_buys(items)
    return analysis.value_for_money(items, buys), buys


@data.cache_resource(max_entries=4)
def _options(version: int, horizon_years: int, discount_rate: float) -> pd.DataFrame:
    """Area, id and name of every option the portfolio can choose (they do not depend on the
    weights): what the pins and links are read against. Shared read-only."""
    models = data.models(version, horizon_years, discount_rate)
    items = analysis.portfolio_items(models, scoring.WeightSet())
    return items[["area", "option_id", "option"]]


def show(ctx: context.Context) -> None:
    """The whole portfolio block: its inputs here, its results as a call site of the weights
    fragment; invalid input shows a German message instead of a traceback."""
    st.header(t("pf_header"))
    st.caption(t("pf_intro"))
    st.caption(t("pf_ranges_note"))
    if st.session_state.get("pf_objective") not in analysis.PORTFOLIO_OBJECTIVES:
        _restate("pf_objective", "benefit")
    objective = st.radio(
        t("pf_objective"),
        analysis.PORTFOLIO_OBJECTIVES,
        key="pf_objective",
        format_func={o: t(f"pf_objective_{o}") for o in analysis.PORTFOLIO_OBJECTIVES}.__getitem__,
        horizontal=True,
        on_change=weights_fragment.on_input,
        persist_state=KEEP,
    )
    slugs = list(ctx.areas["slug"])
    _area_weight_inputs(ctx, slugs)
    try:  # the inputs need only the options and their costs, not the benefit
        items = analysis.portfolio_items(ctx.models(), ctx.weights, area_weights(slugs), objective)
    except CockpitError as exc:
        st.error(text.message(exc))
        return
    if items.empty:
        st.info(t("no_options"))
        return
    left, right = st.columns(2)
    with left:
        on_key, key, column, share = BUDGETS["investment"]
        _budget_slider(
            on_key, key, t("pf_limit_invest"), t("pf_budget_invest"),
            analysis.budget_range(items, column)[1], share,
        )  # fmt: skip
    with right:
        on_key, key, column, share = BUDGETS["annual"]
        _budget_slider(
            on_key, key, t("pf_limit_annual"), t("pf_budget_annual"),
            analysis.budget_range(items, column)[1], share,
        )  # fmt: skip
    _pins(ctx, items)
    _option_constraints(ctx, items)
    # The chosen set's CSS: drawn here, outside the fragment, it is not sent again per move.
    tables.static_style(CHOICE_TABLE, CHOICE_NUMBERS)
    weights_fragment.results(results)


def tab_labels() -> dict[str, str]:
    """The results' tabs (``views.PORTFOLIO_TABS``) and their labels, the default first."""
    labels = (t("pf_tab_selection"), t("pf_tab_curve"), t("pf_tab_value"))
    return dict(zip(views.PORTFOLIO_TABS, labels, strict=True))


def inputs(ctx: context.Context, items: pd.DataFrame) -> Inputs:
    """The inputs as set (objective, area weights, budgets, pins, exclusions, links) under
    the weighting in force, read against the options ``items``."""
    pinned, excluded = _pin_state(items)
    excluded_options, requires = _constraint_state(items)
    return Inputs(
        benefit_key(ctx),
        tuple(sorted(area_weights(list(ctx.areas["slug"])).weights.items())),
        st.session_state.get("pf_objective", "benefit"),
        _budget_state(),
        tuple(sorted(pinned.items())),
        tuple(excluded),
        tuple(excluded_options),
        tuple(requires),
    )


def results(ctx: context.Context) -> None:
    """Under the weighting in force and the inputs as set, in three lazy tabs (only the open
    one is computed and drawn): the chosen set with the next 50,000 € and the confidence,
    the efficiency curve, and value for money (a call site of the weights fragment)."""
    lang = text.lang()
    items = _options(ctx.version, ctx.horizon_years, ctx.discount_rate)
    if items.empty:  # show() said so
        return
    found = inputs(ctx, items)
    solved = _solved(found)
    if solved.error is not None:
        st.error(solved.error.message(lang))
        return
    result = solved.result
    assert result is not None
    tabs = view_tabs.lazy(weights_panel.PORTFOLIO_TAB_KEY, "pf_tabs", tab_labels())
    if tabs["selection"].open:
        with tabs["selection"]:
            _result(ctx, result, found.objective)
            if result.feasible and not result.choices.empty:
                _next_steps(ctx, solved.items, solved.steps)
                _confidence(ctx, solved.items, result, found.constraints())
    if tabs["curve"].open:
        with tabs["curve"]:
            if len(found.excluded) < items["area"].nunique():
                _curve(ctx, solved.items, found.budgets, _efficiency_curve(found))
            else:
                st.info(t("pf_all_excluded"))
    if tabs["value"].open:
        with tabs["value"]:
            frame, buys = _value_for_money(found.weights_key, found.area_weights, found.objective)
            _show_value_for_money(ctx, frame, buys)
