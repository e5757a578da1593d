"""Altair chart builders (pure: data in, ``alt.Chart`` out).

One colour-blind-safe palette (Okabe & Ito 2008) throughout; each pathway and each
criteria group keeps its colour on every chart. Titles and axis titles come from the
caller in the user's language. Axis text colour and label limits are set here because the
Streamlit theme does not reach Vega's axes.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from core.weights import GROUPS

# Okabe-Ito palette.
PATHWAY_COLORS = {
    "status_quo": "#7A7A7A",
    "standard": "#0072B2",
    "best_practice": "#E69F00",
    "joint_kdn": "#009E73",
}
PATHWAY_SHAPES = {
    "status_quo": "square",
    "standard": "circle",
    "best_practice": "diamond",
    "joint_kdn": "triangle-up",
}
GROUP_COLORS = {"cost": "#D55E00", "citizen_value": "#56B4E9", "feasibility": "#CC79A7"}
TEXT_COLOR = "#1a1a1a"
FONT_SIZE = 14
# d3-format locales, so axis ticks and labels follow the user's language.
NUMBER_LOCALES = {
    "de": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0€"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
}


def _configure(
    chart: alt.Chart | alt.LayerChart, font_size: int = FONT_SIZE, lang: str = "de"
) -> alt.Chart:
    return (
        chart.configure(locale={"number": NUMBER_LOCALES.get(lang, NUMBER_LOCALES["de"])})
        .configure_axis(
            labelColor=TEXT_COLOR,
            titleColor=TEXT_COLOR,
            labelFontSize=font_size,
            titleFontSize=font_size,
            labelLimit=0,
        )
        .configure_legend(
            labelColor=TEXT_COLOR,
            titleColor=TEXT_COLOR,
            labelFontSize=font_size,
            titleFontSize=font_size,
            labelLimit=0,
            orient="bottom",
        )
        .configure_title(color=TEXT_COLOR, fontSize=font_size + 4, anchor="start")
        .configure_view(strokeWidth=0)
    )


def _scale(mapping: dict[str, str], labels: dict[str, str]) -> alt.Scale:
    keys = list(mapping)
    return alt.Scale(domain=[labels[k] for k in keys], range=[mapping[k] for k in keys])


def ranking_frame(ranking: pd.DataFrame, group_labels: dict[str, str]) -> pd.DataFrame:
    """Long format for :func:`ranking_bars`: one row per option and group, plus the total."""
    long = ranking.melt(
        id_vars=["option", "rank", "score"], value_vars=list(GROUPS), var_name="grp"
    )
    long["group_label"] = long["grp"].map(group_labels)
    long["points"] = long["value"] * 100
    long["total"] = long["score"] * 100
    long["group_order"] = long["grp"].map({g: i for i, g in enumerate(GROUPS)})
    return long[["option", "rank", "group_label", "points", "total", "group_order"]]


def ranking_bars(
    data: pd.DataFrame,
    group_labels: dict[str, str],
    *,
    title: str,
    x_title: str,
    y_title: str,
    legend_title: str,
    font_size: int = FONT_SIZE,
    lang: str = "de",
) -> alt.Chart:
    """Horizontal bars of the total score (×100), stacked by group contribution, by rank.

    ``data`` is :func:`ranking_frame`. Every layer reads the same data, so the spec does not
    depend on the values and can be cached; the total is printed at the end of each bar.
    """
    y = alt.Y(
        "option:N",
        sort=alt.EncodingSortField(field="rank", op="min", order="ascending"),
        title=None,  # the option names speak for themselves; a title would collide with them
        axis=alt.Axis(labelLimit=0),
    )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("sum(points):Q", title=x_title),
            y=y,
            color=alt.Color(
                "group_label:N",
                scale=_scale(GROUP_COLORS, group_labels),
                legend=alt.Legend(title=legend_title),
            ),
            order=alt.Order("group_order:Q"),
            tooltip=[
                alt.Tooltip("option:N", title=y_title),
                alt.Tooltip("group_label:N", title=legend_title),
                alt.Tooltip("points:Q", title=x_title, format=".1f"),
            ],
        )
    )
    labels = (
        alt.Chart(data)
        .transform_filter(alt.datum.group_order == 0)
        .mark_text(align="left", dx=4, fontSize=font_size, color=TEXT_COLOR)
        .encode(x=alt.X("total:Q"), y=y, text=alt.Text("total:Q", format=".1f"))
    )
    layered = alt.layer(bars, labels).properties(
        title=title, height=alt.Step(max(28, font_size * 2)), width="container"
    )
    return _configure(layered, font_size, lang)


def cost_value_scatter(
    points: pd.DataFrame,
    pathway_labels: dict[str, str],
    *,
    title: str,
    x_title: str,
    y_title: str,
    size_title: str,
    legend_title: str,
    frontier_title: str,
    font_size: int = FONT_SIZE,
    lang: str = "de",
) -> alt.Chart:
    """Cost (NPV) against citizen value; size = feasibility; colour and shape = pathway.

    ``points`` is :func:`scatter_frame`. Efficient options are joined by a line and ringed.
    """
    base = alt.Chart(points)
    color = alt.Color(
        "pathway_label:N",
        scale=_scale(PATHWAY_COLORS, pathway_labels),
        legend=alt.Legend(title=legend_title),
    )
    shape = alt.Shape("pathway_label:N", scale=_scale(PATHWAY_SHAPES, pathway_labels), legend=None)
    x = alt.X(
        "npv_cost:Q",
        title=x_title,
        axis=alt.Axis(format=",.0f"),
        scale=alt.Scale(zero=False, nice=True, padding=48),  # room for bubbles and labels
    )
    y = alt.Y("citizen_value:Q", title=y_title, scale=alt.Scale(domain=[-8, 112], nice=False),
              axis=alt.Axis(values=[0, 20, 40, 60, 80, 100]))
    frontier = (
        base.transform_filter(alt.datum.efficient)
        .mark_line(strokeDash=[6, 4], color=TEXT_COLOR)
        .encode(x=x, y=y, order="npv_cost:Q")
    )
    dots = base.mark_point(filled=True, opacity=0.85).encode(
        x=x,
        y=y,
        color=color,
        shape=shape,
        size=alt.Size(
            "feasibility:Q",
            title=size_title,
            scale=alt.Scale(domain=[0, 100], range=[80, 900]),
        ),
        tooltip=[
            alt.Tooltip("option:N"),
            alt.Tooltip("pathway_label:N", title=legend_title),
            alt.Tooltip("npv_cost:Q", title=x_title, format=",.0f"),
            alt.Tooltip("citizen_value:Q", title=y_title, format=".1f"),
            alt.Tooltip("feasibility:Q", title=size_title, format=".1f"),
            alt.Tooltip("efficient:N", title=frontier_title),
        ],
    )
    rings = (
        base.transform_filter(alt.datum.efficient)
        .mark_point(size=1100, color=TEXT_COLOR, strokeWidth=1.5)
        .encode(x=x, y=y)
    )
    labels = base.mark_text(
        align="left", dx=16, dy=-16, fontSize=font_size - 2, limit=260
    ).encode(
        x=x, y=y, text="option:N", color=alt.value(TEXT_COLOR)
    )
    layered = alt.layer(frontier, rings, dots, labels).properties(
        title=title, height=420, width="container"
    )
    return _configure(layered, font_size, lang)


def scatter_frame(points: pd.DataFrame, pathway_labels: dict[str, str]) -> pd.DataFrame:
    """Data for :func:`cost_value_scatter`: option, pathway label, npv_cost, citizen_value
    (0–100), feasibility (0–100), efficient (bool)."""
    return points.assign(pathway_label=points["pathway"].map(pathway_labels))


def pathway_heatmap(
    cells: pd.DataFrame,
    pathway_labels: dict[str, str],
    *,
    title: str,
    x_title: str,
    y_title: str,
    value_title: str,
    font_size: int = FONT_SIZE,
    lang: str = "de",
) -> alt.Chart:
    """Areas × pathways, cell = best score (×100) of that pathway in that area, labelled.

    ``cells`` is :func:`heatmap_frame` (area_name, pathway_label, option, points)."""
    data = cells
    x = alt.X(
        "pathway_label:N",
        title=x_title,
        sort=[pathway_labels[p] for p in PATHWAY_COLORS],
        axis=alt.Axis(labelAngle=0),
    )
    y = alt.Y("area_name:N", title=y_title, sort=None)
    heat = (
        alt.Chart(data)
        .mark_rect()
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "points:Q", title=value_title, scale=alt.Scale(scheme="blues", domain=[0, 100])
            ),
            tooltip=[
                alt.Tooltip("area_name:N", title=y_title),
                alt.Tooltip("pathway_label:N", title=x_title),
                alt.Tooltip("option:N"),
                alt.Tooltip("points:Q", title=value_title, format=".1f"),
            ],
        )
    )
    text = (
        alt.Chart(data)
        .mark_text(fontSize=font_size)
        .encode(
            x=x,
            y=y,
            text=alt.Text("points:Q", format=".0f"),
            color=alt.condition(alt.datum.points > 55, alt.value("white"), alt.value(TEXT_COLOR)),
        )
    )
    layered = alt.layer(heat, text).properties(title=title, height=alt.Step(44), width="container")
    return _configure(layered, font_size, lang)


def heatmap_frame(cells: pd.DataFrame, pathway_labels: dict[str, str]) -> pd.DataFrame:
    """Data for :func:`pathway_heatmap`: cells with pathway label and points (×100)."""
    return cells.assign(
        pathway_label=cells["pathway"].map(pathway_labels), points=cells["score"] * 100
    )
