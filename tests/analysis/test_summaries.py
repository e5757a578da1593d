"""Derived views (core/analysis/summaries.py): area summary with ties, the efficiency frontier, the
scatter's group indices."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from core.analysis import summaries as analysis
from core.scoring import area_model
from core.scoring.weightset import WeightSet
from core.views import recommendation_text as recommendation


def _ranking(scores: list[float], pathways: list[str] | None = None) -> pd.DataFrame:
    """A ranking as rank_area returns it: best first, equal scores share a rank."""
    n = len(scores)
    ranks = [1 + sum(other > s for other in scores) for s in scores]
    return pd.DataFrame(
        {
            "option_id": [f"o{i}" for i in range(n)],
            "option": [f"Option {i}" for i in range(n)],
            "pathway": pathways or ["standard"] * n,
            "partner": [None] * n,
            "rank": ranks,
            "score": scores,
            "cost": [s / 3 for s in scores],
            "citizen_value": [s / 3 for s in scores],
            "feasibility": [s / 3 for s in scores],
            "npv_cost": [1000.0 * (i + 1) for i in range(n)],
            "investment": [100.0 * (i + 1) for i in range(n)],
            "annual_cost": [200.0 * (i + 1) for i in range(n)],
            "staff_fte": [0.5] * n,
        }
    )


def test_summary_names_the_leader_and_the_change_against_the_status_quo() -> None:
    summary = analysis.area_summary(
        _ranking([0.8, 0.6, 0.5], ["standard", "status_quo", "joint_kdn"])
    )
    assert summary["option"] == "Option 0"
    assert summary["runner_up"] == "Option 1"
    assert summary["lead"] == pytest.approx(0.2)
    assert not summary["tied"]
    assert summary["annual_change"] == pytest.approx(200.0 - 400.0)
    assert summary["npv_change"] == pytest.approx(1000.0 - 2000.0)


def test_summary_without_status_quo_or_runner_up() -> None:
    summary = analysis.area_summary(_ranking([0.7]))
    assert summary["runner_up"] is None and summary["lead"] is None
    assert summary["annual_change"] is None and summary["npv_change"] is None
    assert not summary["tied"]


@pytest.mark.parametrize(
    ("second", "tied"),
    [
        (0.7, True),  # equal scores share rank 1
        (0.7 - 0.0004, True),  # 0.04 points: prints as a lead of 0,0 – level at that precision
        (0.7 - 0.0006, False),  # 0.06 points: prints as 0,1 – a lead, however small
        (0.6, False),
    ],
)
def test_a_lead_too_small_to_show_is_a_tie(second: float, tied: bool) -> None:
    ranking = _ranking([0.7, second])
    assert analysis.area_summary(ranking)["tied"] is tied
    kind, sentence = recommendation.recommendation(ranking, "de")
    assert kind == ("tie" if tied else "lead")
    assert sentence.startswith("Gleichstand") is tied


def test_frontier_keeps_options_no_other_beats_on_both() -> None:
    cost = np.array([100.0, 200.0, 150.0, 100.0])
    value = np.array([50.0, 80.0, 40.0, 50.0])
    # option 2 is dearer and less useful than 0; 0 and 3 tie on both and stay
    assert analysis.efficient_frontier(cost, value).tolist() == [True, True, False, True]


def test_scatter_points_of_an_area(conn: duckdb.DuckDBPyConnection) -> None:
    model = area_model.load_areas(conn, 5, 0.009)["ozg"]
    points = analysis.scatter_points(model, WeightSet())
    assert points["option"].tolist() == model.options["name"].tolist()
    for column in ("citizen_value", "feasibility"):
        assert points[column].between(0, 100).all()
        assert points[column].max() > points[column].min()
    assert points["efficient"].any()
    cheapest = points["npv_cost"].idxmin()
    most_useful = points["citizen_value"].idxmax()
    assert points.loc[[cheapest, most_useful], "efficient"].all()


def test_pathway_cells_hold_each_pathways_best_option() -> None:
    ranking = _ranking([0.9, 0.8, 0.7, 0.6], ["standard", "joint_kdn", "standard", "status_quo"])
    cells = analysis.pathway_cells({"ozg": ranking})
    assert cells.to_dict("records") == [
        {"area": "ozg", "pathway": "standard", "score": 0.9, "option": "Option 0"},
        {"area": "ozg", "pathway": "joint_kdn", "score": 0.8, "option": "Option 1"},
        {"area": "ozg", "pathway": "status_quo", "score": 0.6, "option": "Option 3"},
    ]


def test_promethee_recommendation_speaks_of_net_flow() -> None:
    ranking = _ranking([0.4, -0.1])
    _, wsm = recommendation.recommendation(ranking, "de")
    _, net = recommendation.recommendation(ranking, "de", "promethee2")
    assert "Punkte" in wsm and "Nettofluss" not in wsm
    assert "Nettofluss von 40,0 (× 100)" in net and "Punkte" not in net
    _, tie = recommendation.recommendation(_ranking([0.4, 0.4]), "en", "promethee2")
    assert tie.startswith("Tie:") and "net flow of 40.0" in tie
