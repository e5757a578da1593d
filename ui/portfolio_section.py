"""The budget portfolio block of the Übersicht page: objective, budgets, pins, result, curve.

Owns the session-state keys ``pf_objective``, ``pf_invest_on``, ``pf_invest``,
``pf_annual_on``, ``pf_annual`` and ``pf_pin_<area>`` (one per area: free, excluded or an
option id).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from core import analysis, scoring, views
from core.errors import CockpitError
from ui import charts as ui_charts, context, tables, text
from ui.text import t

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
        t(
            scoring.text_key("pf_value_points", ctx.method)
            if objective == "score"  # the sum of the method's scores; citizen value is points
            else "pf_value_points",
            value=views.format_number(result.total_value, 1, lang),
        ),
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
    pinned: dict[str, str],
    excluded: list[str],
) -> None:
    """Efficiency curve along the investment budget (or the annual one if only that is set)."""
    lang = text.lang()
    invest, annual = budgets
    along = "annual" if invest is None and annual is not None else "investment"
    other, current = (annual, invest) if along == "investment" else (invest, annual)
    curve = analysis.efficiency_curve(items, along, other, pinned, excluded)
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


def show(ctx: context.Context, rankings: Mapping[str, pd.DataFrame] | None = None) -> None:
    """The whole portfolio block; invalid input shows a German message instead of a traceback.

    ``rankings``: the areas' rankings under the context's weights, if the page has them."""
    lang = text.lang()
    st.header(t("pf_header"))
    st.caption(t("pf_intro"))
    st.session_state.setdefault("pf_objective", "score")
    objective = st.radio(
        t("pf_objective"),
        analysis.PORTFOLIO_OBJECTIVES,
        key="pf_objective",
        format_func={
            o: t(scoring.text_key(f"pf_objective_{o}", ctx.method))
            for o in analysis.PORTFOLIO_OBJECTIVES
        }.__getitem__,
        horizontal=True,
    )
    try:
        items = analysis.portfolio_items(ctx.models(), ctx.weights, ctx.method, objective, rankings)
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
    try:
        result = analysis.solve_portfolio(items, invest, annual, pinned, excluded)
        _result(ctx, result, objective)
        if len(excluded) < items["area"].nunique():
            _curve(ctx, items, (invest, annual), pinned, excluded)
    except CockpitError as exc:
        st.error(exc.message(lang))
