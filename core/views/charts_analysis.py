"""Altair charts of the robustness views: stability lines, rank acceptability, the portfolio's
efficiency curve and the savings against the status quo (pure: data in, ``alt.Chart`` out).

Colours follow :mod:`core.views.charts`: every option is drawn in its pathway's colour; options of
the same pathway differ by their dash pattern. Titles come from the caller in the user's
language.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from core.views.charts import FONT_SIZE, PATHWAY_COLORS, TEXT_COLOR, _configure

DASHES = ([1, 0], [8, 4], [2, 3], [12, 3, 2, 3], [4, 4])
RANK_SCHEME = "blues"


def _option_scales(options: pd.DataFrame) -> tuple[alt.Scale, alt.Scale]:
    """Colour (pathway colour) and dash (by position within the pathway) per option name."""
    names = options["option"].tolist()
    colors = [PATHWAY_COLORS.get(p, TEXT_COLOR) for p in options["pathway"]]
    seen: dict[str, int] = {}
    dashes = []
    for pathway in options["pathway"]:
        dashes.append(DASHES[seen.get(pathway, 0) % len(DASHES)])
        seen[pathway] = seen.get(pathway, 0) + 1
    return alt.Scale(domain=names, range=colors), alt.Scale(domain=names, range=dashes)


def stability_lines(
    curve: pd.DataFrame,
    crossings: pd.DataFrame,
    current: float,
    *,
    title: str,
    x_title: str,
    y_title: str,
    legend_title: str,
    current_label: str,
    font_size: int = FONT_SIZE,
    lang: str = "de",
) -> alt.LayerChart:
    """Each option's score (×100) over one group's weight (0–100 %).

    ``curve``: weight (share), option, pathway, score. ``crossings``: weight, score,
    changes_top, label. A rule marks the ``current`` share; crossings are dots, changes at the
    top are ringed.
    """
    data = curve.assign(percent=curve["weight"] * 100, points=curve["score"] * 100)
    options = data.drop_duplicates("option")[["option", "pathway"]]
    color_scale, dash_scale = _option_scales(options)
    x = alt.X("percent:Q", title=x_title, scale=alt.Scale(domain=[0, 100]))
    y = alt.Y("points:Q", title=y_title)
    legend = alt.Legend(title=legend_title, columns=2)
    lines = (
        alt.Chart(data)
        .mark_line(strokeWidth=2.5)
        .encode(
            x=x,
            y=y,
            color=alt.Color("option:N", scale=color_scale, legend=legend),
            strokeDash=alt.StrokeDash("option:N", scale=dash_scale, legend=legend),
            tooltip=[
                alt.Tooltip("option:N", title=legend_title),
                alt.Tooltip("percent:Q", title=x_title, format=".1f"),
                alt.Tooltip("points:Q", title=y_title, format=".1f"),
            ],
        )
    )
    rule_data = pd.DataFrame({"percent": [current * 100], "label": [current_label]})
    rule = (
        alt.Chart(rule_data)
        .mark_rule(color=TEXT_COLOR, strokeDash=[4, 4])
        .encode(x="percent:Q", tooltip=[alt.Tooltip("label:N", title=" ")])
    )
    rule_text = (
        alt.Chart(rule_data)
        .mark_text(align="left", dx=4, dy=-6, fontSize=font_size - 2, color=TEXT_COLOR)
        .encode(x="percent:Q", y=alt.value(0), text="label:N")
    )
    layers = [lines, rule, rule_text]
    if len(crossings):
        dots_data = crossings.assign(
            percent=crossings["weight"] * 100, points=crossings["score"] * 100
        )
        tooltip = [
            alt.Tooltip("label:N", title=" "),
            alt.Tooltip("percent:Q", title=x_title, format=".1f"),
        ]
        layers.append(
            alt.Chart(dots_data)
            .mark_point(filled=True, size=70, color=TEXT_COLOR)
            .encode(x="percent:Q", y="points:Q", tooltip=tooltip)
        )
        layers.append(
            alt.Chart(dots_data)
            .transform_filter(alt.datum.changes_top)
            .mark_point(size=400, strokeWidth=2, color=TEXT_COLOR)
            .encode(x="percent:Q", y="points:Q", tooltip=tooltip)
        )
    # Streamlit fits the whole chart (legend included) into the height: leave room for it.
    height = 360 + 26 * ((len(options) + 1) // 2)
    chart = alt.layer(*layers).properties(title=title, height=height, width="container")
    return _configure(chart, font_size, lang)


def rank_acceptability_bars(
    long: pd.DataFrame,
    *,
    title: str,
    x_title: str,
    y_title: str,
    legend_title: str,
    font_size: int = FONT_SIZE,
    lang: str = "de",
) -> alt.Chart:
    """Stacked horizontal bars: per option the share of samples at each rank (rank 1 darkest).

    ``long``: option, rank, share (0–1), expected_rank; options sorted by expected rank.
    """
    data = long.assign(percent=long["share"] * 100)
    order = (
        data.drop_duplicates("option").sort_values(["expected_rank", "option"])["option"].tolist()
    )
    ranks = sorted(data["rank"].unique().tolist()) or [1]
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("percent:Q", title=x_title, stack="zero", scale=alt.Scale(domain=[0, 100])),
            y=alt.Y("option:N", sort=order, title=None, axis=alt.Axis(labelLimit=0)),
            color=alt.Color(
                "rank:O",
                title=legend_title,
                scale=alt.Scale(scheme=RANK_SCHEME, domain=ranks, reverse=True),
            ),
            order=alt.Order("rank:O"),
            tooltip=[
                alt.Tooltip("option:N", title=y_title),
                alt.Tooltip("rank:O", title=legend_title),
                alt.Tooltip("percent:Q", title=x_title, format=".1f"),
            ],
        )
        .properties(title=title, height=alt.Step(max(28, font_size * 2)), width="container")
    )
    return _configure(chart, font_size, lang)


def efficiency_frame(curve: pd.DataFrame, budget: float | None, budget_label: str) -> pd.DataFrame:
    """Data for :func:`efficiency_curve`, in one frame so its spec does not depend on values.

    ``curve``: budget (€, where a step starts), value (points), label (tooltip text). Rows of
    kind ``step`` are the steps; one ``tail`` row carries the last step to the right edge so
    the curve covers the whole slider range; a ``budget`` row (if a budget is set) is the rule.
    """
    data = curve[["budget", "value", "label"]].assign(kind="step")
    rows = [data]
    if len(data):
        right = max(float(data["budget"].max()) * 1.05, float(budget or 0.0))
        last = float(data["value"].iloc[-1])
        rows.append(
            pd.DataFrame({"budget": [right], "value": [last], "label": [""], "kind": "tail"})
        )
    if budget is not None:
        rows.append(
            pd.DataFrame(
                {"budget": [budget], "value": [np.nan], "label": [budget_label], "kind": "budget"}
            )
        )
    return pd.concat(rows, ignore_index=True)


def efficiency_curve(
    data: pd.DataFrame,
    *,
    title: str,
    x_title: str,
    y_title: str,
    font_size: int = FONT_SIZE,
    lang: str = "de",
    eur_divisor: float = 1,
) -> alt.LayerChart:
    """Step curve of the best total value over the budget, with the budget set as a rule.

    ``data`` is :func:`efficiency_frame`; every layer reads it and picks its rows by kind.
    The axis counts in ``eur_divisor`` euros (``fmt.eur_axis``: Tsd. € or Mio. €), the unit
    named in ``x_title``.
    """
    base = alt.Chart(data).transform_calculate(scaled=f"datum.budget / {float(eur_divisor)}")
    x = alt.X("scaled:Q", title=x_title, axis=alt.Axis(format=",~f"))
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False))
    line = (
        base.transform_filter(alt.datum.kind != "budget")
        .mark_line(interpolate="step-after", strokeWidth=2.5, color="#0072B2")
        .encode(x=x, y=y)
    )
    steps = (
        base.transform_filter(alt.datum.kind == "step")
        .mark_point(filled=True, size=60, color="#0072B2")
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("budget:Q", title=x_title, format=",.0f"),
                alt.Tooltip("value:Q", title=y_title, format=".1f"),
                alt.Tooltip("label:N", title=" "),
            ],
        )
    )
    rule = (
        base.transform_filter(alt.datum.kind == "budget")
        .mark_rule(color=TEXT_COLOR, strokeDash=[4, 4], strokeWidth=2)
        .encode(x="scaled:Q", tooltip=[alt.Tooltip("label:N", title=" ")])
    )
    chart = alt.layer(line, steps, rule).properties(title=title, height=320, width="container")
    return _configure(chart, font_size, lang)


def value_for_money_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Data for :func:`value_for_money_chart`, in one frame so its spec does not depend on
    values: one ``point`` row per option (area_name, option, npv_change, value_gain,
    best_buy) and one ``zero`` row for the rule at no extra cost."""
    points = frame[["area_name", "option", "npv_change", "value_gain", "best_buy"]].assign(
        kind="point"
    )
    zero = pd.DataFrame(
        {"area_name": [None], "option": [None], "npv_change": [0.0], "value_gain": [np.nan]}
    ).assign(best_buy=0, kind="zero")
    return pd.concat([points, zero], ignore_index=True)


