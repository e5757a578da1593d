"""The budget portfolio block of the Übersicht page: objective, area weights, budgets, pins,
exclusions, "requires" links, result, next 50,000 €, efficiency curve, value for money.

Benefit is on the global value scales (comparable across areas) times the area weights.
Owns the session-state keys ``pf_objective``, ``pf_invest_on``, ``pf_invest``,
``pf_annual_on``, ``pf_annual``, ``pf_pin_<area>`` (one per area: free, excluded or an
option id), ``pf_aw_<area>`` (area weight), ``pf_excluded_options`` and ``pf_requires``.
The area weights are also in the URL (``aw=homepage:2,ozg:1.5``, see :func:`url_param`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import altair as alt
import pandas as pd
import streamlit as st

from core import analysis, views
from core.errors import CockpitError
from ui import charts as ui_charts, context, tables, text
from ui.text import t

AREA_WEIGHT_PREFIX = "pf_aw_"
URL_PARAM = "aw"
FREE = "__free__"
EXCLUDE = "__exclude__"
SLIDER_STEPS = 200


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
    )
    return float(value) if limited else None


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


def _area_weight_inputs(ctx: context.Context, slugs: list[str]) -> None:
    lang = text.lang()
    with st.expander(t("pf_area_weights")):
        st.caption(t("pf_area_weights_help"))
        columns = st.columns(3)
        for k, slug in enumerate(slugs):
            key = AREA_WEIGHT_PREFIX + slug
            st.session_state.setdefault(key, 1.0)
            columns[k % 3].number_input(
                ctx.area_name(slug, lang), min_value=0.0, max_value=10.0, step=0.5, key=key
            )


def _pins(ctx: context.Context, items: pd.DataFrame) -> tuple[dict[str, str], list[str]]:
    """One selectbox per area: choose freely, exclude, or pin one option."""
    lang = text.lang()
    pinned: dict[str, str] = {}
    excluded: list[str] = []
    with st.expander(t("pf_pins")):
        for area, rows in items.groupby("area", sort=False):
            names = dict(zip(rows["option_id"], rows["option"], strict=True))
            key = f"pf_pin_{area}"
            choices = [FREE, EXCLUDE, *names]
            if st.session_state.get(key) not in choices:
                st.session_state[key] = FREE
            labels = {FREE: t("pf_free"), EXCLUDE: t("pf_exclude"), **names}
            choice = st.selectbox(
                ctx.area_name(area, lang), choices, key=key, format_func=labels.__getitem__
            )
            if choice == EXCLUDE:
                excluded.append(area)
            elif choice != FREE:
                pinned[area] = choice
    return pinned, excluded


def _option_constraints(
    ctx: context.Context, items: pd.DataFrame
) -> tuple[list[str], list[tuple[str, str]]]:
    """Options never to choose, and "requires" links (option → option it needs)."""
    lang = text.lang()
    label = {
        o: f"{ctx.area_name(a, lang)}: {n}"
        for o, a, n in zip(items["option_id"], items["area"], items["option"], strict=True)
    }
    ids = list(items["option_id"])
    with st.expander(t("pf_constraints")):
        excluded = st.multiselect(
            t("pf_excluded_options"),
            ids,
            key="pf_excluded_options",
            format_func=label.get,
            placeholder=t("edit_pick_placeholder"),
        )
        st.caption(t("pf_requires_help"))
        area_of = dict(zip(items["option_id"], items["area"], strict=True))
        pairs = [f"{a}>{b}" for a in ids for b in ids if area_of[a] != area_of[b]]
        chosen = st.multiselect(
            t("pf_requires"),
            pairs,
            key="pf_requires",
            placeholder=t("edit_pick_placeholder"),
            format_func=lambda p: t(
                "pf_requires_pair", option=label[p.split(">")[0]], needed=label[p.split(">")[1]]
            ),
        )  # fmt: skip
    return list(excluded), [tuple(p.split(">", 1)) for p in chosen]  # type: ignore[misc]


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
    areas = choices["area"].map(lambda s: ctx.area_name(s, lang))
    tables.static(
        pd.DataFrame(
            {
                t("col_area"): areas,
                t("col_option"): choices["option"],
                t("col_pathway"): choices["pathway"].map(text.pathway_labels()),
                t("pf_col_value"): choices["value"].map(lambda v: views.format_number(v, 1, lang)),
                t("col_investment"): choices["investment"].map(
                    lambda v: views.format_eur(v, 0, lang)
                ),
                t("col_annual"): choices["annual_cost"].map(lambda v: views.format_eur(v, 0, lang)),
            }
        ),
        "portfolio_choice_table",
        [t("pf_col_value"), t("col_investment"), t("col_annual")],
    )


def _curve(
    ctx: context.Context,
    items: pd.DataFrame,
    budgets: tuple[float | None, float | None],
    constraints: dict,
) -> None:
    """Efficiency curve along the investment budget (or the annual one if only that is set)."""
    lang = text.lang()
    invest, annual = budgets
    along = "annual" if invest is None and annual is not None else "investment"
    other, current = (annual, invest) if along == "investment" else (invest, annual)
    curve = analysis.efficiency_curve(items, along, other, **constraints)
    if curve.empty:
        st.caption(t("pf_nothing_fits_curve"))
        return
    names = dict(zip(items["option_id"], items["option"], strict=True))
    areas = list(curve.columns[3:])
    divisor, unit = views.eur_axis(max(float(curve["budget"].max()), float(current or 0)), lang)
    x_title = t("pf_curve_x_invest" if along == "investment" else "pf_curve_x_annual", unit=unit)
    data = curve.assign(label=[views.format_eur(b, 0, lang) for b in curve["budget"]])
    ui_charts.show(
        "efficiency_curve_chart",
        views.efficiency_frame(data, current, x_title),
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
    area_names = {a: ctx.area_name(a, lang) for a in areas}
    chosen = {a: curve[a].map(names) for a in areas}
    tables.static(
        pd.DataFrame(
            {
                t("pf_col_from_budget"): curve["budget"].map(
                    lambda v: views.format_eur(v, 0, lang)
                ),
                t("pf_total_value"): curve["value"].map(lambda v: views.format_number(v, 1, lang)),
                **{area_names[a]: chosen[a] for a in areas},
            }
        ),
        "portfolio_steps_table",
        [t("pf_col_from_budget"), t("pf_total_value")],
    )


def _next_steps(
    ctx: context.Context, items: pd.DataFrame, result: analysis.PortfolioResult, constraints: dict
) -> None:
    """What the next 50,000 € on each limited budget would buy."""
    lang = text.lang()
    names = dict(zip(items["option_id"], items["option"], strict=True))
    for step in analysis.portfolio_next_steps(items, result, **constraints):
        budget = t("pf_next_invest" if step.budget == "investment" else "pf_next_annual")
        if not step.changes:
            st.markdown(t("pf_next_nothing", budget=budget))
            continue
        changes = "; ".join(
            f"{ctx.area_name(a, lang)}: {names.get(b, '–')} → {names[c]}"
            for a, b, c in step.changes
        )
        st.markdown(
            t(
                "pf_next_buys",
                budget=budget,
                gain=views.format_number(step.gain, 1, lang),
                changes=changes,
            )
        )


def _value_for_money(ctx: context.Context, items: pd.DataFrame) -> None:
    """Benefit gained per euro against the status quo, all areas in one chart and table."""
    lang = text.lang()
    st.subheader(t("vfm_header"))
    st.caption(t("vfm_intro"))
    frame = analysis.value_for_money(items)
    frame = frame.assign(area_name=frame["area"].map(lambda a: ctx.area_name(a, lang)))
    chart = (
        alt.Chart(frame)
        .mark_circle(size=90)
        .encode(
            x=alt.X("npv_change:Q", title=t("vfm_x")),
            y=alt.Y("value_gain:Q", title=t("vfm_y")),
            color=alt.Color("area_name:N", title=t("col_area")),
            tooltip=[
                alt.Tooltip("area_name:N", title=t("col_area")),
                alt.Tooltip("option:N", title=t("col_option")),
                alt.Tooltip("npv_change:Q", title=t("vfm_x"), format=",.0f"),
                alt.Tooltip("value_gain:Q", title=t("vfm_y"), format=".1f"),
                alt.Tooltip("best_buy:Q", title=t("vfm_order")),
            ],
        )
    )
    rule = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(strokeDash=[4, 4]).encode(x="x:Q")
    st.altair_chart(chart + rule, width="stretch")
    buys = analysis.best_buys(items)
    if buys.empty:
        st.caption(t("vfm_none"))
        return
    ratio = buys["value_per_100k"].map(
        lambda v: t("vfm_free") if not math.isfinite(v) else views.format_number(v, 2, lang)
    )
    tables.static(
        pd.DataFrame(
            {
                t("vfm_order"): buys["order"].astype(str),
                t("col_area"): buys["area"].map(lambda a: ctx.area_name(a, lang)),
                t("vfm_step"): buys["from_option"] + " → " + buys["option"],
                t("vfm_extra_cost"): buys["extra_cost"].map(lambda v: views.format_eur(v, 0, lang)),
                t("vfm_extra_value"): buys["extra_value"].map(
                    lambda v: views.format_number(v, 1, lang)
                ),
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


def show(ctx: context.Context, rankings: Mapping[str, pd.DataFrame] | None = None) -> None:
    """The whole portfolio block; invalid input shows a German message instead of a traceback.

    ``rankings``: the areas' rankings under the context's weights, if the page has them."""
    lang = text.lang()
    del rankings  # the portfolio scores on the global scales, not on the area rankings
    st.header(t("pf_header"))
    st.caption(t("pf_intro"))
    st.caption(t("pf_ranges_note"))
    if st.session_state.get("pf_objective") not in analysis.PORTFOLIO_OBJECTIVES:
        st.session_state["pf_objective"] = "benefit"
    objective = st.radio(
        t("pf_objective"),
        analysis.PORTFOLIO_OBJECTIVES,
        key="pf_objective",
        format_func={o: t(f"pf_objective_{o}") for o in analysis.PORTFOLIO_OBJECTIVES}.__getitem__,
        horizontal=True,
    )
    slugs = list(ctx.areas["slug"])
    _area_weight_inputs(ctx, slugs)
    try:
        items = analysis.portfolio_items(ctx.models(), ctx.weights, area_weights(slugs), objective)
    except CockpitError as exc:
        st.error(exc.message(lang))
        return
    if items.empty:
        st.info(t("no_options"))
        return
    left, right = st.columns(2)
    with left:
        on_key, key, column, share = BUDGETS["investment"]
        invest = _budget_slider(
            on_key, key, t("pf_limit_invest"), t("pf_budget_invest"),
            analysis.budget_range(items, column)[1], share,
        )  # fmt: skip
    with right:
        on_key, key, column, share = BUDGETS["annual"]
        annual = _budget_slider(
            on_key, key, t("pf_limit_annual"), t("pf_budget_annual"),
            analysis.budget_range(items, column)[1], share,
        )  # fmt: skip
    pinned, excluded = _pins(ctx, items)
    excluded_options, requires = _option_constraints(ctx, items)
    constraints = {
        "pinned": pinned, "excluded": excluded,
        "excluded_options": excluded_options, "requires": requires,
    }  # fmt: skip
    try:
        result = analysis.solve_portfolio(items, invest, annual, **constraints)
        _result(ctx, result, objective)
        if result.feasible and not result.choices.empty:
            _next_steps(ctx, items, result, constraints)
            _confidence(ctx, items, result, constraints)
        if len(excluded) < items["area"].nunique():
            _curve(ctx, items, (invest, annual), constraints)
        _value_for_money(ctx, items)
    except CockpitError as exc:
        st.error(exc.message(lang))
