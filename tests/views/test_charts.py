"""Chart data (core/views/charts.py): the long ranking frame and the scatter's labels."""

from __future__ import annotations

import pandas as pd
import pytest

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