def value_for_money_chart(
    data: pd.DataFrame,
    *,
    x_title: str,
    y_title: str,
    area_title: str,
    option_title: str,
    order_title: str,
    font_size: int = FONT_SIZE,
    lang: str = "de",
) -> alt.LayerChart:
    """Every option's benefit gained against its NPV change over the status quo, coloured by
    area, with a dashed rule at no extra cost. ``data`` is :func:`value_for_money_frame`;
    numbers in the axis and tooltips in ``lang``'s format (``-200.000`` in German)."""
    base = alt.Chart(data)
    points = (
        base.transform_filter(alt.datum.kind == "point")
        .mark_circle(size=90)
        .encode(
            x=alt.X("npv_change:Q", title=x_title, axis=alt.Axis(format=",.0f")),
            y=alt.Y("value_gain:Q", title=y_title),
            color=alt.Color("area_name:N", title=area_title),
            tooltip=[
                alt.Tooltip("area_name:N", title=area_title),
                alt.Tooltip("option:N", title=option_title),
                alt.Tooltip("npv_change:Q", title=x_title, format=",.0f"),
                alt.Tooltip("value_gain:Q", title=y_title, format=".1f"),
                alt.Tooltip("best_buy:Q", title=order_title),
            ],
        )
    )
    rule = (
        base.transform_filter(alt.datum.kind == "zero")
        .mark_rule(strokeDash=[4, 4])
        .encode(x="npv_change:Q")
    )
    return _configure(alt.layer(points, rule), font_size, lang)


