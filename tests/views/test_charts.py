"""Chart data (core/views/charts.py): the long ranking frame and the scatter's labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core import views
from core.views import charts

GROUP_LABELS = {"cost": "Kosten", "citizen_value": "Bürgernutzen", "feasibility": "Umsetzbarkeit"}
PATHWAYS = {
    "status_quo": "Bestand",
    "standard": "Standard",
    "best_practice": "BP",
    "joint_kdn": "KDN",
}


def test_ranking_frame_has_a_row_per_option_and_group() -> None:
    ranking = pd.DataFrame(
        {
            "option": ["A", "B"],
            "rank": [1, 2],
            "score": [0.5, 0.1],
            "cost": [0.3, -0.2],
            "citizen_value": [0.1, 0.2],
            "feasibility": [0.1, 0.1],
        }
    )
    frame = charts.ranking_frame(ranking, GROUP_LABELS)
    assert len(frame) == 6
    a = frame[frame["option"] == "A"].sort_values("group_order")
    assert a["group_label"].tolist() == ["Kosten", "Bürgernutzen", "Umsetzbarkeit"]
    assert a["points"].tolist() == pytest.approx([30.0, 10.0, 10.0])
    assert a["total"].tolist() == pytest.approx([50.0] * 3)
    b = frame[frame["option"] == "B"]
    # the total's label sits at the end of the positive segments (a net flow can be negative)
    assert b["label_x"].tolist() == pytest.approx([30.0] * 3)
    assert set(b["rank"]) == {2}


def _points(rows: list[tuple[str, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "option": [r[0] for r in rows],
            "pathway": ["standard"] * len(rows),
            "npv_cost": [r[1] for r in rows],
            "citizen_value": [r[2] for r in rows],
            "feasibility": [50.0] * len(rows),
            "efficient": [True] * len(rows),
        }
    )


def test_points_that_nearly_coincide_share_one_label() -> None:
    frame = charts.scatter_frame(
        _points(
            [
                ("A", 100_000.0, 40.0),
                ("B", 500_000.0, 80.0),
                ("C", 101_000.0, 40.5),  # on top of A
                ("D", 300_000.0, 60.0),
                ("E", 100_500.0, 41.0),  # on top of A and C
            ]
        ),
        PATHWAYS,
    )
    assert frame["label"].tolist() == ["A\nC\nE", "B", "", "D", ""]
    assert frame["option"].tolist() == ["A", "B", "C", "D", "E"]  # tooltips keep every name


def test_distinct_points_keep_their_own_labels_and_sides() -> None:
    frame = charts.scatter_frame(
        _points([("A", 100_000.0, 40.0), ("B", 500_000.0, 40.0), ("C", 100_000.0, 80.0)]),
        PATHWAYS,
    )
    assert frame["label"].tolist() == ["A", "B", "C"]
    # right of the dot on the left, left of it on the right, so no name runs off the chart
    assert [p[1] for p in frame["placement"]] == ["r", "l", "r"]
    assert frame["pathway_label"].tolist() == ["Standard"] * 3


def test_a_single_point_is_labelled() -> None:
    frame = charts.scatter_frame(_points([("A", 1.0, 1.0)]), PATHWAYS)
    assert frame["label"].tolist() == ["A"]
    assert frame["placement"].tolist() == ["ur"]


def test_labels_of_neighbours_do_not_overlap() -> None:
    """Two long names on dots close enough that side by side their labels would collide."""
    frame = charts.scatter_frame(
        _points(
            [
                ("Gemeinsame App-Plattform über KDN", 25_000.0, 25.0),
                ("Smart-Village-App (Open Source)", 58_000.0, 26.0),
                ("Eigene Stadt-App", 345_000.0, 63.0),
                ("Keine App", 0.0, 12.0),
            ]
        ),
        PATHWAYS,
    )
    placement = dict(zip(frame["option"], frame["placement"]))
    assert (
        placement["Gemeinsame App-Plattform über KDN"]
        != placement["Smart-Village-App (Open Source)"]
    )
    assert placement["Eigene Stadt-App"][1] == "l"


# --- label placement by grid vs. every pair (areas with hundreds of options) --------------


def _reference_labels(names: list[str], x: np.ndarray, y: np.ndarray) -> list[str]:
    """The clustering by its definition: each point against every earlier one."""
    sx, sy = charts._unit(x), charts._unit(y)
    labels, owner = list(names), list(range(len(names)))
    for i in range(len(names)):
        for j in range(i):
            if (
                abs(sx[i] - sx[j]) < charts.LABEL_CLASH_SHARE
                and abs(sy[i] - sy[j]) < charts.LABEL_CLASH_SHARE
            ):
                owner[i] = owner[j]
                labels[owner[j]] = f"{labels[owner[j]]}\n{names[i]}"
                labels[i] = ""
                break
    return labels


def _reference_placements(labels: list[str], x: np.ndarray, y: np.ndarray) -> list[str]:
    """The greedy placement by its definition: each place against every dot and label."""
    px = charts.X_PADDING + charts._unit(x) * (charts.PLOT_WIDTH - 2 * charts.X_PADDING)
    low, high = charts.Y_DOMAIN
    py = (high - y) / (high - low) * charts.PLOT_HEIGHT
    r = charts.MARK_RADIUS
    dots = [(a - r, b - r, a + r, b + r) for a, b in zip(px, py, strict=True)]
    placed: list[tuple[float, float, float, float]] = []
    result = ["ur"] * len(labels)
    for i in sorted(range(len(labels)), key=lambda k: (py[k], px[k])):
        if not labels[i]:
            continue
        lines = labels[i].split("\n")
        size = (
            min(charts.LABEL_LIMIT, max(len(s) for s in lines) * charts.CHAR_WIDTH),
            len(lines) * charts.LINE_HEIGHT,
        )
        others = placed + dots[:i] + dots[i + 1 :]
        options = [(v, s) for s in ("lr" if px[i] > charts.PLOT_WIDTH / 2 else "rl") for v in "ud"]

        def clash(option: tuple[str, str], i: int = i, size=size, others=others) -> float:  # noqa: ANN001
            box = charts._label_box(px[i], py[i], size, *option)
            outside = box[0] < 0 or box[2] > charts.PLOT_WIDTH
            return sum(charts._overlap(box, o) for o in others) + (
                size[0] * size[1] if outside else 0.0
            )

        best = min(options, key=lambda option: (clash(option), options.index(option)))
        result[i] = "".join(best)
        placed.append(charts._label_box(px[i], py[i], size, *best))
    return result


@pytest.mark.parametrize("seed", range(40))
def test_grid_placement_equals_the_pairwise_definition(seed: int) -> None:
    """Clusters and places from the grid index are exactly those of comparing every pair,
    also with many coinciding points (integer costs and values) and long names."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 90))
    x = rng.uniform(0, 1e6, n) if seed % 3 else rng.integers(0, 6, n).astype(float)
    y = rng.uniform(0, 100, n) if seed % 2 else rng.integers(0, 5, n) * 10.0
    names = [f"Option {i} " * int(rng.integers(1, 5)) for i in range(n)]
    labels = charts._shared_labels(names, x, y)
    assert labels == _reference_labels(names, x, y)
    assert charts._placements(labels, x, y) == _reference_placements(labels, x, y)


