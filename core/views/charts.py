"""Altair chart builders (pure: data in, ``alt.Chart`` out).

One colour-blind-safe palette (Okabe & Ito 2008) throughout; each pathway and each
criteria group keeps its colour on every chart. Titles and axis titles come from the
caller in the user's language. Axis text colour and label limits are set here because the
Streamlit theme does not reach Vega's axes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import altair as alt
import numpy as np
import pandas as pd

from core.scoring.weights import GROUPS

# Okabe-Ito palette (Okabe & Ito 2008): seven distinct hues, none used twice.
# Pathways are drawn as filled marks with a text label beside them, so each has a
# non-text contrast of at least 3:1 against white (WCAG 1.4.11; tests/test_contrast.py).
PATHWAY_COLORS = {
    "status_quo": "#6E6E6E",
    "standard": "#0072B2",
    "best_practice": "#CC79A7",
    "joint_kdn": "#009E73",
}
PATHWAY_SHAPES = {
    "status_quo": "square",
    "standard": "circle",
    "best_practice": "diamond",
    "joint_kdn": "triangle-up",
}
# Group segments differ in lightness too (dark → light), carry their value as a dark label
# (≥ 4.5:1 on every fill) and are outlined, so colour is never the only cue.
GROUP_COLORS = {"cost": "#D55E00", "citizen_value": "#56B4E9", "feasibility": "#F0E442"}
# The theme's textColor (.streamlit/config.toml); the theme does not reach Vega's axes.
TEXT_COLOR = "#111111"
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
            symbolSize=round((font_size * 0.9) ** 2),  # the swatch grows with the type
        )
        .configure_title(color=TEXT_COLOR, fontSize=font_size + 4, anchor="start")
        .configure_view(strokeWidth=0)
    )


def _scale(mapping: dict[str, str], labels: dict[str, str]) -> alt.Scale:
    keys = list(mapping)
    return alt.Scale(domain=[labels[k] for k in keys], range=[mapping[k] for k in keys])


def ranking_frame(ranking: pd.DataFrame, group_labels: dict[str, str]) -> pd.DataFrame:
    """Long format for :func:`ranking_bars`: one row per option and group, plus the total.

    Built with numpy (option-major, groups in :data:`GROUPS` order): it runs on every
    slider move, where a pandas melt and group-by cost several milliseconds.
    """
    groups = list(GROUPS)
    points = ranking[groups].to_numpy(dtype=float) * 100  # options × groups
    # The total is printed at the right end of the bar: the sum of the positive segments
    # (PROMETHEE II contributions can be negative; a label at the total would sit on them).
    label_x = np.clip(points, 0, None).sum(axis=1)
    n_groups = len(groups)
    return pd.DataFrame(
        {
            "option": np.repeat(ranking["option"].to_numpy(dtype=object), n_groups),
            "rank": np.repeat(ranking["rank"].to_numpy(), n_groups),
            "group_label": np.tile(
                np.array([group_labels[g] for g in groups], dtype=object), len(ranking)
            ),
            "points": points.ravel(),
            "total": np.repeat(ranking["score"].to_numpy(dtype=float) * 100, n_groups),
            "label_x": np.repeat(label_x, n_groups),
            "group_order": np.tile(np.arange(n_groups), len(ranking)),
        }
    )


# Segments narrower than this many points get no value label (it would not fit).
SEGMENT_LABEL_MIN_POINTS = 8


def _wrap_pattern(width: int) -> str:
    # Up to ``width`` characters followed by spaces or the end: one line of a wrapped label.
    return f"(.{{1,{width}}})( +|$)"


def wrap_label(label: str, width: int) -> list[str]:
    """The lines :func:`ranking_bars` draws for ``label`` with ``label_wrap=width`` (the same
    rule as its Vega expression), e.g. to size the rows for the longest name."""
    return re.sub(_wrap_pattern(width), "\\1\n", label).strip().split("\n")


def _wrap_expr(width: int) -> str:
    """A Vega expression that breaks ``datum.label`` into lines of about ``width`` characters
    at spaces (an array of strings is drawn as several lines)."""
    lines = f"replace(datum.label, regexp('{_wrap_pattern(width)}', 'g'), '$1\\n')"
    return f"split(trim({lines}), '\\n')"


def ranking_row_height(font_size: int, label_lines: int, *, wrapped: bool) -> int:
    """Pixels per option in :func:`ranking_bars`: room for the bar and the name's lines."""
    lines = max(1, label_lines) if wrapped else 1
    return max(28, round(font_size * max(2.3, 1.05 * lines + 0.6)))


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
    label_wrap: int = 0,
    label_lines: int = 2,
    legend_top: bool = False,
) -> alt.Chart:
    """Horizontal bars of the total score (×100), stacked by group contribution, by rank.

    ``data`` is :func:`ranking_frame`. Every layer reads the same data, so the spec does not
    depend on the values and can be cached; the total is printed at the end of each bar and
    each wide enough segment carries its own value. ``label_wrap`` > 0 breaks option names
    into lines of about that many characters (large fonts on a narrow projector) and
    ``label_lines`` is the most lines a name needs (:func:`wrap_label`). The row height grows
    with the font and the lines, and the bar keeps a fixed thickness, so the chart grows with
    the number of options and no name runs into its neighbour. ``legend_top`` puts the
    legend above the bars in one line with its title (a projector slide has no height to
    spare); an empty ``title`` draws none.
    """
    axis = alt.Axis(labelLimit=0)
    if label_wrap > 0:
        axis = alt.Axis(labelLimit=0, labelExpr=_wrap_expr(label_wrap), labelLineHeight=font_size)
    y = alt.Y(
        "option:N",
        sort=alt.EncodingSortField(field="rank", op="min", order="ascending"),
        title=None,  # the option names speak for themselves; a title would collide with them
        axis=axis,
    )
    bars = (
        alt.Chart(data)
        .mark_bar(stroke=TEXT_COLOR, strokeWidth=1, size=round(font_size * 1.9))
        .encode(
            # flush: the last tick label stays inside the chart instead of spilling over its edge
            x=alt.X(
                "sum(points):Q",
                title=x_title,
                # a tick label per ~5 characters of width at any font; the last stays inside
                axis=alt.Axis(
                    labelFlush=True, tickCount={"expr": f"ceil(width / {font_size * 5})"}
                ),
            ),
            y=y,
            color=alt.Color(
                "group_label:N",
                scale=_scale(GROUP_COLORS, group_labels),
                legend=(
                    alt.Legend(
                        title=legend_title,
                        orient="top",
                        direction="horizontal",
                        titleOrient="left",
                        titleAnchor="start",
                        offset=4,
                    )
                    if legend_top
                    else alt.Legend(title=legend_title)
                ),  # fmt: skip
            ),
            order=alt.Order("group_order:Q"),
            tooltip=[
                alt.Tooltip("option:N", title=y_title),
                alt.Tooltip("group_label:N", title=legend_title),
                alt.Tooltip("points:Q", title=x_title, format=".1f"),
            ],
        )
    )
    segment_labels = (
        alt.Chart(data)
        .transform_stack(
            stack="points",
            groupby=["option"],
            sort=[alt.SortField("group_order")],
            as_=["x0", "x1"],
        )
        .transform_filter(f"abs(datum.points) >= {SEGMENT_LABEL_MIN_POINTS}")
        .transform_calculate(mid="(datum.x0 + datum.x1) / 2")
        .mark_text(align="center", baseline="middle", fontSize=font_size - 2, color=TEXT_COLOR)
        .encode(x=alt.X("mid:Q"), y=y, text=alt.Text("points:Q", format=".0f"))
    )
    labels = (
        alt.Chart(data)
        .transform_filter(alt.datum.group_order == 0)
        .mark_text(align="left", dx=4, fontSize=font_size, fontWeight="bold", color=TEXT_COLOR)
        .encode(x=alt.X("label_x:Q"), y=y, text=alt.Text("total:Q", format=".1f"))
    )
    step = ranking_row_height(font_size, label_lines, wrapped=label_wrap > 0)
    layered = alt.layer(bars, segment_labels, labels).properties(
        title=title,
        height=alt.Step(step),
        width="container",
        # room on the right: Vega's fit measures text a few pixels short at large sizes
        padding={"left": 5, "top": 5, "bottom": 5, "right": max(8, round(font_size * 0.8))},
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
        # The padding may reach below 0 €; a cost cannot, so those ticks stay unlabelled.
        axis=alt.Axis(format=",.0f", labelExpr="datum.value < 0 ? '' : datum.label"),
        scale=alt.Scale(zero=False, nice=True, padding=48),  # room for bubbles and labels
    )
    y = alt.Y(
        "citizen_value:Q",
        title=y_title,
        scale=alt.Scale(domain=[-8, 112], nice=False),
        axis=alt.Axis(values=[0, 20, 40, 60, 80, 100]),
    )
    frontier = (
        base.transform_filter(alt.datum.efficient)
        .mark_line(strokeDash=[6, 4], color=TEXT_COLOR)
        .encode(x=x, y=y, order="npv_cost:Q")
    )
    dots = base.mark_point(filled=True, opacity=1).encode(
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
    # Each name sits where scatter_frame found room: above or below its dot, to the right or
    # (in the right half, so it does not run off the edge) to the left. A shared label
    # (points that nearly coincide) is one name per line.
    labels = [
        base.transform_filter(alt.datum.placement == f"{vertical}{side}")
        .mark_text(
            align="left" if side == "r" else "right",
            dx=LABEL_GAP if side == "r" else -LABEL_GAP,
            dy=-LABEL_RISE if vertical == "u" else LABEL_RISE,
            baseline="bottom" if vertical == "u" else "top",
            fontSize=font_size - 2,
            limit=LABEL_LIMIT,
            lineBreak="\n",
        )
        .encode(x=x, y=y, text="label:N", color=alt.value(TEXT_COLOR))
        for vertical in "ud"
        for side in "rl"
    ]
    layered = alt.layer(frontier, rings, dots, *labels).properties(
        title=title, height=420, width="container"
    )
    return _configure(layered, font_size, lang)


def scatter_frame(
    points: pd.DataFrame, pathway_labels: dict[str, str], top: str | None = None
) -> pd.DataFrame:
    """Data for :func:`cost_value_scatter`: option, pathway label, npv_cost, citizen_value
    (0–100), feasibility (0–100), efficient (bool), label (the printed name; points that
    nearly coincide share one label) and placement (where the label goes, see
    :func:`_placements`).

    With more than :data:`LABEL_ALL_MAX` options only the efficient ones and ``top`` (the
    recommended option's name) print their names; every dot keeps its name in the tooltip.
    """
    cost = points["npv_cost"].to_numpy(dtype=float)
    value = points["citizen_value"].to_numpy(dtype=float)
    frame = points.copy()  # columns set on a copy: no pandas ``assign``/``map`` per slider move
    frame["pathway_label"] = [pathway_labels[p] for p in points["pathway"]]
    names = points["option"].tolist()
    named = None
    if len(names) > LABEL_ALL_MAX:
        named = points["efficient"].to_numpy(dtype=bool) | (points["option"].to_numpy() == top)
    labels = _shared_labels(names, cost, value, named)
    frame["label"] = labels
    frame["placement"] = _placements(labels, cost, value)
    return frame


# More options than this: names printed only for the efficient and the recommended option.
LABEL_ALL_MAX = 40
# Points closer than this share of the axis ranges on both axes would print their names on
# top of each other; the first of them carries all their names, the others none.
LABEL_CLASH_SHARE = 0.04
# The label geometry the placement assumes, in pixels: the plot area of cost_value_scatter
# as drawn in a wide layout at 1400 px (the chart is 420 px high with its axis and legend, so
# the plot itself is about 200 px; it fills its container, and narrower errs towards fewer
# clashes missed), its y domain (−8 … 112), the x padding, text size and mark size.
PLOT_WIDTH, PLOT_HEIGHT, X_PADDING = 760.0, 200.0, 48.0
Y_DOMAIN = (-8.0, 112.0)
CHAR_WIDTH, LINE_HEIGHT, MARK_RADIUS = 6.3, 15.0, 18.0  # radius: the ring of an efficient dot
LABEL_GAP, LABEL_RISE, LABEL_LIMIT = 16, 8, 260


def _shared_labels(
    names: list[str], x: np.ndarray, y: np.ndarray, named: np.ndarray | None = None
) -> list[str]:
    """One label per cluster of (nearly) coinciding points: "A\\nB" (a name per line) on the
    first, "" on the others. Points not ``named`` (a mask; None: all are) get "" and join no
    cluster.

    A point joins the cluster of the earliest point before it that is close on both axes.
    Points are kept in a grid of cells one clash distance wide, so only the 3×3 cells
    around a point are searched (not every earlier point: areas have hundreds of options).
    """
    if len(names) == 0:
        return []
    sx, sy = _unit(x), _unit(y)
    cx = np.floor(sx / LABEL_CLASH_SHARE).astype(int).tolist()
    cy = np.floor(sy / LABEL_CLASH_SHARE).astype(int).tolist()
    sx_list, sy_list = sx.tolist(), sy.tolist()
    cells: dict[tuple[int, int], list[int]] = {}
    labels = list(names) if named is None else [n if k else "" for n, k in zip(names, named)]
    owner = list(range(len(names)))
    for i in range(len(names)):
        if named is not None and not named[i]:
            continue
        near = [
            j
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for j in cells.get((cx[i] + dx, cy[i] + dy), ())
            if abs(sx_list[i] - sx_list[j]) < LABEL_CLASH_SHARE
            and abs(sy_list[i] - sy_list[j]) < LABEL_CLASH_SHARE
        ]
        if near:
            first = owner[min(near)]
            owner[i] = first
            labels[first] = f"{labels[first]}\n{names[i]}"
            labels[i] = ""
        cells.setdefault((cx[i], cy[i]), []).append(i)
    return labels


def _unit(values: np.ndarray) -> np.ndarray:
    span = values.max() - values.min() if len(values) else 0.0
    return (values - values.min()) / span if span > 0 else np.full(len(values), 0.5)


Box = tuple[float, float, float, float]


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _label_box(x: float, y: float, size: tuple[float, float], vertical: str, side: str) -> Box:
    """The box a label of ``size`` (width, height) covers when placed at a dot at (x, y)."""
    width, height = size
    left = x + LABEL_GAP if side == "r" else x - LABEL_GAP - width
    top = y - LABEL_RISE - height if vertical == "u" else y + LABEL_RISE
    return (left, top, left + width, top + height)


GRID_CELL = 64.0  # pixels: the cell of the box index used by the label placement


class _BoxIndex:
    """Boxes in a grid of :data:`GRID_CELL`-pixel cells: the boxes that may overlap a box are
    those in the cells it covers, in the order they were added."""

    def __init__(self) -> None:
        self.boxes: list[Box] = []
        self.cells: dict[tuple[int, int], list[int]] = {}

    @staticmethod
    def _covered(box: Box) -> list[tuple[int, int]]:
        x0, y0 = math.floor(box[0] / GRID_CELL), math.floor(box[1] / GRID_CELL)
        x1, y1 = math.floor(box[2] / GRID_CELL), math.floor(box[3] / GRID_CELL)
        return [(cx, cy) for cx in range(x0, x1 + 1) for cy in range(y0, y1 + 1)]

    def add(self, box: Box) -> int:
        index = len(self.boxes)
        self.boxes.append(box)
        for cell in self._covered(box):
            self.cells.setdefault(cell, []).append(index)
        return index

    def near(self, box: Box) -> list[int]:
        found: set[int] = set()
        for cell in self._covered(box):
            found.update(self.cells.get(cell, ()))
        return sorted(found)


def _placements(labels: list[str], x: np.ndarray, y: np.ndarray) -> list[str]:
    """Where each label goes: "u"/"d" (above/below its dot) + "r"/"l" (right/left of it).

    Greedy, from the top of the chart down: the first of the four places whose box overlaps
    no dot and no label already placed and stays inside the plot, else the one with the
    least overlap. Options in the right half try the left side first. Dots and placed labels
    sit in a grid (:class:`_BoxIndex`), so a place is checked against the boxes near it only;
    overlaps are summed in the same order as over all boxes (labels as placed, then dots),
    so the result is the same.
    """
    px = X_PADDING + _unit(x) * (PLOT_WIDTH - 2 * X_PADDING)
    low, high = Y_DOMAIN
    py = (high - y) / (high - low) * PLOT_HEIGHT
    r = MARK_RADIUS
    dot_index, label_index = _BoxIndex(), _BoxIndex()
    for a, b in zip(px.tolist(), py.tolist(), strict=True):
        dot_index.add((a - r, b - r, a + r, b + r))
    result = ["ur"] * len(labels)
    for i in sorted(range(len(labels)), key=lambda k: (py[k], px[k])):
        if not labels[i]:
            continue
        lines = labels[i].split("\n")
        size = (
            min(LABEL_LIMIT, max(len(line) for line in lines) * CHAR_WIDTH),
            len(lines) * LINE_HEIGHT,
        )
        options = [(v, side) for side in ("lr" if px[i] > PLOT_WIDTH / 2 else "rl") for v in "ud"]

        def clash(option: tuple[str, str], i: int = i, size: tuple[float, float] = size) -> float:
            box = _label_box(px[i], py[i], size, *option)
            outside = box[0] < 0 or box[2] > PLOT_WIDTH
            labels_near = [label_index.boxes[k] for k in label_index.near(box)]
            dots_near = [dot_index.boxes[k] for k in dot_index.near(box) if k != i]
            return sum(_overlap(box, other) for other in labels_near + dots_near) + (
                size[0] * size[1] if outside else 0.0
            )

        best = min(options, key=lambda option: (clash(option), options.index(option)))
        result[i] = "".join(best)
        label_index.add(_label_box(px[i], py[i], size, *best))
    return result


def pathway_heatmap(
    cells: pd.DataFrame,
    pathway_labels: dict[str, str],
    *,
    title: str,
    x_title: str,
    y_title: str,
    value_title: str,
    signed: bool = False,
    font_size: int = FONT_SIZE,
    lang: str = "de",
) -> alt.Chart:
    """Areas × pathways, cell = best score (×100) of that pathway in that area, labelled.

    ``cells`` is :func:`heatmap_frame` (area_name, pathway_label, option, points). ``signed``
    scores (PROMETHEE II net flows, −100 … 100) get a diverging scale centred on 0, so a
    negative cell does not fade into the background."""
    data = cells
    x = alt.X(
        "pathway_label:N",
        title=x_title,
        sort=[pathway_labels[p] for p in PATHWAY_COLORS],
        axis=alt.Axis(labelAngle=0),
    )
    # No axis title: the area names speak for themselves, and Vega set the rotated title
    # over the long names (y_title still names the tooltip's field).
    y = alt.Y("area_name:N", title=None, sort=None)
    if signed:
        scale = alt.Scale(scheme="blueorange", domain=[-100, 100], domainMid=0)
        dark = "abs(datum.points) > 55"
    else:
        scale = alt.Scale(scheme="blues", domain=[0, 100])
        dark = "datum.points > 55"
    heat = (
        alt.Chart(data)
        .mark_rect()
        .encode(
            x=x,
            y=y,
            color=alt.Color("points:Q", title=value_title, scale=scale),
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
            color=alt.condition(dark, alt.value("white"), alt.value(TEXT_COLOR)),
        )
    )
    layered = alt.layer(heat, text).properties(title=title, height=alt.Step(44), width="container")
    return _configure(layered, font_size, lang)


def heatmap_frame(cells: pd.DataFrame, pathway_labels: dict[str, str]) -> pd.DataFrame:
    """Data for :func:`pathway_heatmap`: cells with pathway label and points (×100)."""
    pathways = cells["pathway"].tolist()
    labels = [pathway_labels.get(p) for p in pathways]
    if pathways and all(isinstance(label, str) for label in labels):
        # every pathway has a text label: the column Series.map gives, without its cost
        # (a few times the rest of the frame's)
        label_column = pd.Series(labels, index=cells.index, name="pathway")
    else:
        label_column = cells["pathway"].map(pathway_labels)
    return cells.assign(pathway_label=label_column, points=cells["score"] * 100)


def heatmap_frame_of(
    cells: Mapping[str, list], area_names: Mapping[str, str], pathway_labels: dict[str, str]
) -> pd.DataFrame:
    """:func:`heatmap_frame` of the cells given as column lists (as
    ``analysis.pathway_cell_columns`` gives them) with each area's display name
    (``area_name``) added: the same frame, built in one go from lists instead of a cells
    frame, a column set and an ``assign``."""
    areas, pathways, scores = cells["area"], cells["pathway"], cells["score"]
    labels = [pathway_labels.get(p) for p in pathways]
    if not pathways or not all(isinstance(label, str) for label in labels):
        # no cell (object columns), or a pathway without a text label (NaN): the frames' path
        frame = pd.DataFrame(dict(cells) if pathways else [], columns=list(cells))
        frame["area_name"] = [area_names[a] for a in areas]
        return heatmap_frame(frame, pathway_labels)
    return pd.DataFrame(
        {
            **cells,
            "area_name": [area_names[a] for a in areas],
            "pathway_label": labels,
            # the product of each float with 100, as the column's product gives it
            "points": [score * 100 for score in scores],
        }
    )