def savings_bars(
    view: pd.DataFrame,
    pathway_labels: dict[str, str],
    *,
    title: str,
    x_title: str,
    y_title: str,
    legend_title: str,
    font_size: int = FONT_SIZE,
    lang: str = "de",
    eur_divisor: float = 1,
) -> alt.Chart:
    """Horizontal bars of the cost change against the status quo (NPV; − = saving), coloured
    by pathway; the axis counts in ``eur_divisor`` euros (``fmt.eur_axis``)."""
    data = view.assign(
        pathway_label=view["pathway"].map(pathway_labels),
        change=-view["savings"],
        scaled=-view["savings"] / float(eur_divisor),
    )
    keys = list(PATHWAY_COLORS)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("scaled:Q", title=x_title, axis=alt.Axis(format=",~f")),
            y=alt.Y("option:N", sort="x", title=None, axis=alt.Axis(labelLimit=0)),
            color=alt.Color(
                "pathway_label:N",
                title=legend_title,
                scale=alt.Scale(
                    domain=[pathway_labels[k] for k in keys],
                    range=[PATHWAY_COLORS[k] for k in keys],
                ),
            ),
            tooltip=[
                alt.Tooltip("option:N", title=y_title),
                alt.Tooltip("change:Q", title=x_title, format=",.0f"),
            ],
        )
        .properties(title=title, height=alt.Step(max(28, font_size * 2)), width="container")
    )
    return _configure(chart, font_size, lang)