def test_many_options_print_only_efficient_and_recommended_names() -> None:
    n = charts.LABEL_ALL_MAX + 1
    points = _points([(f"O{i}", 1000.0 * i, float(i % 7)) for i in range(n)])
    points["efficient"] = [i in (0, 5) for i in range(n)]
    frame = charts.scatter_frame(points, PATHWAYS, top="O9")
    assert [o for o, label in zip(frame["option"], frame["label"]) if label] == ["O0", "O5", "O9"]
    assert frame["option"].tolist() == [f"O{i}" for i in range(n)]  # tooltips: every name
    few = charts.scatter_frame(points.iloc[: charts.LABEL_ALL_MAX], PATHWAYS, top="O9")
    assert all(few["label"])  # up to the limit every option prints its name


@pytest.mark.parametrize(("lang", "thousands"), [("de", "."), ("en", ",")])
def test_value_for_money_axis_speaks_the_pages_language(lang: str, thousands: str) -> None:
    """The value-for-money chart formats its euro axis and tooltips like every other chart:
    German grouping on the German page (it showed -200,000 there before)."""
    frame = pd.DataFrame(
        {
            "area": ["ozg", "gis"], "area_name": ["OZG", "GIS"], "option": ["A", "B"],
            "npv_change": [-200_000.0, 150_000.0], "value_gain": [3.0, 5.0],
            "best_buy": [1, 2],
        }
    )  # fmt: skip
    chart = views.value_for_money_chart(
        views.value_for_money_frame(frame), x_title="x", y_title="y", area_title="a",
        option_title="o", order_title="r", lang=lang,
    )  # fmt: skip
    spec = chart.to_dict()
    assert spec["config"]["locale"]["number"]["thousands"] == thousands
    x = spec["layer"][0]["encoding"]["x"]
    assert x["axis"]["format"] == ",.0f"
